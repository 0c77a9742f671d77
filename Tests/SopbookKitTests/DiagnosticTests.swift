import Foundation
import Testing
@testable import SopbookKit

/// Ranges, notes and fixes of the rules that have them, on the `did-you-mean` and `duplicate-id` fixtures:
/// each fix, applied to the file, must produce exactly the suggested text.
@Suite struct DiagnosticTests {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rules")

    static func findings(_ fixture: String) throws -> [Finding] {
        Pipeline.load(rules.appendingPathComponent("\(fixture)/content"), renderBodies: false).checked.report.findings
    }

    /// The text of `file` between two positions (byte columns on one line, as the Markdown parser counts).
    static func text(_ fixture: String, _ r: Finding.Replacement) throws -> String {
        let url = rules.appendingPathComponent("\(fixture)/content/\(r.file)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(r.start.line == r.end.line)
        let bytes = Array(lines[r.start.line - 1].utf8)
        return String(decoding: bytes[(r.start.column - 1)..<(r.end.column - 1)], as: UTF8.self)
    }

    @Test func everyDidYouMeanHasAFixThatReplacesTheMistypedText() throws {
        let findings = try Self.findings("did-you-mean").filter { $0.message.contains("did you mean") }
        let replaced = try findings.map { f -> [String] in
            let fix = try #require(f.fixes.first, "\(f.rule) at \(f.location) has no fix")
            let r = try #require(fix.replacements.first)
            return [f.rule, try Self.text("did-you-mean", r), r.text]
        }
        #expect(replaced == [
            ["unknown-field", "ownr", "owner"],
            ["invalid-front-matter", "acountable", "accountable"],
            ["broken-anchor", "getting-startd", "getting-started"],
            ["broken-anchor", "overveiw", "overview"],
            ["broken-link", "invoise.md", "invoice.md"],
            ["broken-link", "finance/invoce", "finance/invoice"],
        ])
    }

    @Test func unknownFieldSpansTheKey() throws {
        let f = try #require(try Self.findings("did-you-mean").first { $0.rule == "unknown-field" })
        #expect(f.location == SourceLocation(line: 3, column: 1))
        #expect(f.end == SourceLocation(line: 3, column: 5))
        #expect(f.fixes.first?.description == "Replace `ownr` with `owner`")
    }

    @Test func linksSpanFromBracketToParenthesis() throws {
        let links = try Self.findings("did-you-mean").filter { $0.rule == "broken-link" }
        // `[the draft](invoise.md)` at 19:19 and `[[finance/invoce]]` at 20:21.
        #expect(links.map(\.end) == [SourceLocation(line: 19, column: 42), SourceLocation(line: 20, column: 39)])
    }

    @Test func brokenAnchorNotesPointAtTheTarget() throws {
        let anchors = try Self.findings("did-you-mean").filter { $0.rule == "broken-anchor" }
        #expect(anchors.count == 2)
        for f in anchors {
            #expect(f.notes.map(\.file) == ["guide.md"])
            #expect(f.notes.first?.message.contains("`#getting-started`") == true)
        }
    }

    @Test func duplicateIDNotesNameEachOtherFile() throws {
        let dups = try Self.findings("duplicate-id").filter { $0.rule == "duplicate-id" }
        #expect(dups.map(\.file) == ["finance/first.md", "sales/second.md"])
        #expect(dups.map { $0.notes.map(\.file) } == [["sales/second.md"], ["finance/first.md"]])
        #expect(dups.allSatisfy { $0.notes.first?.location == SourceLocation(line: 12, column: 1) })
        #expect(dups.allSatisfy { $0.end == SourceLocation(line: 12, column: 3) }, "the range is the `id` key")
    }

    @Test func fingerprintIgnoresTheLineButNotTheSubject() {
        var a = Finding(rule: "broken-link", severity: .error, file: "a.md", location: SourceLocation(line: 3), process: "a",
                        message: "m", subject: "x.md")
        let moved = { var f = a; f.location = SourceLocation(line: 30); return f }()
        #expect(a.fingerprint == moved.fingerprint)
        #expect(a.fingerprint.count == 16)
        let before = a.fingerprint
        a.subject = "y.md"
        #expect(a.fingerprint != before)
    }

    @Test func textReportPrintsNotesAndFixesUnderTheFinding() throws {
        let f = Finding(rule: "unknown-field", severity: .warning, file: "t.md", location: SourceLocation(line: 3, column: 1),
                        end: SourceLocation(line: 3, column: 5), process: "t", message: "m",
                        notes: [.init(file: "o.md", location: SourceLocation(line: 2, column: 1), message: "here")],
                        fixes: [.init(description: "Replace `ownr` with `owner`",
                                      replacements: [.init(file: "t.md", start: SourceLocation(line: 3, column: 1),
                                                           end: SourceLocation(line: 3, column: 5), text: "owner")])])
        #expect(TextReport.details(f) == ["  note: o.md:2:1: here", "  fix: t.md:3:1-3:5: Replace `ownr` with `owner`"])
    }
}
