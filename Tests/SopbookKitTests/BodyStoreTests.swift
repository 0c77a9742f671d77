import Foundation
import Testing
@testable import SopbookKit

/// A cold build's bodies wait for the write in a file (`BodyStore`): what goes in comes back, from many
/// threads at once; the file never shows in the folder; and a body that cannot be read back stops the
/// build before it replaces the output.
@Suite struct BodyStoreTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-bodies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func whatIsKeptComesBackFromManyThreads() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try #require(BodyStore(in: folder))
        // Empty, small (inline in a Swift string), multi-byte, and larger than a page of the file.
        let texts = (0..<400).map { i in
            switch i % 4 {
            case 0: ""
            case 1: "<p>\(i)</p>"
            case 2: "<p>Étape \(i) — à compléter, 請 \u{1F600}</p>\n"
            default: String(repeating: "<li>step \(i)</li>\n", count: 300 + i)
            }
        }
        let kept = Parallel.map(texts) { store.keep($0) }
        for (i, body) in kept.enumerated() {
            if case .inMemory = body { Issue.record("body \(i) was not stored") }
            #expect(body.text == texts[i])
        }
        #expect(store.failure == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aFileCutShortIsAFailureNotATruncatedBody() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try #require(BodyStore(in: folder))
        let body = store.keep(String(repeating: "<p>kept</p>\n", count: 50))
        store.truncateForTesting()
        #expect(body.text == "")
        #expect(store.failure?.contains("the file ends at byte 0, before the body's 600 bytes") == true)
    }

    @Test func aBodyThatCannotBeReadBackStopsTheBuildAndKeepsTheOutput() throws {
        let content = SiteGoldenTests.fixture.appendingPathComponent("content")
        let config = try Configuration.load(from: SiteGoldenTests.fixture.appendingPathComponent("sopbook.yml"), displayName: "sopbook.yml")
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("site")
        try Pipeline.build(content, configuration: config, output: output)
        let before = try SiteGoldenTests.files(under: output)

        let writer = try OutputWriter(output: output, content: content)
        let store = try #require(writer.bodies)
        store.breakReadsForTesting()
        var input = Pipeline.Input(content: content, configuration: config, today: Pipeline.testToday, renderBodies: true)
        input.bodyStore = store
        let theme = try Theme.load(overrides: nil)
        #expect {
            _ = try Pipeline.build(input, theme: theme, writer: writer, stages: DirectStages())
        } throws: { error in
            "\(error)".contains("cannot read back the bodies' HTML")
        }
        #expect(store.failure != nil)
        #expect(try SiteGoldenTests.files(under: output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.contains("staging") }.isEmpty)
    }
}
