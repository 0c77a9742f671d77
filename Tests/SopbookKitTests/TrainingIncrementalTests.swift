import Foundation
import Testing
@testable import SopbookKit

/// `serve` with training records: a record written, an SOP edited after it, a record broken by hand;
/// after each, the site patched in place is the site a cold build gives, and says what changed.
@Suite struct TrainingIncrementalTests {
    @Test func recordsAndTheirSOPsRebuildLikeAColdBuild() throws {
        let sandbox = try IncrementalBuildTests.Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        // The example declares Alice Martin, an Accountant, among its people.
        let config = try String(contentsOf: sandbox.config, encoding: .utf8)
        try #require(config.contains("Alice Martin: {roles: [Accountant]}"))
        let session = IncrementalSession()
        let builds = IncrementalBuildTests()
        _ = try builds.expectSameAsColdBuild(sandbox, session: session, round: 0)
        let csv = sandbox.root.appendingPathComponent("live/training.csv")
        #expect(try String(contentsOf: csv, encoding: .utf8).contains("Alice Martin,Accountant,finance/issue-invoice,Issue an invoice,not-yet,,\n"))

        // Alice reads the invoice SOP: `serve` reads the record with the configuration.
        _ = try AcknowledgementWriter.acknowledge(sop: "finance/issue-invoice", as: "Alice Martin", workspace: try sandbox.workspace(output: "live"))
        _ = try builds.expectSameAsColdBuild(sandbox, session: session, round: 1)
        #expect(try String(contentsOf: csv, encoding: .utf8).contains("finance/issue-invoice,Issue an invoice,current,2026-11-23,\n"))

        // The SOP changes after she read it.
        try sandbox.edit("finance/issue-invoice.md") { $0 + "\nOne more paragraph about invoices.\n" }
        // Its page shows only a new paragraph, but the acknowledgement names its revision: not a prose-only save.
        let edited = try builds.expectSameAsColdBuild(sandbox, session: session, round: 2, changedFiles: ["finance/issue-invoice.md"])
        #expect(session.stats.cutOff == nil)
        #expect(edited.report.findings.filter { $0.rule == "acknowledgement-outdated" }.map(\.subject) == ["Alice Martin"])
        #expect(try String(contentsOf: csv, encoding: .utf8).contains("finance/issue-invoice,Issue an invoice,outdated,2026-11-23,\n"))

        // A hand edit breaks the record: a finding with its line, and no acknowledgement counted.
        let record = sandbox.root.appendingPathComponent("acknowledgements/alice-martin.yml")
        let text = try String(contentsOf: record, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "date: 2026-11-23", with: "date: yesterday").utf8).write(to: record)
        let broken = try builds.expectSameAsColdBuild(sandbox, session: session, round: 3)
        let invalid = broken.report.findings.filter { $0.rule == "invalid-acknowledgement" }
        #expect(invalid.map(\.file) == ["acknowledgements/alice-martin.yml"] && invalid.map(\.location.line) == [6])
        #expect(!broken.report.findings.contains { $0.rule == "acknowledgement-outdated" })
    }
}
