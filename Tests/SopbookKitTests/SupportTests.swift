import Testing
import Foundation
@testable import SopbookKit

/// `rootPrefix` counts folders on bytes; its oracle is the plain definition by `split`.
@Suite struct RootPrefixTests {
    @Test(arguments: ["index.html", "a/b.html", "a/b/c.html", "roles/x.html", "a//b.html", "/a/b.html", "a/b/", "", "é/ü/ß.html"])
    func matchesTheSplitDefinition(_ page: String) {
        let oracle = String(repeating: "../", count: max(0, page.split(separator: "/").count - 1))
        #expect(ContentPath.rootPrefix(forPage: page) == oracle)
    }
}

/// `partitionPoint` against its oracle, the first index where the predicate stops holding, found by a scan.
@Suite struct PartitionPointTests {
    @Test(arguments: [0, 1, 2, 3, 7, 8, 20])
    func findsTheFirstElementNotBefore(_ count: Int) {
        let sorted = (0..<count).map { $0 * 2 }
        for probe in -1...(count * 2 + 1) {
            let oracle = sorted.firstIndex { !($0 < probe) } ?? sorted.endIndex
            #expect(sorted.partitionPoint { $0 < probe } == oracle)
        }
    }
}

/// `replacingAll` against its oracle, the definition by `split` (which cuts at every occurrence, left to
/// right, without overlaps), and on the one case where Foundation's grapheme search differs.
/// `SitePlanner.findingRanges` against a filter of the report by file, on random reports in report order.
@Suite struct FindingRangesTests {
    @Test func rangesEqualAFilterByFile() {
        var random = SeededRandom(seed: 41)
        for _ in 0..<50 {
            let files = ["a.md", "b/c.md", "b.md", "é.md", "z.md"]
            var findings = (0..<Int.random(in: 0..<30, using: &random)).map { n in
                Finding(rule: "orphan", severity: .info, file: files.randomElement(using: &random) ?? "a.md",
                        location: SourceLocation(line: n + 1, column: 1), process: nil, message: "m")
            }
            findings.sort(by: Finding.reportOrder)
            let ranges = SitePlanner.findingRanges(findings)
            for file in files {
                let expected = findings.filter { $0.file == file }
                #expect(Array(findings[ranges[file] ?? 0..<0]) == expected, "\(file)")
            }
        }
    }
}

@Suite struct ReplacingAllTests {
    @Test(arguments: [("a/b/c", "/", "-"), ("", "/", "-"), ("no match", "/", "-"), ("x&y&&z", "&", " and "),
                      ("aaaa", "aa", "b"), ("{n} of {n}", "{n}", "3"), ("é/ü", "/", "—"), ("a\r\nb\rc", "\r\n", "\n"),
                      ("//", "/", ""), ("it's", "'", "")])
    func matchesTheSplitDefinition(_ text: String, _ target: String, _ replacement: String) {
        let oracle = text.utf8.split(separator: Array(target.utf8), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: replacement)
        #expect(text.replacingAll(target, with: replacement) == oracle)
    }

    /// A CSV cell doubles every quote, even one a combining mark sits on (one grapheme with it).
    @Test func doublesAQuoteUnderACombiningMark() {
        #expect("a\"\u{301}b".replacingAll("\"", with: "\"\"") == "a\"\"\u{301}b")
    }
}

/// `trimmed` against its oracle, the scalar definition (Unicode's White_Space at both ends), on ASCII
/// and Unicode spaces at either end, inside, and alone; on strings and on substrings.
@Suite struct TrimmedTests {
    @Test(arguments: ["", " ", "a", " a ", "\t\n a b \r\n", "\u{A0}a\u{A0}", " \u{3000}x\u{2028} ", "\u{85}",
                      "é", " é ", "a\u{A0}", "\u{A0}", " \u{A0} ", "x\u{301} ", "\u{B}\u{C}y\u{C}", "ü \u{2003}", "\u{1F600} "])
    func matchesTheScalarDefinition(_ text: String) {
        func oracle(_ s: Substring) -> String {
            let scalars = s.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
            return String(s[first...last])
        }
        #expect(text.trimmed == oracle(text[...]))
        let padded = "#" + text + "#"
        let inner = padded.dropFirst().dropLast()
        #expect(inner.trimmed == oracle(inner))
    }
}

/// The byte-level link helpers against the `Character` definitions they replace.
@Suite struct LinkTextTests {
    @Test(arguments: ["a.md", "A.MD", "x.Md#y", "md", ".md", "", "é.md", "a.mdx", "a.html.md", "dir/", "a?b#c", "#only", "ü#ä?ö"])
    func matchTheCharacterDefinitions(_ text: String) {
        #expect(text.beforeFragmentOrQuery == text.prefix { $0 != "#" && $0 != "?" })
        #expect(text.hasSuffix(ignoringASCIICase: ".md") == text.lowercased().hasSuffix(".md"))
        #expect(text.hasSuffix(ignoringASCIICase: ".html.md") == text.lowercased().hasSuffix(".html.md"))
        #expect(text.firstIndex(ofASCII: UInt8(ascii: "#")) == text.firstIndex(of: "#"))
    }
}

/// `relativeURL` works on bytes; its oracle is the definition by `split` it replaced.
@Suite struct RelativeURLTests {
    static func oracle(from: String, to: String) -> String {
        let fromDirs = from.split(separator: "/").dropLast()
        let toParts = to.split(separator: "/")
        var common = 0
        while common < fromDirs.count, common < toParts.count - 1, fromDirs[fromDirs.startIndex + common].utf8.elementsEqual(toParts[common].utf8) { common += 1 }
        return String(repeating: "../", count: fromDirs.count - common)
            + toParts[common...].map { ContentPath.encodeSegment(String($0)) }.joined(separator: "/")
    }

    @Test func matchesTheSplitDefinition() {
        let names = ["a", "b", "index.html", "x y.html", "é", "a#b", "", "c.html", "%", "ß/ü"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            func path() -> String { (0..<Int.random(in: 0...4, using: &generator)).map { _ in names[Int.random(in: names.indices, using: &generator)] }.joined(separator: "/") }
            let from = path(), to = path()
            #expect(ContentPath.relativeURL(from: from, to: to) == Self.oracle(from: from, to: to), "\(from) → \(to)")
        }
    }
}

/// `normalizeSpace` against its oracle: the words between runs of ASCII whitespace and no-break spaces,
/// joined by one space.
@Suite struct NormalizeSpaceTests {
    @Test(arguments: ["", " ", "a", "  a  b  ", "a\tb\nc\r\nd", "a\u{A0}b", "a \u{A0} b", "a\u{A0}\u{A0}", "\u{A0}a",
                      "£5 \u{A0}é", "x\u{301} y", "a\u{2003}b", " \u{A0} ", "é\u{A0}\u{A0}ü  ", "\u{C2}"])
    func matchesTheWordDefinition(_ text: String) {
        let spaces: Set<UInt32> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0]
        var words: [[Unicode.Scalar]] = [[]]
        for u in text.unicodeScalars {
            if spaces.contains(u.value) { words.append([]) } else { words[words.count - 1].append(u) }
        }
        let oracle = words.filter { !$0.isEmpty }.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        #expect(MarkdownDocument.normalizeSpace(text) == oracle)
    }
}

/// `Parallel.map(_:contention:_:)`: the same results, in order, as a plain map; and, with more than one
/// core, a core rarely waits for the lock: it takes an item that does not need it instead (a plain map
/// waits for a good part of the items that take it).
@Suite struct ParallelContentionTests {
    final class Waits: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var count = 0
        func add() { lock.withLock { count += 1 } }
    }

    @Test(arguments: [0, 1, 2, 7, 500])
    func keepsTheCoresOffTheHeldLock(_ count: Int) {
        let lock = NSLock(), waits = Waits()
        let items = Array(0..<count)
        let takesLock: @Sendable (Int) -> Bool = { $0 % 3 == 0 }
        let results = Parallel.map(items, contention: .init(lock: lock, takesLock: takesLock)) { i -> Int in
            if takesLock(i) {
                if !lock.try() { waits.add(); lock.lock() }
                usleep(200)
                lock.unlock()
            } else {
                usleep(200)
            }
            return i * i
        }
        #expect(results == items.map { $0 * $0 })
        if count == 500, ProcessInfo.processInfo.activeProcessorCount > 1 { #expect(waits.count < 10, "\(waits.count) waits") }
    }
}

/// `oneLine` shows control characters and line separators as escapes, and returns other text unchanged.
@Suite struct OneLineTests {
    @Test(arguments: [("plain é £", "plain é £"), ("a\nb", "a\\nb"), ("x\r\ty", "x\\r\\ty"), ("e\u{1B}[31m", "e\\u{1B}[31m"),
                      ("\u{85}", "\\u{85}"), ("p\u{2028}q\u{2029}", "p\\u{2028}q\\u{2029}"), ("\u{7F}", "\\u{7F}"), ("", "")])
    func escapesWhatWouldBreakALine(_ text: String, _ shown: String) {
        #expect(text.oneLine == shown)
    }
}

/// `JSONReport.string` against its oracle, the escape of each scalar: quotes, backslashes, control
/// characters, `<`, `>`, `&` and the two line separators escaped, everything else as it is.
@Suite struct JSONStringTests {
    @Test(arguments: ["", "plain", "a \"quote\" and \\ back", "line\nbreak\r\tx", "<script>&</script>", "é€—£",
                      "sep\u{2028}para\u{2029}", "\u{1}\u{1F}", "\u{E2}", "dash — and \u{2027}"])
    func escapesLikeTheScalarDefinition(_ text: String) {
        var oracle = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": oracle += "\\\""
            case "\\": oracle += "\\\\"
            case "\n": oracle += "\\n"
            case "\r": oracle += "\\r"
            case "\t": oracle += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": oracle += String(format: "\\u%04x", u.value)
            default: oracle += u.value < 0x20 ? String(format: "\\u%04x", u.value) : String(u)
            }
        }
        #expect(JSONReport.string(text) == oracle + "\"")
    }
}

/// `SmallMap` against its oracle, a `Dictionary` given the same writes: the same lookups, keys and
/// equality, before and after `compact()`.
@Suite struct SmallMapTests {
    /// Writes of a seeded random sequence: sets, overwrites and removals (nil) over a few keys.
    static func writes(seed: UInt64, count: Int) -> [(String, Int?)] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        return (0..<count).map { _ in ("k\(next() % 12)", next() % 4 == 0 ? nil : Int(next() % 100)) }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func answersAsADictionaryDoes(_ seed: UInt64) {
        var map = SmallMap<String, Int>()
        var oracle: [String: Int] = [:]
        for (key, value) in Self.writes(seed: seed, count: 40) {
            map[key] = value
            oracle[key] = value
        }
        for compacted in [false, true] {
            if compacted { map.compact() }
            #expect(map.count == oracle.count && map.isEmpty == oracle.isEmpty)
            #expect(Set(map.keys) == Set(oracle.keys) && map.keys.count == oracle.count)
            for n in 0..<14 { #expect(map["k\(n)"] == oracle["k\(n)"]) }
        }
    }

    @Test func equalityIgnoresOrder() {
        let a: SmallMap<String, Int> = ["x": 1, "y": 2]
        var b: SmallMap<String, Int> = ["y": 2]
        b["x"] = 1
        #expect(a == b)
        b["x"] = 3
        #expect(a != b)
        b["x"] = nil
        #expect(a != b && b.count == 1)
    }

    @Test func compactedKeepsTheElementsInOrder() {
        var grown: [Int] = []
        for n in 0..<37 { grown.append(n * 3) }
        let exact = grown.compacted()
        #expect(exact == grown && exact.capacity < grown.capacity)
        #expect([Int]().compacted().isEmpty)
        var text = ""
        text.reserveCapacity(16 * 1024)
        text += "<li>é ü — 👩‍🔧</li>"
        #expect(text.compacted() == text && text.compacted().utf8.elementsEqual(text.utf8) && "".compacted().isEmpty)
    }
}

/// An area's order is the merge of its folders' orders; its oracle is the sort of the whole area, by the
/// same comparison of titles (`localizedStandardCompare`, then the index), on titles that differ only in
/// case, digits, accents or punctuation.
@Suite struct TitleOrderMergeTests {
    static let words = ["Invoice", "invoice", "Invoice 2", "Invoice 10", "Écart", "ecart", "Z", "a", "A-b", "ab", "a b", "", "Ωmega", "10", "9", "ça"]

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func mergingFoldersGivesTheAreaSort(_ seed: UInt64) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let titles = (0..<120).map { _ in Self.words[next(Self.words.count)] + (next(3) == 0 ? " \(next(20))" : "") }
        let precedes: (Int, Int) -> Bool = { a, b in
            let order = titles[a].localizedStandardCompare(titles[b])
            return order == .orderedSame ? a < b : order == .orderedAscending
        }
        var folders = Array(repeating: [Int](), count: 1 + next(7))
        for i in titles.indices { folders[next(folders.count)].append(i) }
        let merged = Layout.merged(folders.map { $0.sorted(by: precedes) }, by: precedes)
        #expect(merged == titles.indices.sorted(by: precedes))
        #expect(Layout.merged([], by: precedes).isEmpty)
    }
}

/// `readAll` reads into an array sized from the walk's stat; its oracle is Foundation's read of the file,
/// whatever the hint: exact, too small (the file grew), too large (it shrank), or zero.
@Suite struct ReadAllTests {
    @Test(arguments: [0, 1, 4095, 65_536, 65_537, 200_000])
    func readsTheWholeFileWhateverTheHint(_ size: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-readall-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        try Data(bytes).write(to: url)
        for hint in [0, 1, size / 2, size, size + 1, size * 2 + 10] {
            #expect(ContentLoader.readAll(url.path, sizeHint: hint) == bytes, "size \(size), hint \(hint)")
        }
        #expect(ContentLoader.readAll(url.path + "-missing", sizeHint: size) == nil)
    }
}

/// `Memo` finds a result at its position, else by its key's hash: keys shifted by an added or removed
/// item, swapped or repeated, are reused; a new key is computed; a failed build's results are kept.
@Suite struct MemoReuseTests {
    private func run(_ memo: Memo, _ keys: [String], build: Int) -> [String] {
        memo.resetCounts()
        return memo.map(.summaries, keys.count, key: { keys[$0] }) { "\(keys[$0]) made in build \(build)" }
    }

    @Test func reusesByPositionThenByHash() {
        let memo = Memo()
        #expect(run(memo, ["a", "b", "c"], build: 1) == ["a made in build 1", "b made in build 1", "c made in build 1"])
        memo.endBuild()
        #expect(run(memo, ["x", "a", "c", "b", "a"], build: 2)
            == ["x made in build 2", "a made in build 1", "c made in build 1", "b made in build 1", "a made in build 1"])
        #expect(memo.misses[.summaries] == 1)
        memo.endBuild()
        // Only what build 2 used is kept: "c" and "b" again, "y" new.
        #expect(run(memo, ["c", "y", "b"], build: 3) == ["c made in build 1", "y made in build 3", "b made in build 1"])
        #expect(memo.misses[.summaries] == 1)
        memo.abandonBuild()
        // A failed build keeps its results beside the last build's.
        #expect(run(memo, ["y", "x"], build: 4) == ["y made in build 3", "x made in build 2"])
        #expect(memo.misses[.summaries] == 0)
    }
}

/// `CivilDate("YYYY-MM-DD")` reads plain digits from the bytes and anything else by its parts: both ways
/// give what the parts alone gave.
@Suite struct CivilDateParsingTests {
    static func byParts(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    @Test(arguments: ["2026-01-02", "2024-02-29", "2026-02-29", "2026-13-01", "0000-01-01", "9999-12-31", "2026-1-01",
                      "2026/01/01", "+202-01-01", "2026-+1-01", "２０２６-01-01", "2026-01-0x", "2026-01-02 ", "", "2026-00-10",
                      "1900-02-29", "2000-02-29", "2026-04-31", "-026-01-01"])
    func digitsReadAsTheParts(_ text: String) {
        #expect(CivilDate(text) == Self.byParts(text))
    }
}

@Suite struct StandardOrderTests {
    /// `standardOrder` against Foundation's `localizedStandardCompare`, its oracle, over generated titles:
    /// plain ones (letters of both cases, spaces, hyphens), which it compares itself, and others (digits,
    /// accents, punctuation), which it hands to Foundation.
    @Test func agreesWithFoundation() {
        let plain: [String] = ["a", "b", "A", "B", "z", "Z", " ", "-"]
        let other: [String] = ["é", "1", "10", "_", "(", "É"]
        var generator = SystemRandomNumberGenerator()
        func title(_ alphabet: [String]) -> String {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
        }
        for n in 0..<20_000 {
            let alphabet = n % 4 == 0 ? plain + other : plain
            let a = title(alphabet), b = title(alphabet)
            #expect(a.standardOrder(b) == a.localizedStandardCompare(b), "[\(a)] [\(b)]")
        }
    }

    @Test func ordersPlainTitlesAsFoundationDoes() {
        #expect("a b".standardOrder("ab") == .orderedAscending)
        #expect("abc".standardOrder("ABC") == .orderedAscending)
        #expect("The end".standardOrder("the End") == .orderedDescending)
        #expect("Zeta".standardOrder("alpha") == .orderedDescending)
        #expect("x".standardOrder("x") == .orderedSame)
    }
}

@Suite struct LastSlashPartTests {
    /// The last part found from the end is the last of the parts `slashParts` splits.
    @Test(arguments: ["", "/", "//", "a", "a/b", "a/b/", "a//b//", "/a", "dé/café.md", "x.html.md", "a/ b"])
    func isTheLastOfTheParts(_ path: String) {
        #expect(path.lastSlashPart.map(String.init) == path.slashParts.last.map(String.init))
        // On a substring that starts inside its string, the part is found in the substring, not the string.
        #expect(("x/y" + path).dropFirst(3).lastSlashPart.map(String.init) == path.slashParts.last.map(String.init))
    }
}
