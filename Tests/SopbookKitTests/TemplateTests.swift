import Testing
@testable import SopbookKit

/// The Mustache engine the pages are rendered with. Cases follow the Mustache spec's sections
/// (interpolation, sections, inverted, comments, partials, delimiters, inheritance) for what themes use.
@Suite struct TemplateTests {
    func render(_ source: String, _ context: TemplateObject, partials: [String: String] = [:],
                escapesHTML: Bool = true) throws -> String {
        var library = TemplateLibrary(escapesHTML: escapesHTML)
        library.register(try Template(source), named: "main")
        for (name, text) in partials { library.register(try Template(text), named: name) }
        if let problem = library.verify() { throw TemplateProblem(description: problem) }
        return library.render("main", context)
    }

    struct TemplateProblem: Error, CustomStringConvertible { var description: String }

    func syntaxError(_ source: String) -> Template.SyntaxError? {
        do { _ = try Template(source); return nil } catch { return error }
    }

    @Test func interpolationEscapesHTMLUnlessRaw() throws {
        let context: TemplateObject = ["x": "<a href=\"q\">&'</a>", "n": 42, "b": true]
        #expect(try render("{{x}}|{{{x}}}|{{& x }}|{{n}}|{{b}}|{{missing}}", context)
            == "&lt;a href=&quot;q&quot;&gt;&amp;&#39;&lt;/a&gt;|<a href=\"q\">&'</a>|<a href=\"q\">&'</a>|42|true|")
        #expect(try render("{{x}}", context, escapesHTML: false) == "<a href=\"q\">&'</a>")
    }

    @Test func dottedNamesClimbTheStackOnlyForTheirFirstPart() throws {
        let context: TemplateObject = ["a": ["b": ["c": "deep"]], "name": "outer", "item": ["other": 1]]
        #expect(try render("{{a.b.c}}|{{a.x.c}}|{{#item}}{{name}}{{/item}}|{{#a}}{{b.c}}{{/a}}", context) == "deep||outer|deep")
    }

    @Test func sectionsIterateListsPushObjectsAndTestBooleans() throws {
        let context: TemplateObject = [
            "list": .objects([["n": 1], ["n": 2]]), "tags": .texts(["x", "<y>"]), "empty": [],
            "yes": true, "no": false, "object": ["k": "v"], "text": "t",
        ]
        #expect(try render("{{#list}}{{n}},{{/list}}", context) == "1,2,")
        #expect(try render("{{#tags}}[{{.}}]{{/tags}}", context) == "[x][&lt;y&gt;]")
        #expect(try render("{{#empty}}never{{/empty}}{{^empty}}none{{/empty}}", context) == "none")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}{{^yes}}!Y{{/yes}}", context) == "Y!N")
        #expect(try render("{{#object}}{{k}}{{/object}}{{^object}}x{{/object}}", context) == "v")
        #expect(try render("{{#text}}[{{.}}]{{/text}}{{#missing}}m{{/missing}}{{^missing}}absent{{/missing}}", context) == "[t]absent")
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let source = """
        <ul>
          {{#items}}
          <li>{{.}}</li>
          {{/items}}
        </ul>
        {{! a comment
            over two lines }}
        end

        """
        #expect(try render(source, ["items": .texts(["a", "b"])]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend\n")
        // Two tags on one line, or text beside a tag, keep the line.
        #expect(try render("a {{#t}}b{{/t}}\n{{#t}}{{/t}} \n", ["t": true]) == "a b\n \n")
        #expect(try render("  {{#t}}  \r\nx\r\n  {{/t}}", ["t": true]) == "x\r\n")
    }

    @Test func partialsAreIndentedLikeTheirTag() throws {
        let out = try render("<div>\n  {{>item}}\n</div>\n", ["name": "N"], partials: ["item": "<p>{{name}}</p>\n<p>2</p>\n"])
        #expect(out == "<div>\n  <p>N</p>\n  <p>2</p>\n</div>\n")
    }

    @Test func inheritanceFillsBlocksAndKeepsDefaults() throws {
        let layout = "<title>{{$title}}Site{{/title}}</title>\n<main>\n{{$main}}{{/main}}\n</main>\n{{$footer}}(c){{/footer}}\n"
        let page = "{{<layout}}\nignored text\n{{$title}}Page · {{name}}{{/title}}\n{{$main}}\n<p>{{name}}</p>\n{{/main}}\n{{/layout}}\n"
        #expect(try render(page, ["name": "P"], partials: ["layout": layout])
            == "<title>Page · P</title>\n<main>\n<p>P</p>\n\n</main>\n(c)\n")
        // The most derived template wins over an intermediate one.
        let middle = "{{<layout}}{{$title}}Middle{{/title}}{{$footer}}mid{{/footer}}{{/layout}}"
        let leaf = "{{<middle}}{{$title}}Leaf{{/title}}{{/middle}}"
        #expect(try render(leaf, [:], partials: ["layout": layout, "middle": middle])
            == "<title>Leaf</title>\n<main>\n\n</main>\nmid\n")
    }

    @Test func delimitersCanBeChanged() throws {
        #expect(try render("{{=<% %>=}}<% x %> {{x}} <%={{ }}=%>{{x}}", ["x": "1"]) == "1 {{x}} 1")
    }

    @Test func badTemplatesAreRefusedWithTheirLine() {
        #expect(syntaxError("a\n{{#s}}\nb") .map { $0.line == 2 && $0.message.contains("never closed") } == true)
        #expect(syntaxError("{{#a}}\n\n{{/b}}").map { $0.line == 3 && $0.message.contains("opened on line 1") } == true)
        #expect(syntaxError("x\n{{/a}}").map { $0.line == 2 } == true)
        #expect(syntaxError("{{upper(name)}}").map { $0.message.contains("not supported") } == true)
        #expect(syntaxError("{{%PRAGMA}}").map { $0.message.contains("pragmas") } == true)
        #expect(syntaxError("one\ntwo {{name").map { $0.line == 2 && $0.message.contains("not closed") } == true)
        #expect(syntaxError("{{{raw}}").map { $0.message.contains("}}}") } == true)
        #expect(syntaxError("{{}}") != nil)
        #expect(syntaxError("{{a..b}}") != nil)
    }

    @Test func missingPartialsAndCyclesAreReportedNotRendered() throws {
        #expect(throws: TemplateProblem.self) { try render("{{>nowhere}}", [:]) }
        #expect(throws: TemplateProblem.self) { try render("{{>a}}", [:], partials: ["a": "{{>b}}", "b": "{{<a}}{{/a}}"]) }
    }

    @Test func theBuiltInThemeLoadsAndAnOverrideIsChecked() throws {
        let theme = try Theme.load(overrides: nil)
        let html = theme.render("404", ["strings": ["notFound": "<Nope>"], "siteTitle": "S&P", "nav": []])
        #expect(html.contains("S&amp;P"))
        #expect(html.contains("<h1>&lt;Nope&gt;</h1>"))
    }

    /// The escaping the renderer appends in place gives what `HTML.escape` returns, on text with every
    /// special character at its start, middle and end, with multi-byte characters beside them.
    @Test func escapingInPlaceMatchesEscape() {
        let specials = ["&", "<", ">", "\"", "'"]
        var samples = ["", "plain", "é£ — ✓", "a&&b", "<<>>", "'\"'"]
        for s in specials { samples += [s + "start", "mid" + s + "dle", "end" + s, "é" + s + "✓"] }
        samples.append(String(decoding: (1...127).map { UInt8($0) }, as: UTF8.self))
        for sample in samples {
            var out: [UInt8] = Array("prefix|".utf8)
            HTML.appendEscaped(sample, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "prefix|" + HTML.escape(sample), "\(sample)")
        }
    }

    /// Escaped eight bytes at a time: a special character at every offset of values of every length up to
    /// five words (so in a word and in the tail), among ASCII and multi-byte text, gives what `escape` gives.
    @Test func escapingFindsSpecialsAtEveryOffsetOfAWord() {
        let fillers: [[UInt8]] = [Array("abcdefgh".utf8), Array("é✓—".utf8), [0x21, 0x23, 0x25, 0x28, 0x3B, 0x3D, 0x3F, 0x40]]
        for special in Array("&<>\"'".utf8) {
            for length in 1...40 {
                for offset in 0..<length {
                    for filler in fillers {
                        var bytes = (0..<length).map { filler[$0 % filler.count] }
                        bytes[offset] = special
                        let text = String(decoding: bytes, as: UTF8.self)
                        var out: [UInt8] = []
                        HTML.appendEscaped(text, to: &out)
                        #expect(String(decoding: out, as: UTF8.self) == HTML.escape(text), "\(bytes)")
                    }
                }
            }
        }
    }

    /// The word test says yes exactly when one of the eight bytes is special: each byte value in each lane,
    /// among neighbours that are not special (and that are their nearest values).
    @Test func theWordTestFindsExactlyTheSpecialBytes() {
        let specials: Set<UInt8> = [0x26, 0x3C, 0x3E, 0x22, 0x27]
        for value in 0...255 {
            for lane in 0..<8 {
                for background: UInt8 in [0x00, 0x21, 0x25, 0x3D, 0x3F, 0xFF] {
                    var word = UInt64(background) &* 0x0101_0101_0101_0101
                    word &= ~(UInt64(0xFF) << (8 * lane))
                    word |= UInt64(value) << (8 * lane)
                    #expect(HTML.hasSpecialByte(word) == specials.contains(UInt8(value)), "\(value) in lane \(lane)")
                }
            }
        }
    }

    /// An object's members keep their order, a later set of a name replaces it in place, and setting nil
    /// removes it; past the indexed size the same holds through the index.
    @Test func objectMembersReplaceInPlaceAndRemove() {
        for size in [3, 30, 60] {
            var object = TemplateObject((0..<size).map { ("k\($0)", TemplateValue.int($0)) })
            object["k1"] = "one"
            object["k0"] = nil
            object["new"] = true
            #expect(object.count == size)
            #expect(object["k1"] == .text("one") && object["k0"] == nil && object["new"] == .bool(true))
            #expect(object.map(\.0).first == "k1" && object.map(\.0).last == "new")
            #expect(object["k\(size - 1)"] == .int(size - 1))
        }
    }

    /// A name has a key exactly when it is ASCII, wherever a byte outside ASCII stands (in a word of eight
    /// or in the tail); equal names have equal keys, and names one byte apart (or a length apart) differ.
    @Test func keysAreForASCIINamesAndTellThemApart() {
        var keys: [UInt64: String] = [:]
        for length in 0...20 {
            let name = String((0..<length).map { Character(UnicodeScalar(UInt8(0x61 + $0 % 26))) })
            let key = TemplateObject.key(name)
            #expect(key != nil && key == TemplateObject.key(String(name.reversed().reversed())))
            if let key { #expect(keys.updateValue(name, forKey: key) == nil, "\(name)") }
            for at in 0..<length {
                var scalars = Array(name.unicodeScalars)
                scalars[at] = "é"
                #expect(TemplateObject.key(String(String.UnicodeScalarView(scalars))) == nil, "\(length) \(at)")
                scalars[at] = "Z"
                let other = String(String.UnicodeScalarView(scalars))
                if let key = TemplateObject.key(other) { #expect(keys.updateValue(other, forKey: key) == nil, "\(other)") }
            }
        }
    }

    /// Looked up by key (as templates do) or by name, an object of any size finds what a scan of its members
    /// finds (equal strings of as many bytes): ASCII names, names outside ASCII, and names equal to another
    /// as strings but not in length (the Kelvin sign is a `K`), before and after members are appended.
    @Test func keyedLookupsAgreeWithAScan() {
        let probes = ["k0", "k7", "k59", "K", "\u{212A}", "é", "e\u{301}", "missing", "k", "", "revisionHistory",
                      "abcdefghK", "abcdefgh\u{212A}", "abcdefghijklmnopq"]
        for size in [5, 60] {
            for extra in [[], ["K"], ["\u{212A}"], ["é"], ["e\u{301}", "x"], ["revisionHistory", "abcdefgh\u{212A}"],
                          ["abcdefghK", "abcdefghijklmnopq"]] {
                var pairs = (0..<size).map { ("k\($0)", TemplateValue.int($0)) }
                pairs += extra.enumerated().map { ($0.element, TemplateValue.int(1000 + $0.offset)) }
                var object = TemplateObject(pairs)
                object["late"] = "appended"
                pairs.append(("late", "appended"))
                for name in probes + ["late"] {
                    let scanned = pairs.last { $0.0.utf8.count == name.utf8.count && $0.0 == name }?.1
                    #expect(object.member(name, key: TemplateObject.key(name)) == scanned, "\(size) \(extra) \(name)")
                    #expect(object[name] == scanned, "\(size) \(extra) \(name)")
                }
            }
        }
    }
}
