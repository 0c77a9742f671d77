import Foundation
import Testing
@testable import SopbookKit

/// The baseline model: its file, matching findings against it, how `sopbook baseline` updates it, and
/// the refusal, with the line, of every kind of broken file.
@Suite struct BaselineTests {
    static func finding(_ rule: String, _ process: String, _ subject: String?, line: Int = 1) -> Finding {
        Finding(rule: rule, severity: rule == "missing-owner" || rule == "broken-link" ? .error : .warning, file: process + ".md",
                location: SourceLocation(line: line), process: process, message: "\(rule) on line \(line)", subject: subject)
    }

    static let todo1 = finding("undocumented-step", "ops/close", "TODO", line: 12)
    static let todo2 = finding("undocumented-step", "ops/close", "TODO", line: 14)
    static let owner = finding("missing-owner", "finance/invoice", nil)
    static let link = finding("broken-link", "finance/invoice", "../sales/quote.md", line: 20)

    // MARK: the file

    @Test func theFileIsSortedStableAndOneEntryPerLine() throws {
        let a = Baseline(findings: [Self.todo1, Self.link, Self.owner, Self.todo2])
        let b = Baseline(findings: [Self.todo2, Self.owner, Self.todo1, Self.link])
        #expect(a.json == b.json, "the same findings in another order give other bytes")
        let lines = a.json.split(separator: "\n").map(String.init)
        let entryLines = lines.filter { $0.contains("\"fingerprint\"") }
        #expect(entryLines.count == 3)
        // By process, then rule: finance/invoice's broken-link, its missing-owner, then ops/close.
        #expect(entryLines[0].contains("\"rule\": \"broken-link\"") && entryLines[0].contains("\"subject\": \"../sales/quote.md\""))
        #expect(entryLines[1].contains("\"rule\": \"missing-owner\"") && entryLines[1].contains("\"subject\": \"\""))
        #expect(entryLines[2].contains("\"process\": \"ops/close\"") && entryLines[2].contains("\"count\": 2"))
        #expect(entryLines[2].contains("\"fingerprint\": \"\(Self.todo1.fingerprint)\""))
        #expect(lines.first == "{" && lines[1] == "  \"version\": 1,")
        #expect(a.json.hasSuffix("\n  ]\n}\n"))
        #expect(a.total == 4)
    }

    @Test func anEmptyBaselineIsAFile() throws {
        let empty = Baseline(findings: [])
        #expect(empty.json.hasSuffix("\"entries\": []\n}\n"))
        #expect(try Baseline.parse(empty.json, file: "b.json") == empty)
    }

    @Test func whatIsWrittenReadsBackEqual() throws {
        let odd = Self.finding("broken-link", "q\"uote\\d/<&>", "a \"b\"\\c\nd\t😀 é <x>&", line: 3)
        let baseline = Baseline(findings: [Self.todo1, Self.todo2, Self.owner, Self.link, odd])
        let read = try Baseline.parse(baseline.json, file: "sopbook-baseline.json")
        #expect(read == baseline)
        #expect(read.json == baseline.json)
        // People read the file: `<` and `&` are not escaped as the HTML-safe report escapes them.
        #expect(baseline.json.contains("<&>"))
    }

    @Test func aLongSubjectIsShortenedForPeopleButStillMatches() {
        let long = Self.finding("undocumented-step", "p", String(repeating: "word ", count: 60) + "TODO")
        let baseline = Baseline(findings: [long])
        #expect(baseline.entries[0].subject.count == 120)
        #expect(baseline.compare([long]).states == [.known])
    }

    // MARK: matching

    @Test func upToCountFindingsAreKnownAndTheRestNew() {
        let baseline = Baseline(findings: [Self.todo1, Self.owner])
        let comparison = baseline.compare([Self.owner, Self.todo1, Self.todo2])
        #expect(comparison.states == [.known, .known, .new])
        #expect(comparison.known == 2 && comparison.new == 1 && comparison.fixedCount == 0)
    }

    @Test func entriesWithFewerFindingsThanTheirCountAreFixedByTheDifference() {
        let baseline = Baseline(findings: [Self.todo1, Self.todo2, Self.owner, Self.link])
        let comparison = baseline.compare([Self.todo2])
        #expect(comparison.states == [.known])
        #expect(comparison.fixedCount == 3)
        let byRule = Dictionary(uniqueKeysWithValues: comparison.fixed.map { ($0.rule, $0.count) })
        #expect(byRule == ["undocumented-step": 1, "missing-owner": 1, "broken-link": 1])
    }

    @Test func matchingIgnoresLinesAndMessages() {
        let baseline = Baseline(findings: [Self.link])
        var moved = Self.link
        moved.location = SourceLocation(line: 99, column: 7)
        moved.message = "reworded"
        #expect(baseline.compare([moved]).states == [.known])
        var otherDestination = Self.link
        otherDestination.subject = "../sales/quotes.md"
        #expect(baseline.compare([otherDestination]).states == [.new])
    }

    @Test func reportKnownFindingsDoNotFailNewOnesDo() {
        let baseline = Baseline(findings: [Self.owner])
        let known = Report(knowledgeBase: .empty, findings: [Self.owner], baseline: baseline)
        #expect(!known.fails(at: .error))
        #expect(known.fails(at: .error) == false && known.isKnown(0))
        let withNew = Report(knowledgeBase: .empty, findings: [Self.owner, Self.link], baseline: baseline)
        #expect(withNew.fails(at: .error))
        #expect(!withNew.fails(at: nil))
        let none = Report(knowledgeBase: .empty, findings: [Self.owner])
        #expect(none.fails(at: .error) && none.baseline == nil)
    }

    // MARK: `sopbook baseline`

    @Test func anUpdateOnlyShrinksWithoutAcceptNew() {
        let existing = Baseline(findings: [Self.todo1, Self.todo2, Self.owner])
        let update = existing.updated(with: [Self.todo1, Self.link], acceptNew: false)
        #expect(update.baseline.entries.map(\.rule) == ["undocumented-step"])
        #expect(update.baseline.entries.first?.count == 1)
        #expect(update.removed == 2 && update.new == 1)
        #expect(update.summary(file: "sopbook-baseline.json")
            == "Baseline: 1 known finding in sopbook-baseline.json, 2 fixed removed; 1 new finding not added (use --accept-new).")
    }

    @Test func acceptNewAddsWhatIsNewAndKeepsTheTextOfWhatStays() {
        var entry = Baseline(findings: [Self.owner]).entries[0]
        entry.subject = "written by an older sopbook"
        let existing = Baseline(entries: [entry])
        let update = existing.updated(with: [Self.owner, Self.link, Self.todo1, Self.todo2], acceptNew: true)
        #expect(update.baseline.total == 4)
        #expect(update.baseline.entries.first { $0.rule == "missing-owner" }?.subject == "written by an older sopbook")
        #expect(update.summary(file: "b.json") == "Baseline: 4 known findings in b.json, 0 fixed removed, 3 new added.")
        #expect(Baseline.fresh([Self.owner]).summary(file: "b.json") == "Baseline: 1 known finding written to b.json.")
    }

    // MARK: broken files

    /// A well-formed file to break: entries on lines 4 and 5.
    static let good = """
        {
          "version": 1,
          "entries": [
            { "fingerprint": "0123456789abcdef", "rule": "broken-link", "process": "a", "subject": "x.md", "count": 1 },
            { "fingerprint": "fedcba9876543210", "rule": "missing-owner", "process": "b", "subject": "", "count": 2 }
          ]
        }
        """

    static func broken(_ from: String, _ to: String) -> String {
        precondition(good.contains(from), from)
        return good.replacingOccurrences(of: from, with: to)
    }

    /// Each case: the broken text, the line the error must name, and words the message must hold.
    static let brokenFiles: [(String, Int, String)] = [
        ("version: 1\nentries: []\n", 1, "not valid JSON"),
        ("", 1, "not valid JSON"),
        ("[]", 1, "JSON object"),
        (broken("\"version\": 1", "\"version\": 2"), 2, "version"),
        (broken("\"version\": 1", "\"version\": \"1\""), 2, "version"),
        (broken("\"version\": 1,\n", ""), 1, "`version` is missing"),
        (broken("\"count\": 1 }", "\"count\": 0 }"), 4, "positive integer"),
        (broken("\"count\": 1 }", "\"count\": -1 }"), 4, "positive integer"),
        (broken("\"count\": 1 }", "\"count\": 1.5 }"), 4, "positive integer"),
        (broken("\"count\": 1 }", "\"count\": \"1\" }"), 4, "positive integer"),
        (broken(", \"count\": 2 }", " }"), 5, "no `count`"),
        (broken("\"fingerprint\": \"0123456789abcdef\", ", ""), 4, "no `fingerprint`"),
        (broken("0123456789abcdef", "0123456789abcde"), 4, "16 lowercase hex"),
        (broken("0123456789abcdef", "0123456789ABCDEF"), 4, "16 lowercase hex"),
        (broken("\"rule\": \"broken-link\"", "\"rule\": \"broken-lnk\""), 4, "unknown rule `broken-lnk`"),
        (broken("fedcba9876543210", "0123456789abcdef"), 5, "listed twice (first on line 4)"),
        (broken("\"count\": 2 }", "\"count\": 2, }"), 5, "not valid JSON"),
        (broken("\"subject\": \"x.md\"", "\"subject\": \"x.md\", \"subject\": \"y\""), 4, "given twice"),
        (broken("\"subject\": \"x.md\"", "\"subjet\": \"x.md\""), 4, "unknown key `subjet`"),
        (broken("\"entries\"", "\"entrys\""), 3, "unknown key `entrys`"),
        (broken("\"process\": \"a\"", "\"process\": \"\""), 4, "`process` is empty"),
        (broken("\"process\": \"a\"", "\"process\": 7"), 4, "must be a string"),
        (broken("\"subject\": \"x.md\"", "\"subject\": \"x\\q\""), 4, "not a JSON escape"),
        (broken("\n  ]\n}", "\n  ]\n}\n{}"), 8, "after the end"),
        (broken("\n  ]\n}", "\n  ]"), 6, "not valid JSON"),
        (broken("\"entries\": [", "\"entries\": {"), 4, "not valid JSON"),
        (String(repeating: "[", count: 10_000), 1, "nested too deeply"),
    ]

    @Test(arguments: brokenFiles.indices)
    func aBrokenFileIsRefusedWithItsLine(_ index: Int) {
        let (text, line, words) = Self.brokenFiles[index]
        do {
            _ = try Baseline.parse(text, file: "sopbook-baseline.json")
            Issue.record("case \(index) was read: \(text)")
        } catch {
            #expect(error.line == line, "case \(index): \(error.description)")
            #expect(error.description.hasPrefix("sopbook-baseline.json:\(line):"), "case \(index): \(error.description)")
            #expect(error.message.contains(words), "case \(index): \(error.description)")
        }
    }

    @Test func theWellFormedFileIsRead() throws {
        let baseline = try Baseline.parse(Self.good, file: "b.json")
        #expect(baseline.total == 3)
        #expect(baseline.entries.map(\.process) == ["a", "b"])
    }

    @Test func jsonEscapesAreRead() throws {
        let text = Self.broken("\"subject\": \"x.md\"", #""subject": "\ud83d\ude00 \u00e9\/\n""#)
        let subject = try Baseline.parse(text, file: "b.json").entries.first?.subject
        #expect(subject == "😀 é/\n")
        let lone = Self.broken("\"subject\": \"x.md\"", #""subject": "\ud83d""#)
        #expect(throws: Baseline.ReadError.self) { try Baseline.parse(lone, file: "b.json") }
    }

    @Test func aFileThatIsNotUTF8IsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: url)
        #expect(throws: Baseline.ReadError.self) { try Baseline.load(from: url, displayName: "b.json") }
    }
}
