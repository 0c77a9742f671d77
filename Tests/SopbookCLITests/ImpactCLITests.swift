import Foundation
import Testing

/// `sopbook impact` on a real repository: a base commit, then edits of every kind in the working tree
/// (and committed, for `--head`), in all three formats; the exit status follows the new findings only;
/// the working tree and the index are left as they were; bad revisions and places are one line, exit 2.
@Suite(.serialized) struct ImpactCLITests {
    static func git(_ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "commit.gpgsign=false", "-c", "user.name=Alice Martin", "-c", "user.email=a@example.com"] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func sop(_ title: String, owner: String = "Finance Lead", raci: String = "", quality: String = "[Done on time]",
                    status: String = "active", steps: [String]) -> String {
        let raciLine = raci.isEmpty ? "" : "raci: \(raci)\n"
        return "---\ntitle: \(title)\nowner: \(owner)\nstatus: \(status)\n\(raciLine)quality: \(quality)\n---\n\n# \(title)\n\n## Steps\n"
            + steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n") + "\n"
    }

    static let invoiceRaci = "{responsible: Accountant, accountable: Finance Lead, consulted: [Sales Lead], informed: [Customer Success]}"

    /// The base commit: seven SOPs, two people, and Alice's acknowledgement of the invoice SOP.
    static func makeRepository() throws -> URL {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-impact-\(UUID().uuidString)")
        let files: [String: String] = [
            "sopbook.yml": "title: Impact test\npeople:\n  Alice Martin: [Accountant]\n  Bob Stone: [Sales Lead]\n",
            "Content/finance/invoice.md": sop("Issue an invoice", raci: invoiceRaci, steps: ["Check the delivery note.", "Open the draft invoice.", "Send it. See [refunds](refund.md)."]),
            "Content/finance/refund.md": sop("Issue a refund", raci: "{responsible: Accountant, accountable: Finance Lead}", steps: ["Check the order.", "Refund it. See [invoices](invoice.md)."]),
            "Content/hr/old-policy.md": sop("Old leave policy", owner: "HR Lead", raci: "{responsible: HR Lead, accountable: HR Lead}", steps: ["Ask your manager. See [the invoice](../finance/invoice.md)."]),
            "Content/ops/obsolete.md": sop("Fax the supplier", owner: "Operations Lead", raci: "{responsible: Operations Lead, accountable: Operations Lead}", steps: ["Fax it. See [the invoice](../finance/invoice.md)."]),
            "Content/ops/fixme.md": sop("Count the stock", owner: "Operations Lead", raci: "{responsible: Operations Lead, accountable: Operations Lead}", steps: ["Count it. See [the sheet](missing-sheet.md)."]),
            "Content/ops/handover.md": sop("Hand over the shift", owner: "Operations Lead", raci: "{responsible: Operations Lead, accountable: Operations Lead}", steps: ["Write the log. See [stock](fixme.md), [fax](obsolete.md), [leave](../hr/old-policy.md)."]),
        ]
        for (path, text) in files {
            let url = repo.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        _ = try git(["init", "-q", "-b", "main"], in: repo)
        let ack = try CLITests.run(["ack", "finance/invoice", "--as", "Alice Martin", "--today", "2026-03-01"], in: repo)
        #expect(ack.status == 0, "\(ack.stderr)")
        _ = try git(["add", "-A"], in: repo)
        _ = try git(["commit", "-q", "-m", "Base"], in: repo)
        return repo
    }

    /// Every kind of edit: steps reworded, added and removed, a consulted role and a quality standard
    /// added, a move, a retirement, a deletion, an owner change, a new SOP with a broken link, a link fixed.
    static func edit(_ repo: URL) throws {
        func write(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: repo.appendingPathComponent(path)) }
        try write("Content/finance/invoice.md", sop("Issue an invoice",
            raci: "{responsible: Accountant, accountable: Finance Lead, consulted: [Sales Lead, Operations Lead], informed: [Customer Success]}",
            quality: "[Done on time, No credit notes]",
            steps: ["Check the delivery note.", "Open the draft invoice in Xero.", "Send it. See [refunds](refunds/issue-refund.md).", "File the number."]))
        _ = try git(["mv", "Content/finance/refund.md", "Content/finance/issue-refund.md"], in: repo)
        try write("Content/hr/old-policy.md", sop("Old leave policy", owner: "HR Lead", raci: "{responsible: HR Lead, accountable: HR Lead}",
                                                  status: "retired", steps: ["Ask your manager. See [the invoice](../finance/invoice.md)."]))
        try FileManager.default.removeItem(at: repo.appendingPathComponent("Content/ops/obsolete.md"))
        try write("Content/ops/fixme.md", sop("Count the stock", owner: "Warehouse Lead", raci: "{responsible: Operations Lead, accountable: Warehouse Lead}",
                                              steps: ["Count it. See [the handover](handover.md)."]))
        try write("Content/ops/handover.md", sop("Hand over the shift", owner: "Operations Lead", raci: "{responsible: Operations Lead, accountable: Operations Lead}",
                                                 steps: ["Write the log. See [stock](fixme.md), [leave](../hr/old-policy.md)."]))
        try write("Content/finance/quote.md", sop("Send a quote", owner: "Sales Lead", raci: "{responsible: Sales Lead, accountable: Sales Lead}",
                                                  steps: ["Price it. See [the price list](price-list.md) and [invoices](invoice.md) and [refunds](issue-refund.md)."]))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyKindOfChangeInEveryFormat() throws {
        let repo = try Self.makeRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let base = try Self.git(["rev-parse", "HEAD"], in: repo)
        try Self.edit(repo)
        let status = try Self.git(["status", "--porcelain"], in: repo)
        let index = try Data(contentsOf: repo.appendingPathComponent(".git/index"))

        let text = try CLITests.run(["impact", "--base", "main", "--today", "2026-06-01"], in: repo)
        #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.hasPrefix("Impact of working tree against main ("), "\(text.stdout)")
        #expect(text.stdout.contains(": 7 processes changed (1 added, 3 changed, 1 renamed, 1 retired, 1 deleted)\n"), "\(text.stdout)")
        for line in ["changed  finance/invoice.md  Issue an invoice (owner: Finance Lead)",
                     "1 step added; 1 step reworded; consulted: + Operations Lead; quality: 1 added, 0 removed",
                     "~ step: Open the draft invoice. → Open the draft invoice in Xero.",
                     "renamed  finance/issue-refund.md  Issue a refund", "moved from finance/refund.md",
                     "retired  hr/old-policy.md", "status: active → retired",
                     "deleted  ops/obsolete.md  Fax the supplier", "added    finance/quote.md  Send a quote",
                     "owner: + Warehouse Lead, − Operations Lead",
                     "Must re-read: Alice Martin (finance/invoice)", "New SOPs to read: Bob Stone (finance/quote)"] {
            #expect(text.stdout.contains(line), "missing \(line) in\n\(text.stdout)")
        }
        #expect(try Self.git(["status", "--porcelain"], in: repo) == status, "impact changed the working tree")
        #expect(try Data(contentsOf: repo.appendingPathComponent(".git/index")) == index, "impact changed the index")

        let report = try Self.json(try CLITests.run(["impact", "--base", base, "--format", "json", "--today", "2026-06-01"], in: repo).stdout)
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(summary == ["processes": 7, "added": 1, "changed": 3, "renamed": 1, "retired": 1, "deleted": 1, "newFindings": 5, "fixedFindings": 2])
        let new = try #require(report["newFindings"] as? [[String: Any]])
        let newRules = Set(new.map { "\($0["rule"] ?? "")@\($0["file"] ?? "")" })
        #expect(newRules.contains("broken-link@finance/quote.md"), "\(newRules)")
        #expect(newRules.contains("broken-link@finance/invoice.md"), "the link to the moved file is broken: \(newRules)")
        #expect(!newRules.contains { $0.hasPrefix("broken-link@ops/fixme.md") })
        let fixed = try #require(report["fixedFindings"] as? [[String: Any]])
        // The stock count's link is fixed, and the handover, now linked from it, is no longer an orphan.
        #expect(fixed.map { "\($0["rule"] ?? "")@\($0["file"] ?? "")" } == ["broken-link@ops/fixme.md", "orphan@ops/handover.md"])
        let consult = try #require(report["consult"] as? [[String: Any]]).compactMap { $0["role"] as? String }
        #expect(consult == ["Operations Lead", "Sales Lead"])
        let inform = try #require(report["inform"] as? [[String: Any]]).compactMap { $0["role"] as? String }
        #expect(Set(["Accountant", "Customer Success", "Finance Lead", "HR Lead", "Warehouse Lead"]).isSubset(of: Set(inform)), "\(inform)")

        let markdown = try CLITests.run(["impact", "--base", "main", "--format", "markdown", "--fail-on", "never"], in: repo)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("<!-- sopbook-impact -->\n### "), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("<details open><summary><b>Processes (7)</b></summary>"))
        #expect(markdown.stdout.contains("`Content/finance/quote.md`"))

        // The same change committed, compared commit to commit, says the same of the processes.
        _ = try Self.git(["add", "-A"], in: repo)
        _ = try Self.git(["commit", "-q", "-m", "Head"], in: repo)
        let committed = try Self.json(try CLITests.run(["impact", "--base", base, "--head", "HEAD", "--format", "json", "--today", "2026-06-01"], in: repo).stdout)
        #expect((committed["processes"] as? NSArray)?.isEqual(report["processes"] as? NSArray) == true)
        #expect((committed["newFindings"] as? NSArray)?.isEqual(report["newFindings"] as? NSArray) == true)
        #expect((committed["head"] as? [String: Any])?["commit"] as? String == (try Self.git(["rev-parse", "HEAD"], in: repo)))

        // Both commits are made from the working tree's files and Git's diff: a working tree unlike either
        // (an edit, a deletion, a new file Git does not track) must not change what is said of them.
        try Data("---\ntitle: Stray\nowner: X\n---\n".utf8).write(to: repo.appendingPathComponent("Content/ops/stray.md"))
        try FileManager.default.removeItem(at: repo.appendingPathComponent("Content/finance/invoice.md"))
        try Data("\nEdited again.\n".utf8).write(to: repo.appendingPathComponent("Content/ops/handover.md"))
        let dirty = try Self.json(try CLITests.run(["impact", "--base", base, "--head", "HEAD", "--format", "json", "--today", "2026-06-01"], in: repo).stdout)
        for key in ["processes", "newFindings", "fixedFindings", "consult", "inform", "reread", "firstRead"] {
            #expect((dirty[key] as? NSArray)?.isEqual(committed[key] as? NSArray) == true, "\(key) differs with a dirty working tree")
        }
    }

    @Test func noChangeIsCleanAndFindingsTheBaseHadNeverFail() throws {
        let repo = try Self.makeRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        // The base has a broken link (ops/fixme.md): `check` fails, `impact` does not, nothing is new.
        #expect(try CLITests.run(["check"], in: repo).status == 1)
        let r = try CLITests.run(["impact", "--base", "HEAD"], in: repo)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("no process changed") && r.stdout.contains("0 new findings, 0 fixed"), "\(r.stdout)")
    }

    /// A GitBook handbook: its SUMMARY.md (the navigation, in the content folder) is read from the base
    /// commit too, with no note and no finding of it new or fixed.
    @Test func aNavigationFileInTheContentIsReadFromTheBase() throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-impact-nav-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: repo) }
        let files = [
            "sopbook.yml": "navigation: Content/SUMMARY.md\n",
            "Content/SUMMARY.md": "# Summary\n\n* [A](a.md)\n* [B](b.md)\n* [Gone](gone.md)\n",
            "Content/a.md": Self.sop("A", steps: ["See [B](b.md)."]),
            "Content/b.md": Self.sop("B", steps: ["See [A](a.md)."]),
        ]
        for (path, text) in files {
            let url = repo.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        _ = try Self.git(["init", "-q", "-b", "main"], in: repo)
        _ = try Self.git(["add", "-A"], in: repo)
        _ = try Self.git(["commit", "-q", "-m", "Base"], in: repo)
        try Data(Self.sop("B", steps: ["See [A](a.md).", "Then file it."]).utf8).write(to: repo.appendingPathComponent("Content/b.md"))
        let r = try CLITests.run(["impact", "--base", "HEAD", "--format", "json"], in: repo)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let report = try Self.json(r.stdout)
        #expect((report["notes"] as? [String]) == [], "\(report["notes"] ?? "")")
        #expect((report["newFindings"] as? [Any])?.isEmpty == true && (report["fixedFindings"] as? [Any])?.isEmpty == true, "\(r.stdout)")
        #expect((report["processes"] as? [[String: Any]])?.map { $0["file"] as? String } == ["b.md"])
    }

    @Test func badRevisionsAndPlacesAreOneLineAndExitTwo() throws {
        let repo = try Self.makeRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        func expectUsage(_ arguments: [String], in folder: URL, _ words: [String]) throws {
            let r = try CLITests.run(arguments, in: folder)
            #expect(r.status == 2, "\(arguments): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stdout.isEmpty, "\(r.stderr)")
            for word in words { #expect(r.stderr.contains(word), "\(word) not in \(r.stderr)") }
        }
        try expectUsage(["impact", "--base", "no-such-branch"], in: repo, ["--base no-such-branch is not a commit"])
        try expectUsage(["impact", "--base", "HEAD", "--head", "nope"], in: repo, ["--head nope"])

        let outside = repo.deletingLastPathComponent().appendingPathComponent("sopbook-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try expectUsage(["impact", "--base", "HEAD", "--content", outside.path], in: repo, ["outside the repository"])

        let empty = outside.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty.appendingPathComponent("Content"), withIntermediateDirectories: true)
        _ = try Self.git(["init", "-q"], in: empty)
        try expectUsage(["impact", "--base", "HEAD"], in: empty, ["no commits yet"])

        // A second commit, then a clone holding only it: the base commit is not there.
        let first = try Self.git(["rev-parse", "HEAD"], in: repo)
        try Data("\n".utf8).write(to: repo.appendingPathComponent("Content/extra.md"))
        _ = try Self.git(["add", "-A"], in: repo)
        _ = try Self.git(["commit", "-q", "-m", "Second"], in: repo)
        let clone = outside.appendingPathComponent("clone")
        _ = try Self.git(["clone", "-q", "--depth", "1", "file://" + repo.path, clone.path], in: outside)
        try expectUsage(["impact", "--base", first], in: clone, ["shallow clone", "git fetch", "fetch-depth: 0"])
    }
}
