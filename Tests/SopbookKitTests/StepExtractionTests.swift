import Testing
@testable import SopbookKit

@Suite struct StepExtractionTests {
    func outline(_ markdown: String, lineOffset: Int = 0, config: Configuration = Configuration()) throws -> MarkdownOutline {
        let doc = try #require(MarkdownDocument(markdown: markdown, lineOffset: lineOffset, unsafeHTML: false))
        return doc.outline(settings: MarkdownSettings(configuration: config))
    }

    @Test func stepsAreTheFirstOrderedListOfTheStepsSection() throws {
        let o = try outline("""
        # Title

        1. Not a step, before the section

        ## Steps

        Intro paragraph.

        - bullet, not a step

        1. First **step**
        2. Second with [a link](x.md)
           1. nested, part of step 2

        A paragraph ends the list.

        1. A second list is not steps

        ## After
        """, lineOffset: 10)
        #expect(o.hasStepsSection)
        #expect(o.steps.map(\.text) == ["First step", "Second with a link nested, part of step 2"])
        #expect(o.steps.map(\.number) == [1, 2])
        #expect(o.steps[0].location.line == 21)
        #expect(o.stepsSectionLine == 15)
        #expect(o.steps[1].location.line == 22)
        #expect(o.firstLevelOneHeading == "Title")
    }

    @Test func stepHeadingIsCaseInsensitiveAndAcceptsFrench() throws {
        #expect(try outline("## PROCEDURE\n1. a\n").steps.count == 1)
        #expect(try outline("## Étapes\n1. a\n2. b\n").steps.count == 2)
        #expect(try outline("## Overview\n1. a\n").hasStepsSection == false)
    }

    @Test func subHeadingsAreStepsWhenThereIsNoList() throws {
        let o = try outline("""
        ## Steps
        ### Open the ticket
        Read it.
        ### Reply
        TBD
        #### Detail, not a step
        ## Next section
        ### Not a step
        """)
        #expect(o.steps.map(\.text) == ["Open the ticket Read it.", "Reply TBD Detail, not a step"])
        #expect(o.steps.map(\.isUndocumented) == [false, true])
    }

    @Test(arguments: [
        ("TODO", true), ("todo: later", true), ("Ask finance (TBD)", true), ("FIXME", true), ("XXX", true),
        ("???", true), ("To be documented", true), ("à compléter", true), ("À DÉFINIR", true),
        ("Use Mastodon", false), ("TODOS are fine", false), ("Send the invoice", false), ("What???", true),
    ])
    func placeholders(_ text: String, _ expected: Bool) {
        #expect(Placeholders(Configuration().placeholders).isUndocumented(text) == expected)
    }

    /// The outline's byte path against the string path it stands for, on generated texts made of placeholder
    /// parts, words, ASCII and Unicode spaces, and letters that do and do not change when lowercased.
    @Test func bytePathAgreesWithStringPath() {
        let parts = ["TODO", "todo", "TBD", "À DÉFINIR", "à compléter", "to be", "documented", "???", "xxx",
                     "Send", "the", "£500", "é", "É", "Ω", "ǅ", "mastodon", "TODOS", ":", "(", ")", "_", "1",
                     " ", "  ", "\t", "\n", "\u{A0}", "\u{3000}", "\u{2003}", "\u{85}", ""]
        let matcher = Placeholders(Configuration().placeholders)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(n))
        }
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<(1 + next(6))).map { _ in parts[next(parts.count)] }.joined()
            let bytes = Array(text.utf8)
            let fast = matcher.isUndocumented(utf8: bytes, normalized: MarkdownDocument.normalizeSpace(bytes))
            if fast != matcher.isUndocumented(text) { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(MarkdownDocument.normalizeSpace(Array(" a \u{A0} b\n".utf8)) == MarkdownDocument.normalizeSpace(" a \u{A0} b\n"))
    }

    /// The matcher against a plain search (every needle at every byte, its word boundaries checked), on
    /// generated texts, with the default placeholders and with needles that start or end outside a word
    /// (so may begin inside one): whole words, case-insensitive, a byte outside ASCII a word byte.
    @Test func matcherAgreesWithAPlainSearch() {
        func isWord(_ b: UInt8) -> Bool { b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F }
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        func plain(_ text: [UInt8], _ needles: [[UInt8]]) -> Bool {
            let h = text.map(lower)
            for i in h.indices {
                for n in needles where !n.isEmpty && i + n.count <= h.count && Array(h[i..<(i + n.count)]) == n {
                    let before = i > 0 && isWord(h[i - 1]), after = i + n.count < h.count && isWord(h[i + n.count])
                    if !(isWord(n[0]) && before) && !(isWord(n[n.count - 1]) && after) { return true }
                }
            }
            return false
        }
        let parts = ["TODO", "todo", "tbd", "TBD", "t", "to", "To be documented", "???", "?", "xxx", "X", "fixme",
                     "à compléter", "à", "voilà", "é", "£", "(tbd)", "(", ")", "!?", "x_y", "_", "1", " ", "-", "Send",
                     "mastodon", "TODOS", "a", "b"]
        let lists = [Configuration().placeholders, ["(tbd)", "!?", "x_y", "?"], ["-", "a b", "é"]]
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(n))
        }
        for words in lists {
            let matcher = Placeholders(words)
            let needles = words.map { Array($0.lowercased().utf8) }
            var disagreements: [String] = []
            for _ in 0..<10_000 {
                let text = (0..<(1 + next(7))).map { _ in parts[next(parts.count)] }.joined()
                if matcher.matches(text) != plain(Array(text.utf8), needles) { disagreements.append(text) }
            }
            #expect(disagreements.isEmpty, "\(words): \(disagreements.prefix(5))")
        }
    }

    @Test func emptyStepIsUndocumented() throws {
        let markupOnly = try outline("## Steps\n1. ![](x.png)\n2. Done\n")
        #expect(markupOnly.steps.map(\.isUndocumented) == [true, false])
        let empty = try outline("## Steps\n1.\n2. Done\n")
        #expect(empty.steps.first?.isUndocumented == true)
    }

    @Test func configurableHeadingsAndPlaceholders() throws {
        var config = Configuration()
        config.stepHeadings = ["How"]
        config.placeholders = ["WIP"]
        let o = try outline("## How\n1. WIP\n2. TODO\n", config: config)
        #expect(o.steps.map(\.isUndocumented) == [true, false])
    }

    @Test func collectsEveryKindOfLink() throws {
        let o = try outline("""
        See [inline](a.md#step-2), [ref][r], <https://example.com>, www.example.org,
        ![img](pic.png) and [[finance/invoice#step-1|the invoice]] and [[b]].
        `[[not a link]]`

        [r]: ../c.md
        """, lineOffset: 3)
        let destinations = o.links.map(\.destination)
        #expect(destinations.contains("a.md#step-2"))
        #expect(destinations.contains("../c.md"))
        #expect(destinations.contains("https://example.com"))
        #expect(destinations.contains("http://www.example.org"))
        #expect(destinations.contains("pic.png"))
        #expect(destinations.contains("finance/invoice#step-1"))
        #expect(destinations.contains("b"))
        #expect(!destinations.contains("not a link"))
        let wiki = try #require(o.links.first { $0.destination == "finance/invoice#step-1" })
        #expect(wiki.kind == .wiki)
        #expect(wiki.text == "the invoice")
        #expect(wiki.location.line == 5)
        #expect(o.links.first { $0.destination == "a.md#step-2" }?.location.line == 4)
    }

    /// With raw HTML allowed, the nine tags GFM filters stay filtered however they are spelled
    /// (`<script/x>` found by the fuzzer in `Tests/Fixtures/fuzz/unsafe-html-script-slash.md`).
    @Test func unsafeHTMLStillFiltersScriptTags() throws {
        let doc = try #require(MarkdownDocument(markdown: "<script></script><script/x>alert(1)</script>\n\n<SCRIPT\tsrc=x></SCRIPT> <iframe/src=x> <b>kept</b> <scripts>\n", lineOffset: 0, unsafeHTML: true))
        _ = doc.outline(settings: MarkdownSettings(configuration: Configuration()))
        let html = doc.renderHTML { _, _ in nil }
        // `<scripts>` is another tag and stays; no real script or iframe opens.
        let lowered = html.lowercased().replacingOccurrences(of: "<scripts>", with: "")
        #expect(!lowered.contains("<script"))
        #expect(!lowered.contains("<iframe"))
        #expect(html.contains("<b>kept</b>"))
        #expect(html.contains("<scripts>"))
    }

    @Test func renderedHTMLHasAnchorsAndRewrittenLinks() throws {
        let doc = try #require(MarkdownDocument(markdown: "## Steps\n1. Go to [x](x.md) and [[y]]\n<script>alert(1)</script>\n", lineOffset: 0, unsafeHTML: false))
        _ = doc.outline(settings: MarkdownSettings(configuration: Configuration()))
        let html = doc.renderHTML { kind, dest in kind == .wiki ? "Y.html" : dest == "x.md" ? "X.html" : nil }
        #expect(html.contains("id=\"steps\""))
        #expect(html.contains("id=\"step-1\""))
        #expect(html.contains("href=\"X.html\""))
        #expect(html.contains("<a href=\"Y.html\">y</a>"))
        #expect(!html.contains("<script>"))
    }
}

/// cmark-gfm's inline special-character table is global; parsing on many threads at once must still
/// autolink every URL and strike through every `~~text~~` (see `MarkdownDocument.registration`).
@Suite struct ConcurrentParsingTests {
    /// `count` documents parsed (outline and HTML) on every core at once; `markdown` gives the n-th.
    func renderInParallel(_ count: Int, _ markdown: @escaping @Sendable (Int) -> String) -> [String] {
        let settings = MarkdownSettings(configuration: Configuration())
        return Parallel.map(Array(0..<count)) { n in
            guard let doc = MarkdownDocument(markdown: markdown(n), lineOffset: 0, unsafeHTML: false) else { return "" }
            _ = doc.outline(settings: settings)
            return doc.renderHTML { _, _ in nil }
        }
    }

    @Test func parallelParsesAreIdentical() throws {
        let markdown = (1...40).map { "Line \($0): see https://example.com/\($0) and www.example.org, ~~old~~ new.\n\n| a | b |\n|---|---|\n| https://x.test/\($0) | ~~y~~ |\n" }.joined(separator: "\n")
        let htmls = renderInParallel(64) { _ in markdown }
        let first = try #require(htmls.first)
        #expect(first.components(separatedBy: "<a href=\"https://example.com/").count == 41)
        #expect(first.components(separatedBy: "<del>").count == 81)
        #expect(htmls.allSatisfy { $0 == first })
    }

    /// Without `~`, documents parse in parallel: autolinks must still all be found.
    @Test func parallelParsesWithoutTildeAreIdentical() throws {
        let markdown = (1...40).map { "Line \($0): see https://example.com/\($0) and www.example.org.\n\n| a | b |\n|---|---|\n| https://x.test/\($0) | y |\n" }.joined(separator: "\n")
        let htmls = renderInParallel(200) { _ in markdown }
        let first = try #require(htmls.first)
        #expect(first.components(separatedBy: "<a href=\"https://example.com/").count == 41)
        #expect(first.components(separatedBy: "<a href=\"https://x.test/").count == 41)
        #expect(htmls.allSatisfy { $0 == first })
    }

    /// Documents with `~` take turns among themselves but run beside documents without it, which are
    /// parsed without the strikethrough extension: every `~~` must still be struck through.
    @Test func mixedDocumentsKeepTheirStrikethrough() throws {
        let withTilde = (1...30).map { "Step \($0): ~~old~~ new, see https://example.com/\($0).\n\n| a | b |\n|---|---|\n| ~~x~~ | y |\n" }.joined(separator: "\n")
        let without = (1...30).map { "Step \($0): see https://example.com/\($0).\n\n| a | b |\n|---|---|\n| x | y |\n" }.joined(separator: "\n")
        let htmls = renderInParallel(200) { n in n % 2 == 0 ? withTilde : without }
        for (n, html) in htmls.enumerated() {
            #expect(html.components(separatedBy: "<del>").count == (n % 2 == 0 ? 61 : 1))
            #expect(html.components(separatedBy: "<a href=\"https://example.com/").count == 31)
        }
    }
}
