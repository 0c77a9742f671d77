import Foundation
import Testing
@testable import SopbookKit

/// Revision blocks, revision histories and approvals from real Git repositories (never a mocked history):
/// built pages, the rule `approval-outdated`, shallow clones and folders outside Git, `serve` after a commit.
@Suite struct ControlledDocumentTests {
    static let today = "2026-11-23"

    static func sop(_ title: String, approval: String? = nil, effective: String? = nil, reviewLast: String = "2026-01-10",
                    body: String = "1. Do the work.") -> String {
        var front = "title: \(title)\nowner: Finance Lead\n"
        if let approval { front += "approval:\n  by: Quality Manager\n  on: \(approval)\n" }
        if let effective { front += "effective: \(effective)\n" }
        front += "review:\n  last: \(reviewLast)\n  every: 12 months\n"
        return "---\n\(front)---\n\n# \(title)\n\n## Steps\n\(body)\n"
    }

    static func workspace(_ folder: URL, output: URL) throws -> Workspace {
        try Workspace(content: folder.appendingPathComponent("Content").path, output: output.path, templates: nil,
                      config: nil, today: today, currentDirectory: folder)
    }

    /// Builds `folder`'s Content/ and returns the outcome and the page of `file`.
    static func build(_ folder: URL, page file: String) throws -> (BuildOutcome, String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-rev-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try SiteBuilder.build(try workspace(folder, output: output))
        let page = try #require(outcome.pageByFile()[file])
        return (outcome, try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8))
    }

    static func findings(_ folder: URL, rule: String) -> [Finding] {
        let content = folder.appendingPathComponent("Content")
        let input = Pipeline.Input(content: content, configuration: Configuration(), today: CivilDate(today) ?? Pipeline.testToday,
                                   renderBodies: false, history: .reading(content))
        return Pipeline.check(input).report.findings.filter { $0.rule == rule }
    }

    /// Three commits by three authors across a rename: the page shows rev. 3 and each commit, newest first.
    @Test func pagesShowTheRevisionBlockAndHistory() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("Content/finance/invoice.md", Self.sop("Invoice", approval: "2026-01-10", effective: "2026-01-15"))
        try repo.commit("Write the invoice SOP", author: "Alice Martin", date: "2026-01-10")
        try repo.git("mv", "Content/finance/invoice.md", "Content/finance/issue-invoice.md")
        try repo.commit("Rename the invoice SOP", author: "Bob Stone", date: "2026-02-11")
        try repo.write("Content/finance/issue-invoice.md", Self.sop("Invoice", approval: "2026-01-10", effective: "2026-01-15",
                                                                    body: "1. Do the work.\n2. Check it."))
        try repo.commit("Add the check step", author: "Chloé Durand", date: "2026-03-12")
        let hashes = try repo.git("log", "--format=%h").split(separator: "\n").map(String.init)
        let (outcome, page) = try Self.build(repo.root, page: "finance/issue-invoice.md")
        #expect(outcome.warnings.isEmpty)
        #expect(page.contains("<dd>rev. 3</dd>"))
        #expect(page.contains("<dt>Effective</dt><dd>2026-01-15</dd>"))
        #expect(page.contains("<dt>Approval</dt><dd>Quality Manager <span class=\"muted\">on 2026-01-10</span></dd>"))
        #expect(page.contains("<dt>Owner</dt>"))
        let rows = [("2026-03-12", "Chloé Durand", "Add the check step", hashes[0]),
                    ("2026-02-11", "Bob Stone", "Rename the invoice SOP", hashes[1]),
                    ("2026-01-10", "Alice Martin", "Write the invoice SOP", hashes[2])]
        let positions = try rows.map { row in
            try #require(page.range(of: "<tr><td>\(row.0)</td><td>\(row.1)</td><td>\(row.2)</td><td><code>\(row.3)</code></td></tr>")?.lowerBound)
        }
        #expect(positions == positions.sorted(), "newest first")
        #expect(!page.contains("history-notice"))
    }

    /// A content change after the approval date outdates it; the finding names the commit that changed it.
    @Test func aContentChangeAfterApprovalIsFound() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2026-02-01"))
        try repo.commit("Approve", author: "Alice Martin", date: "2026-02-01")
        #expect(Self.findings(repo.root, rule: "approval-outdated").isEmpty)
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2026-02-01", body: "1. Do other work."))
        try repo.commit("Change the step", author: "Bob Stone", date: "2026-03-01")
        let found = Self.findings(repo.root, rule: "approval-outdated")
        let short = try repo.git("log", "-1", "--format=%h").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning && found.first?.file == "pay.md" && found.first?.location.line == 4)
        #expect(found.first?.message.contains("\(short) \"Change the step\" by Bob Stone on 2026-03-01") == true)
        #expect(found.first?.message.contains("update `approval.on`") == true)
    }

    /// Recording a review, moving whitespace or re-dating the approval record is not a content change;
    /// a real change after those is, and the finding names it rather than them.
    @Test func reviewDatesAndWhitespaceDoNotOutdateAnApproval() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2026-02-01"))
        try repo.commit("Approve", author: "Alice Martin", date: "2026-02-01")
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2026-02-01", reviewLast: "2026-03-01"))
        try repo.commit("Record the review", author: "Bob Stone", date: "2026-03-01")
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2026-02-01", reviewLast: "2026-03-01", body: "1.   Do the  work.\n\n"))
        try repo.commit("Reflow", author: "Bob Stone", date: "2026-04-01")
        #expect(Self.findings(repo.root, rule: "approval-outdated").isEmpty)
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2026-02-01", reviewLast: "2026-03-01", body: "1. Do more work."))
        try repo.commit("Really change it", author: "Chloé Durand", date: "2026-05-01")
        let found = Self.findings(repo.root, rule: "approval-outdated")
        #expect(found.map(\.message).first?.contains("\"Really change it\" by Chloé Durand on 2026-05-01") == true)
        #expect(found.count == 1)
    }

    /// Approved before it came into Git (or before a shallow clone's oldest commit): the oldest revision
    /// held stands for the approved text, so only a later change counts, never the first commit.
    @Test func aFileCommittedAfterItsApprovalDateIsComparedWithItsFirstRevision() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2025-12-01"))
        try repo.commit("Import the approved SOP", author: "Alice Martin", date: "2026-01-05")
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2025-12-01", reviewLast: "2026-02-01"))
        try repo.commit("Record the review", author: "Bob Stone", date: "2026-02-01")
        #expect(Self.findings(repo.root, rule: "approval-outdated").isEmpty)
        let clone = repo.root.appendingPathComponent("clone")
        try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.root.path, clone.path])
        #expect(Self.findings(clone, rule: "approval-outdated").isEmpty)
        try repo.write("Content/pay.md", Self.sop("Pay", approval: "2025-12-01", reviewLast: "2026-02-01", body: "1. Pay twice."))
        try repo.commit("Change it", author: "Chloé Durand", date: "2026-03-01")
        #expect(Self.findings(repo.root, rule: "approval-outdated").map(\.message).first?.contains("\"Change it\" by Chloé Durand") == true)
    }

    @Test func normalisingDropsReviewLastTheApprovalAndWhitespaceOnly() {
        let block = "---\nreview:\n  last: 2026-01-01\n  every: 6 months\napproval:\n  by: QM\n  on: 2026-01-01\ntitle: A\n---\n# A  \n"
        let moved = "---\nreview:\n  last: 2026-06-01\n  every: 6 months\ntitle:   A\n---\n\n# A\n"
        let flow = "---\nreview: { last: 2026-02-02, every: 6 months }\napproval: { by: X, on: 2026-05-05 }\ntitle:   A\n---\n\n# A\n"
        let flowMoved = "---\nreview: {last: 2026-09-09, every: 6 months}\ntitle: A\n---\n# A\n"
        #expect(GitHistory.normalised(block) == GitHistory.normalised(moved))
        #expect(GitHistory.normalised(flow) == GitHistory.normalised(flowMoved))
        #expect(GitHistory.normalised(flow) != GitHistory.normalised(flow.replacingOccurrences(of: "every: 6", with: "every: 3")))
        #expect(GitHistory.normalised(block) != GitHistory.normalised(block.replacingOccurrences(of: "every: 6", with: "every: 3")))
        #expect(GitHistory.normalised(block) != GitHistory.normalised(block.replacingOccurrences(of: "# A", with: "# B")))
        // Only the front matter loses its review date and approval record: the body is compared whole.
        #expect(GitHistory.normalised(block + "approval: x\n") != GitHistory.normalised(block + "approval: y\n"))
    }

    /// A shallow clone's pages say so instead of a short history, and the build warns once with the fix.
    @Test func aShallowCloneSaysSo() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        for n in 1...3 {
            try repo.write("Content/a.md", Self.sop("A", body: "1. Version \(n)."))
            try repo.write("Content/b.md", Self.sop("B", body: "1. See [A](a.md), version \(n)."))
            try repo.commit("Version \(n)", author: "Alice Martin", date: "2026-01-0\(n)")
        }
        let clone = repo.root.appendingPathComponent("clone")
        try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.root.path, clone.path])
        let (outcome, page) = try Self.build(clone, page: "a.md")
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.contains("shallow clone") == true && outcome.warnings.first?.contains("fetch-depth: 0") == true)
        #expect(page.contains("shallow clone of the repository: its revision history is incomplete"))
        #expect(!page.contains("rev. ") && !page.contains("<table class=\"revisions\">"))
        // The same repository, whole, shows the history.
        let (whole, full) = try Self.build(repo.root, page: "a.md")
        #expect(whole.warnings.isEmpty && full.contains("<dd>rev. 3</dd>"))
    }

    @Test func outsideGitThePageSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-nogit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data(Self.sop("A", approval: "2026-01-01").utf8).write(to: folder.appendingPathComponent("Content/a.md"))
        let (outcome, page) = try Self.build(folder, page: "a.md")
        #expect(outcome.warnings.count == 1 && outcome.warnings.first?.contains("not in a Git repository") == true)
        #expect(page.contains("built outside a Git repository"))
        #expect(!page.contains("rev. "))
        #expect(Self.findings(folder, rule: "approval-outdated").isEmpty)
    }

    /// `serve` reads the history again when HEAD moves: a commit of an already saved file moves its page.
    @Test func serveShowsANewCommitWithoutAnEdit() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("Content/a.md", Self.sop("A", approval: "2026-01-01"))
        try repo.commit("First", author: "Alice Martin", date: "2026-01-01")
        let output = repo.root.appendingPathComponent("Output")
        let session = IncrementalSession()
        let workspace = try Self.workspace(repo.root, output: output)
        let first = try session.build(workspace)
        let page = output.appendingPathComponent(try #require(first.pageByFile()["a.md"]))
        #expect(try String(contentsOf: page, encoding: .utf8).contains("<dd>rev. 1</dd>"))
        #expect(session.memo.misses[.approvals] == 1)
        try repo.write("Content/a.md", Self.sop("A", approval: "2026-01-01", body: "1. Saved, then committed."))
        let saved = try session.build(workspace, changedFiles: ["a.md"])
        #expect(try String(contentsOf: page, encoding: .utf8).contains("<dd>rev. 1</dd>"))
        // Neither the approval nor the history moved: Git's blobs are not read again.
        #expect(session.memo.misses[.approvals] ?? 0 == 0)
        #expect(!saved.report.findings.contains { $0.rule == "approval-outdated" })
        try repo.commit("Second", author: "Bob Stone", date: "2026-02-01")
        let committed = try session.build(workspace, changedFiles: [])
        let after = try String(contentsOf: page, encoding: .utf8)
        #expect(after.contains("<dd>rev. 2</dd>") && after.contains("<td>Bob Stone</td><td>Second</td>"))
        #expect(session.stats.written >= 1 && session.memo.misses[.approvals] == 1)
        #expect(committed.report.findings.filter { $0.rule == "approval-outdated" }.count == 1)
    }

    /// `document_control: true` turns missing-approval on and raises review-overdue to error, unless
    /// `rules:` sets a severity.
    @Test func documentControlSeverities() throws {
        let on = try Configuration.parse("document_control: true\n", displayName: "sopbook.yml")
        let set = try Configuration.parse("document_control: true\nrules:\n  review-overdue: warning\n", displayName: "sopbook.yml")
        #expect(Configuration().severity(of: MissingApprovalRule()) == .off)
        #expect(Configuration().severity(of: ReviewOverdueRule()) == .warning)
        #expect(on.severity(of: MissingApprovalRule()) == .error && on.severity(of: ReviewOverdueRule()) == .error)
        #expect(set.severity(of: ReviewOverdueRule()) == .warning && set.severity(of: MissingApprovalRule()) == .error)
    }
}
