import Foundation
import Testing

/// `sopbook codeowners` and `sopbook reviews` through the binary, in a real Git repository whose content
/// folder is not at its root: the block is written, checked, found out of date after an owner changes,
/// and the reviews digest is printed in its three formats.
@Suite(.serialized) struct OwnersReviewsCLITests {
    static func repository() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-owners-\(UUID().uuidString)")
        try BaselineCLITests.write(root, "sopbook.yml", """
            codeowners: true
            site_url: https://acme.github.io/ops
            roles:
              Finance Lead: { handle: "@acme/finance" }
              Warehouse Lead: { handle: "@acme/warehouse" }
              Accountant: Books the invoices
            rules: { orphan: off }
            """)
        try BaselineCLITests.write(root, "Content/finance/pay bills.md", sop("Pay bills", owner: "Finance Lead", next: "2026-11-20"))
        try BaselineCLITests.write(root, "Content/finance/books.md", sop("Close the books", owner: "Accountant", next: "2026-12-20"))
        try BaselineCLITests.write(root, "Content/ops/count.md", sop("Count stock", owner: "[Warehouse Lead, Finance Lead]", next: "2027-06-01"))
        try BaselineCLITests.write(root, ".github/CODEOWNERS", "# Hand-written\n* @acme/admins\n")
        try HistoryWarningCLITests.git(["init", "-q", "-b", "main"], in: root)
        try HistoryWarningCLITests.git(["add", "-A"], in: root)
        try HistoryWarningCLITests.git(["commit", "-q", "-m", "First"], in: root)
        return root
    }

    static func sop(_ title: String, owner: String, next: String) -> String {
        "---\ntitle: \(title)\nowner: \(owner)\nreview: { next: \(next) }\n---\n\n## Steps\n1. Do it.\n"
    }

    @Test func writeThenCheckThenAnOwnerChanges() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try CLITests.run(["codeowners", "--check"], in: root)
        #expect(before.status == 1 && before.stdout.contains(".github/CODEOWNERS:4: + # BEGIN sopbook codeowners"), "\(before.stdout)")
        let write = try CLITests.run(["codeowners", "--write"], in: root)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout == "wrote .github/CODEOWNERS (3 SOPs, 1 without a handle)\n")
        let file = try BaselineCLITests.read(root, ".github/CODEOWNERS")
        #expect(file.hasPrefix("# Hand-written\n* @acme/admins\n\n# BEGIN sopbook codeowners\n"))
        #expect(file.hasSuffix("""
            # /Content/finance/books.md: no handle for Accountant
            /Content/finance/pay\\ bills.md @acme/finance
            /Content/ops/count.md @acme/warehouse @acme/finance
            # END sopbook codeowners

            """))
        let check = try CLITests.run(["codeowners", "--check"], in: root)
        #expect(check.status == 0 && check.stdout == "CODEOWNERS is up to date\n")
        // The warning the block's comment line stands for.
        #expect(try CLITests.run(["check"], in: root).stdout.contains("finance/books.md:3:8: warning: owner `Accountant` has no handle"))

        try BaselineCLITests.write(root, "Content/ops/count.md", Self.sop("Count stock", owner: "Warehouse Lead", next: "2027-06-01"))
        let changed = try CLITests.run(["codeowners", "--check"], in: root)
        #expect(changed.status == 1)
        #expect(changed.stdout.hasPrefix("""
            .github/CODEOWNERS:8: - /Content/ops/count.md @acme/warehouse @acme/finance
            .github/CODEOWNERS:8: + /Content/ops/count.md @acme/warehouse
            """), "\(changed.stdout)")
        // From a subfolder, with the options pointing back: the same repository root.
        let sub = try CLITests.run(["codeowners", "--check", "--content", "../Content", "--config", "../sopbook.yml"],
                                   in: root.appendingPathComponent("Content"))
        #expect(sub.status == 1 && sub.stdout.contains("/Content/ops/count.md @acme/warehouse\n"), "\(sub.stdout)\(sub.stderr)")
    }

    @Test func refusesConflictingFlagsAndABrokenBlock() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let both = try CLITests.run(["codeowners", "--write", "--check"], in: root)
        #expect(both.status == 2 && both.stderr == "sopbook: error: --write and --check cannot be used together\n")
        try BaselineCLITests.write(root, ".github/CODEOWNERS", "* @a\n# BEGIN sopbook codeowners\n")
        let broken = try CLITests.run(["codeowners", "--write"], in: root)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("sopbook: error: .github/CODEOWNERS:2: `# BEGIN sopbook codeowners` has no `# END"), "\(broken.stderr)")
        #expect(try BaselineCLITests.read(root, ".github/CODEOWNERS") == "* @a\n# BEGIN sopbook codeowners\n")
    }

    @Test func reviewsInThreeFormats() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try CLITests.run(["reviews", "--today", "2026-12-04"], in: root)
        #expect(text.status == 0)
        #expect(text.stdout == """
            2 SOP reviews due by 2027-01-03 (within 30 days of 2026-12-04): 1 overdue, 1 coming due

            Accountant
              Close the books — due 2026-12-20 (in 16 days)
                https://acme.github.io/ops/finance/books.html

            Finance Lead (@acme/finance)
              Pay bills — overdue since 2026-11-20 (14 days)
                https://acme.github.io/ops/finance/pay%20bills.html

            """, "\(text.stdout)")
        let markdown = try CLITests.run(["reviews", "--today", "2026-12-04", "--format", "markdown"], in: root)
        #expect(markdown.stdout.contains("## Finance Lead (@acme/finance)\n\n- [ ] [Pay bills](https://acme.github.io/ops/finance/pay%20bills.html) — overdue since 2026-11-20 (14 days)\n"))
        let json = try CLITests.run(["reviews", "--today", "2026-12-04", "--format", "json", "--within", "1 year"], in: root)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(parsed["within"] as? String == "1 year")
        let owners = try #require(parsed["owners"] as? [[String: Any]])
        #expect(owners.map { $0["owner"] as? String } == ["Accountant", "Finance Lead", "Warehouse Lead"])
        #expect(try CLITests.run(["reviews", "--today", "2026-12-04", "--fail-on-overdue"], in: root).status == 1)
        #expect(try CLITests.run(["reviews", "--today", "2026-11-01", "--fail-on-overdue"], in: root).status == 0)
        let bad = try CLITests.run(["reviews", "--within", "soon"], in: root)
        #expect(bad.status == 2 && bad.stderr.contains("--within"))
    }
}
