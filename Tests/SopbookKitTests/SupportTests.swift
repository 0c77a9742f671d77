import Testing
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
