import Foundation
import Testing
@testable import SopbookKit

/// `serve` skips the checks after a save that changes only titles (`BodyEdit`): that is right only while
/// no finding, link or anchor reads a title. Every rule fixture and the example knowledge base are checked
/// twice, once with every plain front matter title renamed on its own line: the findings and the resolved
/// links must be the same. A rule that reads titles fails here, and must make `BodyEdit.reach` compare
/// titles. Acknowledgements are left out: they name a revision by its content hash, which any edit moves,
/// and `BodyEdit.reach` already sends an acknowledged SOP's edits through the whole pipeline.
@Suite struct TitleIndependenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var knowledgeBases: [(name: String, content: URL, config: URL?)] {
        let rules = FixtureTests.names.map { name in
            let folder = FixtureTests.fixturesRoot.appendingPathComponent(name)
            return (name, folder.appendingPathComponent("content"), Optional(folder.appendingPathComponent("sopbook.yml")))
        }
        return rules + [("Content", repository.appendingPathComponent("Content"), Optional(repository.appendingPathComponent("sopbook.yml")))]
    }

    /// Each `title:` line of a front matter renamed in place; the number of files changed.
    static func renameTitles(under root: URL) throws -> Int {
        var renamed = 0
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "md" {
            guard let text = try? String(contentsOf: file, encoding: .utf8), text.hasPrefix("---") else { continue }
            var lines = text.components(separatedBy: "\n")
            // Plain titles only: renaming a quoted, flow or block value could change what the YAML says besides.
            guard let close = lines.dropFirst().firstIndex(where: { $0.hasPrefix("---") }),
                  let n = lines[1..<close].firstIndex(where: { line in
                      line.hasPrefix("title: ") && line.dropFirst("title: ".count).first.map { $0.isLetter || $0.isNumber } == true
                  }) else { continue }
            lines[n] = "title: Renamed for the test " + lines[n].dropFirst("title: ".count)
            try Data(lines.joined(separator: "\n").utf8).write(to: file)
            renamed += 1
        }
        return renamed
    }

    static func check(_ content: URL, config: URL?) throws -> Checked {
        let configuration = try config.flatMap { url in
            FileManager.default.fileExists(atPath: url.path) ? try Configuration.load(from: url, displayName: "sopbook.yml") : nil
        } ?? Configuration()
        var withoutRecords = configuration
        withoutRecords.acknowledgements = []
        return Pipeline.load(content, configuration: withoutRecords, today: FixtureTests.today, renderBodies: false).checked
    }

    @Test func noFindingOrLinkReadsATitle() throws {
        var renamed = 0
        for base in Self.knowledgeBases {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-titles-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: copy) }
            try FileManager.default.copyItem(at: base.content, to: copy)
            let before = try Self.check(copy, config: base.config)
            renamed += try Self.renameTitles(under: copy)
            let after = try Self.check(copy, config: base.config)
            #expect(after.report.findings == before.report.findings, "\(base.name): a finding reads a title")
            #expect(after.knowledgeBase.links.map { $0.map(\.target) } == before.knowledgeBase.links.map { $0.map(\.target) },
                    "\(base.name): a link reads a title")
            #expect(after.knowledgeBase.procedures.map(\.title) != before.knowledgeBase.procedures.map(\.title)
                    || before.knowledgeBase.procedures.allSatisfy { $0.fields["title"] == nil }, "\(base.name): no title was renamed")
        }
        #expect(renamed > 20, "the test renamed only \(renamed) titles")
    }
}
