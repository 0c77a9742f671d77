import Foundation
import Testing
@testable import SopbookKit

/// The JSON report's and the home page's approval and training figures: present when the handbook uses
/// approvals, retirements or `people:`, absent otherwise (the other reports keep their bytes).
@Suite struct ControlledFiguresTests {
    @Test func figuresAppearOnlyWhenInUse() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "a.md": "---\nowner: Accountant\napproval: {by: Finance Lead, on: 2026-01-01}\n---\n# A\n",
            "b.md": "---\nowner: Accountant\n---\n# B\n",
            "old.md": "---\nowner: Accountant\nstatus: retired\nsuperseded_by: a\n---\n# Old\n",
        ]
        for (path, text) in files {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: root.appendingPathComponent(path))
        }
        var config = Configuration()
        config.people = [Configuration.Person(name: "Alice Martin", roles: ["Accountant"])]
        let report = Pipeline.load(root, configuration: config, renderBodies: false).checked.report
        let c = try #require(report.summary.controlled)
        #expect(c.active == 2 && c.approved == 1 && c.approvalOutdated == 0 && c.retired == 1)
        #expect(c.trainingDue == 2 && c.trainingCurrent == 0)
        let json = JSONReport.render(report)
        #expect(json.contains(#""approved": 1, "approvalOutdated": 0, "retired": 1, "trainingCurrent": 0, "trainingDue": 2, "history": "outside", "revised": 0"#))
        let output = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-out")
        defer { try? FileManager.default.removeItem(at: output) }
        try Pipeline.build(root, configuration: config, output: output)
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains(#"<span class="value">50%</span><span class="label">approved (current revision)</span>"#))
        #expect(home.contains(#"<span class="value">0%</span><span class="label">training current</span>"#))

        try FileManager.default.removeItem(at: root.appendingPathComponent("old.md"))
        try Data("---\nowner: Accountant\n---\n# A\n".utf8).write(to: root.appendingPathComponent("a.md"))
        let plain = Pipeline.load(root, configuration: Configuration(), renderBodies: false).checked.report
        #expect(plain.summary.controlled == nil && !JSONReport.render(plain).contains("approved"))
    }
}
