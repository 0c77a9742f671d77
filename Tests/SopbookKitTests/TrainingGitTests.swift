import Foundation
import Testing
@testable import SopbookKit

/// Training records in a real Git repository: two people acknowledge, a later commit changes one SOP;
/// one acknowledgement is then outdated, the matrix says so, and its page shows the lines that changed.
@Suite struct TrainingGitTests {
    static let config = """
        roles: [Finance Lead, Accountant]
        people:
          Alice Martin: { roles: [Accountant] }
          Bob Stone: { roles: [Finance Lead] }

        """

    static func sop(_ id: String, _ title: String, step: String) -> String {
        "---\nid: \(id)\ntitle: \(title)\nowner: Finance Lead\nraci:\n  responsible: Accountant\n  accountable: Finance Lead\n---\n# \(title)\n\n## Steps\n1. Open the ledger.\n2. \(step)\n3. File the copy.\n"
    }

    func workspace(_ repo: GitRepository, today: String) throws -> Workspace {
        try Workspace(content: "Content", output: "Output", templates: nil, config: nil, today: today, currentDirectory: repo.root)
    }

    @Test func aLaterCommitOutdatesOneAcknowledgement() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("sopbook.yml", Self.config)
        try repo.write("Content/finance/invoice.md", Self.sop("finance/invoice", "Issue an invoice", step: "Send it by email."))
        try repo.write("Content/hr/payroll.md", Self.sop("hr/payroll", "Run payroll", step: "Pay on the 25th."))
        try repo.commit("Write the SOPs", author: "Chloé Durand", date: "2026-01-10")
        let first = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)

        let day1 = try workspace(repo, today: "2026-02-01")
        let alice = try AcknowledgementWriter.acknowledge(sop: "finance/invoice", as: "Alice Martin", workspace: day1)
        #expect(alice.entry.commit == first && alice.file == "acknowledgements/alice-martin.yml" && !alice.replaced)
        _ = try AcknowledgementWriter.acknowledge(sop: "hr/payroll", as: "Bob Stone", workspace: day1)
        try repo.commit("Acknowledgements", author: "Alice Martin", date: "2026-02-01")
        try repo.write("Content/finance/invoice.md", Self.sop("finance/invoice", "Issue an invoice", step: "Send it through the <b>portal</b>."))
        try repo.commit("Invoices go through the portal", author: "Chloé Durand", date: "2026-03-01")

        let later = try workspace(repo, today: "2026-03-02")
        let outcome = try SiteBuilder.build(later)
        let outdated = outcome.report.findings.filter { $0.rule == "acknowledgement-outdated" }
        #expect(outdated.map(\.file) == ["finance/invoice.md"] && outdated.map(\.subject) == ["Alice Martin"])
        #expect(outdated.first?.severity == .info)
        #expect(!outcome.report.findings.contains { $0.rule == "invalid-acknowledgement" })

        let output = repo.root.appendingPathComponent("Output")
        let csv = try String(contentsOf: output.appendingPathComponent("training.csv"), encoding: .utf8)
        #expect(csv == """
            person,roles,sop,title,status,acknowledged_on,acknowledged_commit
            Alice Martin,Accountant,finance/invoice,Issue an invoice,outdated,2026-02-01,\(first)
            Alice Martin,Accountant,hr/payroll,Run payroll,not-yet,,
            Bob Stone,Finance Lead,finance/invoice,Issue an invoice,not-yet,,
            Bob Stone,Finance Lead,hr/payroll,Run payroll,current,2026-02-01,\(first)

            """)

        let page = try #require(outcome.pageByFile()["finance/invoice.md"])
        let diff = try String(contentsOf: output.appendingPathComponent("training/alice-martin/" + page), encoding: .utf8)
        #expect(diff.contains("<span class=\"diff-removed\"><span class=\"diff-mark\" aria-hidden=\"true\">−</span> 2. Send it by email."))
        #expect(diff.contains("<span class=\"diff-added\"><span class=\"diff-mark\" aria-hidden=\"true\">+</span> 2. Send it through the &lt;b&gt;portal&lt;/b&gt;."))
        #expect(diff.contains("<span class=\"diff-same\"><span class=\"diff-mark\" aria-hidden=\"true\"> </span> 1. Open the ledger."))
        #expect(diff.components(separatedBy: "class=\"diff-added\"").count == 2 && diff.components(separatedBy: "class=\"diff-removed\"").count == 2)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("training/bob-stone").path))

        let training = try String(contentsOf: output.appendingPathComponent("training.html"), encoding: .utf8)
        #expect(training.contains("href=\"training/alice-martin/\(page)\""))
        #expect(training.contains("<a href=\"training.html\" aria-current=\"page\">Training</a>"))
        #expect(training.contains("<td class=\"training-current\" title=\"read\">read</td>"))
        let role = try String(contentsOf: output.appendingPathComponent("roles/accountant.html"), encoding: .utf8)
        #expect(role.contains("<a href=\"../training.html\">0/2</a>"))
    }
}
