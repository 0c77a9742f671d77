import Foundation
import Testing
@testable import SopbookKit

/// `Theme.load` refuses an override that lacks markup the renderer or the site's script relies on
/// (`Theme.requiredMarkup`), naming the override's file and the line closest to what is missing.
@Suite struct ThemeMarkupTests {
    /// A templates folder holding `files`, removed when the test ends.
    final class Overrides {
        let folder: URL
        init(_ files: [String: String]) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-theme-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            }
        }
        deinit { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    }

    static func builtIn(_ name: String) throws -> String {
        try #require(DefaultTheme.files["\(name).mustache"])
    }

    /// The error `Theme.load` gives for these overrides, or nil when it accepts them.
    static func loadError(_ overrides: Overrides) -> String? {
        do {
            _ = try Theme.load(overrides: overrides.folder)
            return nil
        } catch {
            return error.description
        }
    }

    static var cases: [(template: String, marker: String)] {
        Theme.requiredMarkup.keys.sorted().flatMap { name in (Theme.requiredMarkup[name] ?? []).map { (name, $0.marker) } }
    }

    /// `Theme.load` checks only the templates that include an override: the built-in ones are checked here,
    /// every one of them.
    @Test func theBuiltInThemeHasEveryRequiredMarker() throws {
        let theme = try Theme.load(overrides: nil)
        var sources: [String: String] = [:]
        for (path, text) in DefaultTheme.files where path.hasSuffix(".mustache") && !path.contains("/") {
            sources[String(path.dropLast(".mustache".count))] = text
        }
        try Theme.checkRequiredMarkup(library: theme.library, sources: sources) { "the built-in \($0).mustache" }
        #expect(Self.cases.count >= 8)
    }

    /// Each marker of the table, taken out of the built-in template: the override is refused, and the
    /// error names the override's file and the marker.
    @Test(arguments: cases.map { "\($0.template)|\($0.marker)" })
    func anOverrideWithoutTheMarkerIsRefused(_ entry: String) throws {
        let parts = entry.split(separator: "|", maxSplits: 1).map(String.init)
        let (name, marker) = (parts[0], parts[1])
        let source = try Self.builtIn(name)
        #expect(source.contains(marker), "the built-in \(name).mustache should contain \(marker) as written")
        // A block marker goes with its closing tag, so that the override still parses.
        var broken = source.replacingOccurrences(of: marker, with: "")
        if marker.hasPrefix("{{$") { broken = broken.replacingOccurrences(of: "{{/" + marker.dropFirst(3), with: "") }
        let overrides = try Overrides(["\(name).mustache": broken])
        let error = try #require(Self.loadError(overrides), "an override of \(name) without \(marker) was accepted")
        #expect(error.contains(overrides.path("\(name).mustache") + " line "), "\(error)")
        #expect(error.contains("`\(marker)`"), "\(error)")
    }

    @Test func theErrorPointsAtTheClosestLine() throws {
        // The sidebar item keeps its data-item but puts a class after it: PageFrame.markCurrent would miss it.
        let sidebar = "<ul>\n{{#processes}}\n  <li data-item=\"{{index}}\" class=\"x\"><a href=\"{{href}}\">{{title}}</a></li>\n{{/processes}}\n</ul>\n"
        let error = try #require(Self.loadError(try Overrides(["sidebar-folder.mustache": sidebar])))
        #expect(error.contains("sidebar-folder.mustache line 3:"), "\(error)")

        // The body escaped: the page would show its HTML as text.
        let process = try Self.builtIn("process").replacingOccurrences(of: "{{{process.body}}}", with: "{{process.body}}")
        let line = try #require(process.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("{{process.body}}") }) + 1
        let processError = try #require(Self.loadError(try Overrides(["process.mustache": process])))
        #expect(processError.contains("process.mustache line \(line):"), "\(processError)")

        // Nothing close: line 1.
        let layout = try Self.builtIn("layout").replacingOccurrences(of: "{{$main}}{{/main}}", with: "")
        let layoutError = try #require(Self.loadError(try Overrides(["layout.mustache": layout])))
        #expect(layoutError.contains("layout.mustache line 1:") && layoutError.contains("{{$main}}"), "\(layoutError)")
    }

    @Test func aMarkerInACommentDoesNotCount() throws {
        let sidebar = "{{! <li data-item=\"{{index}}\"><a > }}\n<ul>{{#processes}}<li>{{title}}</li>{{/processes}}</ul>\n"
        #expect(Self.loadError(try Overrides(["sidebar-folder.mustache": sidebar])) != nil)
    }

    @Test func spacesInsideTagsAndPartialsAreAccepted() throws {
        // `{{ root }}`, `{{& x }}` and a layout whose search box sits in a partial are the same markup.
        let layout = try Self.builtIn("layout")
            .replacingOccurrences(of: "data-root=\"{{root}}\"", with: "data-root=\"{{ root }}\"")
            .replacingOccurrences(of: "{{{folderList}}}", with: "{{& folderList }}")
        let start = try #require(layout.range(of: "  <div class=\"search\""))
        let end = try #require(layout.range(of: "</ul>\n  </div>\n", range: start.upperBound..<layout.endIndex))
        let searchBox = String(layout[start.lowerBound..<end.upperBound])
        let split = layout.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "  {{> search-box}}\n")
        let process = try Self.builtIn("process").replacingOccurrences(of: "{{{process.body}}}", with: "{{&process.body}}")
        let overrides = try Overrides(["layout.mustache": split, "search-box.mustache": searchBox, "process.mustache": process])
        #expect(Self.loadError(overrides) == nil)
    }
}
