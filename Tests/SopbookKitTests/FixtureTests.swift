import Foundation
import Testing
@testable import SopbookKit

/// Golden-file tests: each folder under `Tests/Fixtures/rules/` is a small knowledge base (`content/`,
/// optional `sopbook.yml`) with the text report it must produce in `expected.txt`.
/// Re-bless after an intended change with `SOPBOOK_BLESS=1 swift test --filter FixtureTests`, then review the diff.
@Suite struct FixtureTests {
    static let fixturesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/rules")
    static let today = CivilDate(year: 2026, month: 11, day: 23)!

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixturesRoot.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func report(for name: String) throws -> Report {
        let folder = fixturesRoot.appendingPathComponent(name)
        let configURL = folder.appendingPathComponent("sopbook.yml")
        let config = FileManager.default.fileExists(atPath: configURL.path)
            ? try Configuration.load(from: configURL, displayName: "sopbook.yml") : Configuration()
        return Pipeline.load(folder.appendingPathComponent("content"), configuration: config, today: today).checked.report
    }

    /// Rules a checked-in fixture cannot trigger, and where they are tested instead.
    static let exempt = [
        "unreadable-file": "needs a file the OS refuses to read (Git keeps no such mode, and root reads anything); see LoaderTests",
        "file-too-large": "needs a file over 4 MB, generated at test time; see HostileInputTests",
        "approval-outdated": "needs commits before and after an approval date; see ControlledDocumentTests (real Git repositories)",
    ]

    @Test func thereIsAFixtureForEveryRule() {
        let missing = RuleRegistry.ids.filter { !Self.names.contains($0) && Self.exempt[$0] == nil }
        #expect(missing.isEmpty, "rules without a fixture folder: \(missing)")
    }

    @Test(arguments: names)
    func matchesGoldenFile(_ name: String) throws {
        let report = try Self.report(for: name)
        let actual = TextReport.render(report)
        let expectedURL = Self.fixturesRoot.appendingPathComponent(name).appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["SOPBOOK_BLESS"] == "1" {
            try Data(actual.utf8).write(to: expectedURL)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "fixture \(name) differs from expected.txt; re-bless with SOPBOOK_BLESS=1 if intended")

        // A rule's fixture must show that rule firing; the clean fixture must stay clean.
        if RuleRegistry.ids.contains(name) {
            #expect(report.findings.contains { $0.rule == name }, "fixture \(name) yields no \(name) finding")
        }
        if name == "clean" {
            #expect(report.findings.isEmpty)
        }
    }

    @Test func exampleKnowledgeBaseHasNoErrors() throws {
        let content = Self.fixturesRoot.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Content")
        let root = content.deletingLastPathComponent()
        let config = try Configuration.load(from: root.appendingPathComponent("sopbook.yml"), displayName: "sopbook.yml")
        let report = Pipeline.load(content, configuration: config, today: Self.today).checked.report
        #expect(report.summary.processes >= 15)
        #expect(report.summary.errors == 0, "\(report.findings.filter { $0.severity == .error }.map(TextReport.line))")
        #expect(report.summary.owned == report.summary.processes)
    }

    @Test func defaultThemeMatchesTemplatesFolder() throws {
        let templates = Self.fixturesRoot.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates")
        var onDisk: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: templates.path))
        for case let rel as String in enumerator {
            var isDir: ObjCBool = false
            let path = templates.appendingPathComponent(rel).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            onDisk[rel] = try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(onDisk == DefaultTheme.files, "Templates/ changed: run Scripts/embed-theme.py")
    }
}
