import Foundation
import Testing
@testable import SopbookKit

/// Retired SOPs and the master document register, on a site built from a real Git repository: the banner
/// and its link, the role's reading path and the search index without (or after) the retired SOP, the
/// `link-to-retired` fix, and `register.csv` byte for byte, its quoting and its defence against formulas.
@Suite struct RetiredDocumentTests {
    static func sop(_ title: String, owner: String = "Accountant", extra: String = "", body: String = "1. Do it.\n") -> String {
        """
        ---
        title: '\(title.replacingOccurrences(of: "'", with: "''"))'
        owner: '\(owner)'
        raci:
          responsible: Clerk
          accountable: '\(owner)'
        quality:
          - Done within 2 days
        review:
          last: 2026-09-01
          every: 1 year
        \(extra)---

        # \(title)

        ## Steps
        \(body)
        """
    }

    /// The repository: `finance/invoice.md` has two revisions, `finance/invoice-v1.md` is retired in favour
    /// of it, `finance/payments.md` still links to the retired one, and `hr/` holds titles a CSV must quote.
    static func makeRepository() throws -> GitRepository {
        let repo = try GitRepository()
        try repo.write("Content/finance/invoice-v1.md", sop("Invoice (old)", extra: "status: retired\nsuperseded_by: finance/invoice\n",
                                                             body: "1. Post it. See [[finance/payments]].\n"))
        try repo.write("Content/finance/invoice.md", sop("Invoice", body: "1. Email it. See [payments](payments.md).\n"))
        try repo.write("Content/finance/payments.md", sop("Payments", body: "1. Match [the invoice](invoice-v1.md#step-1).\n2. Then [[finance/invoice]].\n"))
        try repo.write("Content/hr/leave.md", sop("Leave, \"paid\" and unpaid", owner: "HR Lead",
                                                  extra: "approval: {by: HR Director, on: 2026-08-01}\neffective: 2026-08-15\n",
                                                  body: "1. See [[hr/formula]] and [[finance/invoice]].\n"))
        try repo.write("Content/hr/formula.md", sop("=HYPERLINK(\"http://evil.example\")", owner: "@hr", body: "1. See [[hr/leave]].\n"))
        try repo.commit("First SOPs", author: "Alice Martin", date: "2026-01-10")
        try repo.write("Content/finance/invoice.md", sop("Invoice", body: "1. Email it as PDF. See [payments](payments.md).\n"))
        try repo.commit("Invoices go by email", author: "Bob Stone", date: "2026-03-12")
        return repo
    }

    static func build(_ repo: GitRepository, language: String = "en") throws -> (Checked, URL) {
        try build(root: repo.root, language: language)
    }

    static func build(root: URL, language: String = "en") throws -> (Checked, URL) {
        let content = root.appendingPathComponent("Content")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-retired-\(UUID().uuidString)")
        var configuration = Configuration()
        configuration.language = language
        let input = Pipeline.Input(content: content, configuration: configuration, today: Pipeline.testToday, renderBodies: true,
                                   history: .given(GitHistory.read(contentRoot: content)))
        let checked = try Pipeline.build(input, theme: try Theme.load(overrides: nil),
                                         writer: try OutputWriter(output: output, content: content), stages: DirectStages()).checked
        return (checked, output)
    }

    static func read(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theRetiredPageSaysWhatSupersedesItAndLeavesPathsAndSearch() throws {
        let repo = try Self.makeRepository()
        defer { repo.remove() }
        let (checked, output) = try Self.build(repo)
        defer { try? FileManager.default.removeItem(at: output) }
        let kb = checked.knowledgeBase

        let retired = try Self.read(output, "finance/invoice-v1.html")
        #expect(retired.contains("class=\"retired-banner"))
        #expect(retired.contains("Superseded by <a href=\"invoice.html\" class=\"superseded-by\">Invoice</a>"))
        let current = try Self.read(output, "finance/invoice.html")
        #expect(!current.contains("retired-banner"))

        // The owner's reading path drops the retired SOP, which stays among what the role owns.
        let old = try #require(kb.indexByID["finance/invoice-v1"])
        let accountant = try #require(RoleIndex(knowledgeBase: kb).entry(named: "Accountant"))
        #expect(accountant.owns.contains(old))
        #expect(!accountant.path.contains(old) && !accountant.path.isEmpty)
        let rolePage = try Self.read(output, "roles/accountant.html")
        let path = try #require(rolePage.range(of: "class=\"reading-path\"")).upperBound
        let pathList = String(rolePage[path...]).components(separatedBy: "</ol>")[0]
        #expect(pathList.contains("Invoice</a>") && !pathList.contains("Invoice (old)"))
        // …and stays among what the role owns, marked retired.
        #expect(rolePage.contains("Invoice (old)</a> <span class=\"muted small\">· Finance</span> <span class=\"badge status-retired\">Retired</span>"))

        // Last in the search index's core, and marked so the script ranks it after every current match.
        let index = try Self.read(output, "_sopbook/search/index.js")
        let prefix = "window.SOPBOOK_SEARCH="
        #expect(index.hasPrefix(prefix) && index.hasSuffix(";\n"))
        let json = try JSONSerialization.jsonObject(with: Data(index.dropFirst(prefix.count).dropLast(2).utf8)) as? [String: Any]
        let folders = try #require(json?["folders"] as? [String])
        let rows = try #require(json?["processes"] as? [[Any]])
        let urls = rows.compactMap { row -> String? in
            guard let f = row[1] as? Int, let file = row[2] as? String, folders.indices.contains(f) else { return nil }
            return folders[f] + file
        }
        #expect(urls.count == 5 && urls.last == "finance/invoice-v1.html")
        #expect(rows.filter { $0.count == 5 }.count == 1 && rows.last?.count == 5 && (rows.last?[4] as? Int) == 1)
        let script = try Self.read(output, "_sopbook/sopbook.js")
        #expect(script.contains("a.item.retired ? 1 : 0"))
    }

    @Test func anActiveLinkToTheRetiredSOPIsAWarningWhoseFixNamesTheSuccessor() throws {
        let repo = try Self.makeRepository()
        defer { repo.remove() }
        let (checked, output) = try Self.build(repo)
        defer { try? FileManager.default.removeItem(at: output) }
        let findings = checked.report.findings.filter { $0.rule == "link-to-retired" }
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.file == "finance/payments.md" && f.severity == .warning)
        #expect(f.message.contains("`finance/invoice`"))
        #expect(f.fixes.first?.replacements.first?.text == "invoice.md")
        #expect(checked.report.findings.filter { $0.rule == "superseded-by-unknown" }.isEmpty)
    }

    @Test func theRegisterCSVIsExactlyOneQuotedRowPerSOP() throws {
        let repo = try Self.makeRepository()
        defer { repo.remove() }
        let (_, output) = try Self.build(repo)
        defer { try? FileManager.default.removeItem(at: output) }
        let csv = try Self.read(output, "register.csv")
        let expected = [
            "id,title,area,owner,status,revision,last_changed,effective,approved_by,approved_on,last_review,next_review,acknowledged",
            "finance/invoice-v1,Invoice (old),Finance,Accountant,retired,1,2026-01-10,,,,2026-09-01,2027-09-01,",
            "finance/invoice,Invoice,Finance,Accountant,active,2,2026-03-12,,,,2026-09-01,2027-09-01,",
            "finance/payments,Payments,Finance,Accountant,active,1,2026-01-10,,,,2026-09-01,2027-09-01,",
            "hr/formula,\"'=HYPERLINK(\"\"http://evil.example\"\")\",HR,'@hr,active,1,2026-01-10,,,,2026-09-01,2027-09-01,",
            "hr/leave,\"Leave, \"\"paid\"\" and unpaid\",HR,HR Lead,active,1,2026-01-10,2026-08-15,HR Director,2026-08-01,2026-09-01,2027-09-01,",
        ].map { $0 + "\r\n" }.joined()
        #expect(csv == expected)
        let page = try Self.read(output, "register.html")
        #expect(page.contains("id=\"register\"") && page.contains("data-status=\"retired\""))
        #expect(page.contains(">=HYPERLINK(&quot;http://evil.example&quot;)</a>"))
        let home = try Self.read(output, "index.html")
        #expect(home.contains("href=\"register.html\"") && home.contains("href=\"register.csv\""))
    }

    @Test func outsideGitTheRevisionIsEmptyAndTheFrenchSiteSaysSo() throws {
        let repo = try Self.makeRepository()
        defer { repo.remove() }
        let content = repo.root.appendingPathComponent("Content")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-retired-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var configuration = Configuration()
        configuration.language = "fr"
        try Pipeline.build(content, configuration: configuration, output: output)
        let csv = try Self.read(output, "register.csv")
        #expect(csv.contains("\r\nfinance/invoice,Invoice,Finance,Accountant,active,,,,,,2026-09-01,2027-09-01,\r\n"))
        let retired = try Self.read(output, "finance/invoice-v1.html")
        #expect(retired.contains("Cette procédure est retirée.") && retired.contains("Remplacée par <a href=\"invoice.html\""))
        #expect(try Self.read(output, "register.html").contains("Liste des documents"))
    }

    @Test func aShallowCloneLeavesRevisionsEmptyRatherThanWrong() throws {
        let repo = try Self.makeRepository()
        defer { repo.remove() }
        let clone = try GitRepository()
        defer { clone.remove() }
        try clone.git(["clone", "-q", "--depth", "1", "file://" + repo.root.path, clone.root.appendingPathComponent("c").path])
        let (_, output) = try Self.build(root: clone.root.appendingPathComponent("c"))
        defer { try? FileManager.default.removeItem(at: output) }
        let csv = try Self.read(output, "register.csv")
        #expect(csv.contains("\r\nfinance/invoice,Invoice,Finance,Accountant,active,,,,,,2026-09-01,2027-09-01,\r\n"))
        // The same repository, whole: two revisions.
        let (_, full) = try Self.build(repo)
        defer { try? FileManager.default.removeItem(at: full) }
        #expect(try Self.read(full, "register.csv").contains("\r\nfinance/invoice,Invoice,Finance,Accountant,active,2,2026-03-12,"))
    }

    @Test func anSOPNamedRegisterDoesNotOverwriteTheRegister() {
        let (pages, collisions) = PageAssignment.assign(files: ["Register.md", "finance/register.md"])
        #expect(pages == ["Register-2.html", "finance/register.html"])
        #expect(collisions.map(\.file) == ["Register.md"])
    }

    @Test func csvFieldsFollowRFC4180AndDisarmFormulas() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\r\nlines") == "\"two\r\nlines\"")
        for lead in ["=", "+", "-", "@"] {
            #expect(CSV.field(lead + "1") == "'" + lead + "1")
        }
        #expect(CSV.field("=1,2") == "\"'=1,2\"")
    }
}
