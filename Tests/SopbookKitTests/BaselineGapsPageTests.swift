import Foundation
import Testing
@testable import SopbookKit

/// The gap report with a baseline: new findings first, then those known from the baseline, then the fixed
/// entries, each with its count; `gaps.json` with each finding's state. Without a baseline the page is the
/// golden file of `SiteGoldenTests`, unchanged.
@Suite struct BaselineGapsPageTests {
    static let content = ReportFormatTests.fixture.appendingPathComponent("content")

    /// Builds the formats fixture with a baseline of every finding but the broken link, plus one fixed entry.
    static func build(language: String) throws -> (html: String, json: String) {
        let pages = try buildPages(language: language, ["gaps.html", "gaps.json"])
        return (pages[0], pages[1])
    }

    static func buildPages(language: String, _ paths: [String]) throws -> [String] {
        var configuration = Configuration()
        configuration.language = language
        let plain = Pipeline.load(content, configuration: configuration, renderBodies: false).checked.report
        let gone = Baseline.Entry(fingerprint: "0123456789abcdef", rule: "undocumented-step", process: "retired/close",
                                  subject: "TBD <script>", count: 3)
        let baseline = Baseline(entries: Baseline(findings: plain.findings.filter { $0.rule != "broken-link" }).entries + [gone])
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-baseline-gaps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let input = Pipeline.Input(content: content, configuration: configuration, today: Pipeline.testToday, renderBodies: true,
                                   baseline: baseline)
        try Pipeline.build(input, theme: try Theme.load(overrides: nil),
                           writer: try OutputWriter(output: output, content: content), stages: DirectStages())
        return try paths.map { try String(contentsOf: output.appendingPathComponent($0), encoding: .utf8) }
    }

    /// A process page marks its known findings too, and only those.
    @Test func processPagesMarkKnownFindings() throws {
        let pages = try Self.buildPages(language: "en", ["ops.html"])
        let findings = try Self.part(pages[0], from: #"<section class="findings callout""#, to: "</section>")
        #expect(findings.contains("missing-owner</code> <span class=\"badge known\">known</span>"))
        #expect(!findings.contains("broken-link</code> <span class=\"badge known\">"))
    }

    /// The text of the page between two markers, to check what sits in which part.
    static func part(_ html: String, from start: String, to end: String) throws -> Substring {
        let from = try #require(html.range(of: start), "no \(start)")
        let to = try #require(html.range(of: end, range: from.upperBound..<html.endIndex), "no \(end) after \(start)")
        return html[from.lowerBound..<to.lowerBound]
    }

    @Test func newFindingsComeFirstThenKnownThenFixed() throws {
        let html = try Self.build(language: "en").html
        #expect(html.contains(#"<h2 id="new">New findings <span class="count">1</span></h2>"#))
        #expect(html.contains(#"<h2 id="known">Known from the baseline <span class="count">3</span></h2>"#))
        #expect(html.contains(#"<h2 id="fixed">Fixed since the baseline <span class="count">3</span></h2>"#))
        let new = try Self.part(html, from: #"<h2 id="new">"#, to: #"<h2 id="known">"#)
        #expect(new.contains(#"<h3 id="rule-broken-link">"#))
        #expect(!new.contains("missing-owner"))
        let known = try Self.part(html, from: #"<h2 id="known">"#, to: #"<h2 id="fixed">"#)
        for rule in ["missing-owner", "orphan", "undocumented-step"] { #expect(known.contains(#"<h3 id="known-rule-\#(rule)">"#)) }
        #expect(!known.contains("broken-link"))
        let fixed = try Self.part(html, from: #"<h2 id="fixed">"#, to: "<h2>By area</h2>")
        #expect(fixed.contains("<code>undocumented-step</code> retired/close: TBD &lt;script&gt; <span class=\"count\">×3</span>"))
        // The stats, and the known findings marked in the lists by area.
        #expect(html.contains(#"<span class="value">1</span><span class="label">new findings</span>"#))
        #expect(html.contains(#"<span class="value">3</span><span class="label">known from the baseline</span>"#))
        #expect(html.components(separatedBy: #"<span class="badge known">known</span>"#).count - 1 == 3)
    }

    @Test func gapsJSONCarriesTheStates() throws {
        let json = try Self.build(language: "en").json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["known"] as? Int == 3 && summary["new"] as? Int == 1 && summary["fixed"] as? Int == 3)
        let states = try #require(object["findings"] as? [[String: Any]]).compactMap { $0["baseline"] as? String }
        #expect(states.sorted() == ["known", "known", "known", "new"])
    }

    @Test func theFrenchSiteSaysItInFrench() throws {
        let html = try Self.build(language: "fr").html
        #expect(html.contains(#"<h2 id="new">Nouveaux constats <span class="count">1</span></h2>"#))
        #expect(html.contains(#"<h2 id="known">Connus de la référence <span class="count">3</span></h2>"#))
        #expect(html.contains("Corrigés depuis la référence"))
        #expect(html.contains(#"<span class="badge known">connu</span>"#))
    }

    @Test func everyInterfaceStringHasBothLanguages() {
        let english = Set(Strings.english.keys), french = Set(Strings.french.keys)
        #expect(english.subtracting(french).isEmpty, "no French for \(english.subtracting(french).sorted())")
        #expect(french.subtracting(english).isEmpty, "no English for \(french.subtracting(english).sorted())")
    }
}
