import Foundation
import Testing
@testable import SopbookKit

/// Golden files of the rendered site: `Tests/Fixtures/site/` (a small French knowledge base with
/// accents, folders with non-ASCII names and HTML-looking text) is built and every output file compared
/// with `Tests/Fixtures/site/expected/`. Re-bless with `SOPBOOK_BLESS=1 swift test --filter SiteGoldenTests`.
@Suite struct SiteGoldenTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/site")

    static func files(under folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return out }
        for case let rel as String in enumerator {
            var isDir: ObjCBool = false
            let path = folder.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return out
    }

    @Test func renderedPagesMatchGoldenFiles() throws {
        let config = try Configuration.load(from: Self.fixture.appendingPathComponent("sopbook.yml"), displayName: "sopbook.yml")
        let content = Self.fixture.appendingPathComponent("content")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try Pipeline.build(content, configuration: config, today: try #require(CivilDate("2026-11-23")), output: output)
        // The theme's static assets are compared by the theme test; here, what the pages say.
        let built = try Self.files(under: output).filter { !$0.key.hasPrefix("_sopbook/") || $0.key.hasPrefix("_sopbook/search/") }
        let expectedFolder = Self.fixture.appendingPathComponent("expected")
        if ProcessInfo.processInfo.environment["SOPBOOK_BLESS"] == "1" {
            try? FileManager.default.removeItem(at: expectedFolder)
            for (rel, data) in built {
                let url = expectedFolder.appendingPathComponent(rel)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        let expected = try Self.files(under: expectedFolder)
        #expect(Set(built.keys) == Set(expected.keys))
        for (rel, data) in built.sorted(by: { $0.key < $1.key }) {
            #expect(data == expected[rel], "\(rel) differs from the golden file")
        }
        // What the golden files must show, whatever their bytes: escaped text, French strings, links.
        let page = String(decoding: try #require(built["ventes/devis.html"]), as: UTF8.self)
        #expect(page.contains("Chiffrer une commande &lt;sur mesure&gt; &amp; l’envoyer"))
        #expect(!page.contains("<sur mesure>"))
        #expect(page.contains("lang=\"fr\""))
        #expect(page.contains("href=\"../qualit%C3%A9/contr%C3%B4le.html#%C3%A9tape-de-contr%C3%B4le\""))
        #expect(page.contains("<h2 id=\"findings-title\">Constats</h2>"))
        #expect(page.contains("https://git.example.com/dupont/sops/edit/main/Content/ventes/devis.md"))
        #expect(page.contains("class=\"undocumented\""))
    }
}
