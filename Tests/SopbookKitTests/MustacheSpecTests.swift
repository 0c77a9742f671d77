import Foundation
import Testing
@testable import SopbookKit

/// Sopbook's Mustache engine against the behaviour the Mustache specification documents
/// (https://github.com/mustache/spec, `specs/*.yml`): one case per spec test, written out here with the
/// spec's names, data, templates and expected output.
///
/// Where the engine differs on purpose, the spec case is replaced by a test of the refusal:
/// - values are `TemplateValue`s: there are no decimals (the "Decimal" cases are left out) and no null
///   (a null value is a missing key, which the spec treats the same way);
/// - the root context is always a map, so the spec's "implicit iterator" cases on a root string run
///   inside a section;
/// - a missing partial and a recursive partial are refused when a theme loads (`TemplateLibrary.verify`),
///   since a theme's mistake should stop the build rather than render an empty page; rendering alone still
///   gives the empty string for a missing partial, as the spec says;
/// - lambdas, transforms, pragmas, dynamic names and the draft's leading-dot names are refused at load
///   with the file and line.
@Suite struct MustacheSpecTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var data: TemplateObject = [:]
        var template: String
        var partials: [String: String] = [:]
        var expected: String
        var testDescription: String { name }
    }

    /// Renders without `verify`, so that a missing partial renders as the spec says.
    static func render(_ c: Case) throws -> String {
        var library = TemplateLibrary()
        library.register(try Template(c.template), named: "spec-main")
        for (name, text) in c.partials { library.register(try Template(text), named: name) }
        return library.render("spec-main", c.data)
    }

    static func check(_ c: Case) throws {
        let actual = try render(c)
        #expect(actual == c.expected, "\(c.name): \(actual.debugDescription) != \(c.expected.debugDescription)")
    }

    // MARK: Interpolation (interpolation.yml)

    static let forbidden: TemplateObject = ["forbidden": #"& " < >"#]
    static let deep: TemplateValue = ["b": ["c": ["d": ["e": ["name": "Phil"]]]]]

    static let interpolationCases: [Case] = [
        Case(name: "No Interpolation", template: "Hello from {Mustache}!\n", expected: "Hello from {Mustache}!\n"),
        Case(name: "Basic Interpolation", data: ["subject": "world"], template: "Hello, {{subject}}!\n", expected: "Hello, world!\n"),
        Case(name: "HTML Escaping", data: forbidden, template: "These characters should be HTML escaped: {{forbidden}}\n",
             expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        Case(name: "Triple Mustache", data: forbidden, template: "These characters should not be HTML escaped: {{{forbidden}}}\n",
             expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Ampersand", data: forbidden, template: "These characters should not be HTML escaped: {{&forbidden}}\n",
             expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Basic Integer Interpolation", data: ["mph": 85], template: #""{{mph}} miles an hour!""#, expected: #""85 miles an hour!""#),
        Case(name: "Triple Mustache Integer Interpolation", data: ["mph": 85], template: #""{{{mph}}} miles an hour!""#,
             expected: #""85 miles an hour!""#),
        Case(name: "Ampersand Integer Interpolation", data: ["mph": 85], template: #""{{&mph}} miles an hour!""#,
             expected: #""85 miles an hour!""#),
        Case(name: "Basic Context Miss Interpolation", template: "I ({{cannot}}) be seen!", expected: "I () be seen!"),
        Case(name: "Triple Mustache Context Miss Interpolation", template: "I ({{{cannot}}}) be seen!", expected: "I () be seen!"),
        Case(name: "Ampersand Context Miss Interpolation", template: "I ({{&cannot}}) be seen!", expected: "I () be seen!"),
        Case(name: "Dotted Names - Basic Interpolation", data: ["person": ["name": "Joe"]],
             template: #""{{person.name}}" == "{{#person}}{{name}}{{/person}}""#, expected: #""Joe" == "Joe""#),
        Case(name: "Dotted Names - Triple Mustache Interpolation", data: ["person": ["name": "Joe"]],
             template: #""{{{person.name}}}" == "{{#person}}{{{name}}}{{/person}}""#, expected: #""Joe" == "Joe""#),
        Case(name: "Dotted Names - Ampersand Interpolation", data: ["person": ["name": "Joe"]],
             template: #""{{&person.name}}" == "{{#person}}{{&name}}{{/person}}""#, expected: #""Joe" == "Joe""#),
        Case(name: "Dotted Names - Arbitrary Depth", data: ["a": deep],
             template: #""{{a.b.c.d.e.name}}" == "Phil""#, expected: #""Phil" == "Phil""#),
        Case(name: "Dotted Names - Broken Chains", data: ["a": [:]], template: #""{{a.b.c}}" == """#, expected: #""" == """#),
        Case(name: "Dotted Names - Broken Chain Resolution", data: ["a": ["b": [:]], "c": ["name": "Jim"]],
             template: #""{{a.b.c.name}}" == """#, expected: #""" == """#),
        Case(name: "Dotted Names - Initial Resolution", data: ["a": deep, "b": ["c": ["d": ["e": ["name": "Wrong"]]]]],
             template: #""{{#a}}{{b.c.d.e.name}}{{/a}}" == "Phil""#, expected: #""Phil" == "Phil""#),
        Case(name: "Dotted Names - Context Precedence", data: ["a": ["b": [:]], "b": ["c": "ERROR"]],
             template: "{{#a}}{{b.c}}{{/a}}", expected: ""),
        Case(name: "Dotted Names are never single keys", data: ["a.b": "c"], template: "{{a.b}}", expected: ""),
        Case(name: "Dotted Names - No Masking", data: ["a.b": "c", "a": ["b": "d"]], template: "{{a.b}}", expected: "d"),
        Case(name: "Implicit Iterators - Basic Interpolation", data: ["s": "world"],
             template: "{{#s}}Hello, {{.}}!\n{{/s}}", expected: "Hello, world!\n"),
        Case(name: "Implicit Iterators - HTML Escaping", data: ["s": #"& " < >"#],
             template: "{{#s}}These characters should be HTML escaped: {{.}}\n{{/s}}",
             expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        Case(name: "Implicit Iterators - Triple Mustache", data: ["s": #"& " < >"#],
             template: "{{#s}}These characters should not be HTML escaped: {{{.}}}\n{{/s}}",
             expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Implicit Iterators - Ampersand", data: ["s": #"& " < >"#],
             template: "{{#s}}These characters should not be HTML escaped: {{&.}}\n{{/s}}",
             expected: "These characters should not be HTML escaped: & \" < >\n"),
        Case(name: "Implicit Iterators - Basic Integer Interpolation", data: ["n": 85],
             template: #"{{#n}}"{{.}} miles an hour!"{{/n}}"#, expected: #""85 miles an hour!""#),
        Case(name: "Interpolation - Surrounding Whitespace", data: ["string": "---"], template: "| {{string}} |", expected: "| --- |"),
        Case(name: "Triple Mustache - Surrounding Whitespace", data: ["string": "---"], template: "| {{{string}}} |", expected: "| --- |"),
        Case(name: "Ampersand - Surrounding Whitespace", data: ["string": "---"], template: "| {{&string}} |", expected: "| --- |"),
        Case(name: "Interpolation - Standalone", data: ["string": "---"], template: "  {{string}}\n", expected: "  ---\n"),
        Case(name: "Triple Mustache - Standalone", data: ["string": "---"], template: "  {{{string}}}\n", expected: "  ---\n"),
        Case(name: "Ampersand - Standalone", data: ["string": "---"], template: "  {{&string}}\n", expected: "  ---\n"),
        Case(name: "Interpolation With Padding", data: ["string": "---"], template: "|{{ string }}|", expected: "|---|"),
        Case(name: "Triple Mustache With Padding", data: ["string": "---"], template: "|{{{ string }}}|", expected: "|---|"),
        Case(name: "Ampersand With Padding", data: ["string": "---"], template: "|{{& string }}|", expected: "|---|"),
    ]

    @Test(arguments: interpolationCases) func interpolation(_ c: Case) throws { try Self.check(c) }

    // MARK: Sections (sections.yml)

    static let deeplyNested = """
        {{#a}}
        {{one}}
        {{#b}}
        {{one}}{{two}}{{one}}
        {{#c}}
        {{one}}{{two}}{{three}}{{two}}{{one}}
        {{#d}}
        {{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}
        {{#five}}
        {{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}
        {{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}
        {{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}
        {{/five}}
        {{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}
        {{/d}}
        {{one}}{{two}}{{three}}{{two}}{{one}}
        {{/c}}
        {{one}}{{two}}{{one}}
        {{/b}}
        {{one}}
        {{/a}}

        """

    static let sectionsCases: [Case] = [
        Case(name: "Truthy", data: ["boolean": true], template: #""{{#boolean}}This should be rendered.{{/boolean}}""#,
             expected: #""This should be rendered.""#),
        Case(name: "Falsey", data: ["boolean": false], template: #""{{#boolean}}This should not be rendered.{{/boolean}}""#,
             expected: #""""#),
        Case(name: "Null is falsey (a missing key)", template: #""{{#null}}This should not be rendered.{{/null}}""#, expected: #""""#),
        Case(name: "Context", data: ["context": ["name": "Joe"]], template: #""{{#context}}Hi {{name}}.{{/context}}""#,
             expected: #""Hi Joe.""#),
        Case(name: "Parent contexts", data: ["a": "foo", "b": "wrong", "sec": ["b": "bar"], "c": ["d": "baz"]],
             template: #""{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}""#, expected: #""foo, bar, baz""#),
        Case(name: "Variable test", data: ["foo": "bar"], template: #""{{#foo}}{{.}} is {{foo}}{{/foo}}""#, expected: #""bar is bar""#),
        Case(name: "List Contexts",
             data: ["tops": [["tname": ["upper": "A", "lower": "a"],
                              "middles": [["mname": "1", "bottoms": [["bname": "x"], ["bname": "y"]]]]]]],
             template: "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
             expected: "a1.A1x.A1y."),
        Case(name: "Deeply Nested Contexts",
             data: ["a": ["one": 1], "b": ["two": 2], "c": ["three": 3, "d": ["four": 4, "five": 5]]],
             template: deeplyNested,
             expected: "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n1\n"),
        Case(name: "List", data: ["list": [["item": 1], ["item": 2], ["item": 3]]], template: #""{{#list}}{{item}}{{/list}}""#,
             expected: #""123""#),
        Case(name: "Empty List", data: ["list": []], template: #""{{#list}}Yay lists!{{/list}}""#, expected: #""""#),
        Case(name: "Strings Not Lists", data: ["section": "123"], template: #""{{#section}}foo{{/section}}""#, expected: #""foo""#),
        Case(name: "Doubled", data: ["bool": true, "two": "second"],
             template: "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
             expected: "* first\n* second\n* third\n"),
        Case(name: "Nested (Truthy)", data: ["bool": true], template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
             expected: "| A B C D E |"),
        Case(name: "Nested (Falsey)", data: ["bool": false], template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
             expected: "| A  E |"),
        Case(name: "Context Misses", template: "[{{#missing}}Found key 'missing'!{{/missing}}]", expected: "[]"),
        Case(name: "Implicit Iterator - String", data: ["list": ["a", "b", "c", "d", "e"]], template: #""{{#list}}({{.}}){{/list}}""#,
             expected: #""(a)(b)(c)(d)(e)""#),
        Case(name: "Implicit Iterator - Integer", data: ["list": [1, 2, 3, 4, 5]], template: #""{{#list}}({{.}}){{/list}}""#,
             expected: #""(1)(2)(3)(4)(5)""#),
        Case(name: "Implicit Iterator - Array", data: ["list": [[1, 2, 3], ["a", "b", "c"]]],
             template: #""{{#list}}({{#.}}{{.}}{{/.}}){{/list}}""#, expected: #""(123)(abc)""#),
        Case(name: "Implicit Iterator - HTML Escaping", data: ["list": ["&", "\"", "<", ">"]],
             template: #""{{#list}}({{.}}){{/list}}""#, expected: #""(&amp;)(&quot;)(&lt;)(&gt;)""#),
        Case(name: "Implicit Iterator - Triple Mustache", data: ["list": ["&", "\"", "<", ">"]],
             template: #""{{#list}}({{{.}}}){{/list}}""#, expected: #""(&)(")(<)(>)""#),
        Case(name: "Dotted Names - Truthy", data: ["a": ["b": ["c": true]]],
             template: #""{{#a.b.c}}Here{{/a.b.c}}" == "Here""#, expected: #""Here" == "Here""#),
        Case(name: "Dotted Names - Falsey", data: ["a": ["b": ["c": false]]],
             template: #""{{#a.b.c}}Here{{/a.b.c}}" == """#, expected: #""" == """#),
        Case(name: "Dotted Names - Broken Chains", data: ["a": [:]],
             template: #""{{#a.b.c}}Here{{/a.b.c}}" == """#, expected: #""" == """#),
        Case(name: "Surrounding Whitespace", data: ["boolean": true], template: " | {{#boolean}}\t|\t{{/boolean}} | \n",
             expected: " | \t|\t | \n"),
        Case(name: "Internal Whitespace", data: ["boolean": true],
             template: " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", expected: " |  \n  | \n"),
        Case(name: "Indented Inline Sections", data: ["boolean": true],
             template: " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", expected: " YES\n GOOD\n"),
        Case(name: "Standalone Lines", data: ["boolean": true], template: "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
             expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Indented Standalone Lines", data: ["boolean": true],
             template: "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Standalone Line Endings", data: ["boolean": true], template: "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|",
             expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", data: ["boolean": true], template: "  {{#boolean}}\n#{{/boolean}}\n/",
             expected: "#\n/"),
        Case(name: "Standalone Without Newline", data: ["boolean": true], template: "#{{#boolean}}\n/\n  {{/boolean}}",
             expected: "#\n/\n"),
        Case(name: "Padding", data: ["boolean": true], template: "|{{# boolean }}={{/ boolean }}|", expected: "|=|"),
    ]

    @Test(arguments: sectionsCases) func sections(_ c: Case) throws { try Self.check(c) }

    // MARK: Inverted sections (inverted.yml)

    static let invertedCases: [Case] = [
        Case(name: "Falsey", data: ["boolean": false], template: #""{{^boolean}}This should be rendered.{{/boolean}}""#,
             expected: #""This should be rendered.""#),
        Case(name: "Null is falsey (a missing key)", template: #""{{^boolean}}This should be rendered.{{/boolean}}""#,
             expected: #""This should be rendered.""#),
        Case(name: "Truthy", data: ["boolean": true], template: #""{{^boolean}}This should not be rendered.{{/boolean}}""#,
             expected: #""""#),
        Case(name: "Truthy - Strings", data: ["string": "rendered"], template: #""{{^string}}This should not be {{string}}.{{/string}}""#,
             expected: #""""#),
        Case(name: "Context", data: ["context": ["name": "Joe"]], template: #""{{^context}}Hi {{name}}.{{/context}}""#, expected: #""""#),
        Case(name: "List", data: ["list": [["n": 1], ["n": 2], ["n": 3]]], template: #""{{^list}}{{n}}{{/list}}""#, expected: #""""#),
        Case(name: "Empty List", data: ["list": []], template: #""{{^list}}Yay lists!{{/list}}""#, expected: #""Yay lists!""#),
        Case(name: "Doubled", data: ["t": false, "two": "second"],
             template: "{{^t}}\n* first\n{{/t}}\n* {{two}}\n{{^t}}\n* third\n{{/t}}\n", expected: "* first\n* second\n* third\n"),
        Case(name: "Nested (Falsey)", data: ["t": false], template: "| A {{^t}}B {{^t}}C{{/t}} D{{/t}} E |", expected: "| A B C D E |"),
        Case(name: "Nested (Truthy)", data: ["t": true], template: "| A {{^t}}B {{^t}}C{{/t}} D{{/t}} E |", expected: "| A  E |"),
        Case(name: "Context Misses", template: "[{{^missing}}Found key 'missing'!{{/missing}}]", expected: "[Found key 'missing'!]"),
        Case(name: "Dotted Names - Truthy", data: ["a": ["b": ["c": true]]],
             template: #""{{^a.b.c}}Not Here{{/a.b.c}}" == """#, expected: #""" == """#),
        Case(name: "Dotted Names - Falsey", data: ["a": ["b": ["c": false]]],
             template: #""{{^a.b.c}}Not Here{{/a.b.c}}" == "Not Here""#, expected: #""Not Here" == "Not Here""#),
        Case(name: "Dotted Names - Broken Chains", data: ["a": [:]],
             template: #""{{^a.b.c}}Not Here{{/a.b.c}}" == "Not Here""#, expected: #""Not Here" == "Not Here""#),
        Case(name: "Surrounding Whitespace", data: ["boolean": false], template: " | {{^boolean}}\t|\t{{/boolean}} | \n",
             expected: " | \t|\t | \n"),
        Case(name: "Internal Whitespace", data: ["boolean": false],
             template: " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", expected: " |  \n  | \n"),
        Case(name: "Indented Inline Sections", data: ["boolean": false],
             template: " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n", expected: " NO\n WAY\n"),
        Case(name: "Standalone Lines", data: ["boolean": false], template: "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
             expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Standalone Indented Lines", data: ["boolean": false],
             template: "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", expected: "| This Is\n|\n| A Line\n"),
        Case(name: "Standalone Line Endings", data: ["boolean": false], template: "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
             expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", data: ["boolean": false], template: "  {{^boolean}}\n^{{/boolean}}\n/",
             expected: "^\n/"),
        Case(name: "Standalone Without Newline", data: ["boolean": false], template: "^{{^boolean}}\n/\n  {{/boolean}}",
             expected: "^\n/\n"),
        Case(name: "Padding", data: ["boolean": false], template: "|{{^ boolean }}={{/ boolean }}|", expected: "|=|"),
    ]

    @Test(arguments: invertedCases) func inverted(_ c: Case) throws { try Self.check(c) }

    // MARK: Comments (comments.yml)

    static let commentsCases: [Case] = [
        Case(name: "Inline", template: "12345{{! Comment Block! }}67890", expected: "1234567890"),
        Case(name: "Multiline", template: "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", expected: "1234567890\n"),
        Case(name: "Standalone", template: "Begin.\n{{! Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Standalone", template: "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{! Standalone Comment }}\r\n|", expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", template: "  {{! I'm Still Standalone }}\n!", expected: "!"),
        Case(name: "Standalone Without Newline", template: "!\n  {{! I'm Still Standalone }}", expected: "!\n"),
        Case(name: "Multiline Standalone", template: "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Multiline Standalone", template: "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n",
             expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Inline", template: "  12 {{! 34 }}\n", expected: "  12 \n"),
        Case(name: "Surrounding Whitespace", template: "12345 {{! Comment Block! }} 67890", expected: "12345  67890"),
        Case(name: "Variable Name Collision", data: ["! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4],
             template: "comments never show: >{{! comment }}<", expected: "comments never show: ><"),
    ]

    @Test(arguments: commentsCases) func comments(_ c: Case) throws { try Self.check(c) }

    // MARK: Partials (partials.yml)

    static let partialsCases: [Case] = [
        Case(name: "Basic Behavior", template: #""{{>text}}""#, partials: ["text": "from partial"], expected: #""from partial""#),
        Case(name: "Failed Lookup (when rendering; a theme refuses it at load)", template: #""{{>text}}""#, expected: #""""#),
        Case(name: "Context", data: ["text": "content"], template: #""{{>partial}}""#, partials: ["partial": "*{{text}}*"],
             expected: #""*content*""#),
        Case(name: "Surrounding Whitespace", template: "| {{>partial}} |", partials: ["partial": "\t|\t"], expected: "| \t|\t |"),
        Case(name: "Inline Indentation", data: ["data": "|"], template: "  {{data}}  {{> partial}}\n", partials: ["partial": ">\n>"],
             expected: "  |  >\n>\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{>partial}}\r\n|", partials: ["partial": ">"], expected: "|\r\n>|"),
        Case(name: "Standalone Without Previous Line", template: "  {{>partial}}\n>", partials: ["partial": ">\n>"],
             expected: "  >\n  >>"),
        Case(name: "Standalone Without Newline", template: ">\n  {{>partial}}", partials: ["partial": ">\n>"], expected: ">\n  >\n  >"),
        Case(name: "Standalone Indentation", data: ["content": "<\n->"], template: "\\\n {{>partial}}\n/\n",
             partials: ["partial": "|\n{{{content}}}\n|\n"], expected: "\\\n |\n <\n->\n |\n/\n"),
        Case(name: "Standalone Indentation (nested partials add up)", template: "<\n  {{>outer}}\n>\n",
             partials: ["outer": "[\n  {{>inner}}\n]\n", "inner": "a\nb\n"], expected: "<\n  [\n    a\n    b\n  ]\n>\n"),
        Case(name: "Padding Whitespace", data: ["boolean": true], template: "|{{> partial }}|", partials: ["partial": "[]"],
             expected: "|[]|"),
    ]

    @Test(arguments: partialsCases) func partials(_ c: Case) throws { try Self.check(c) }

    // MARK: Set delimiters (delimiters.yml)

    static let delimitersCases: [Case] = [
        Case(name: "Pair Behavior", data: ["text": "Hey!"], template: "{{=<% %>=}}(<%text%>)", expected: "(Hey!)"),
        Case(name: "Special Characters", data: ["text": "It worked!"], template: "({{=[ ]=}}[text])", expected: "(It worked!)"),
        Case(name: "Sections", data: ["section": true, "data": "I got interpolated."],
             template: "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
             expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        Case(name: "Inverted Sections", data: ["section": false, "data": "I got interpolated."],
             template: "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|^section|\n  {{data}}\n  |data|\n|/section|\n]\n",
             expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        Case(name: "Partial Inheritence", data: ["value": "yes"], template: "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n",
             partials: ["include": ".{{value}}."], expected: "[ .yes. ]\n[ .yes. ]\n"),
        Case(name: "Post-Partial Behavior", data: ["value": "yes"], template: "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n",
             partials: ["include": ".{{value}}. {{= | | =}} .|value|."], expected: "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n"),
        Case(name: "Surrounding Whitespace", template: "| {{=@ @=}} |", expected: "|  |"),
        Case(name: "Outlying Whitespace (Inline)", template: " | {{=@ @=}}\n", expected: " | \n"),
        Case(name: "Standalone Tag", template: "Begin.\n{{=@ @=}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Indented Standalone Tag", template: "Begin.\n  {{=@ @=}}\nEnd.\n", expected: "Begin.\nEnd.\n"),
        Case(name: "Standalone Line Endings", template: "|\r\n{{= @ @ =}}\r\n|", expected: "|\r\n|"),
        Case(name: "Standalone Without Previous Line", template: "  {{=@ @=}}\n=", expected: "="),
        Case(name: "Standalone Without Newline", template: "=\n  {{=@ @=}}", expected: "=\n"),
        Case(name: "Pair with Padding", template: "|{{= @   @ =}}|", expected: "||"),
    ]

    @Test(arguments: delimitersCases) func delimiters(_ c: Case) throws { try Self.check(c) }

    // MARK: What the engine refuses instead

    /// A theme override folder with one template, `page.mustache` standing in for a page the renderer uses.
    static func themeError(template: String, named name: String) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(template.utf8).write(to: folder.appendingPathComponent("\(name).mustache"))
        do {
            _ = try Theme.load(overrides: folder)
            return nil
        } catch {
            return error.description
        }
    }

    /// Lambdas (`~lambdas.yml`) need code in the data, which `TemplateValue` cannot hold; the syntaxes that
    /// only make sense with them, and pragmas, are refused when the theme loads, with the file and line.
    @Test(arguments: [
        ("{{%PRAGMA}}", "pragmas"),
        ("{{#upper(name)}}x{{/upper(name)}}", "lambdas"),
        ("{{upper(name)}}", "lambdas"),
        ("{{.name}}", "not a name"),
        ("{{>*dynamic}}", "no template named `*dynamic`"),
    ])
    func unsupportedSyntaxIsRefusedWithFileAndLine(_ tag: String, _ message: String) throws {
        let page = "<p>\n{{! a theme override }}\n" + tag + "\n</p>\n"
        let error = try #require(try Self.themeError(template: page, named: "extra"), "\(tag) was accepted")
        #expect(error.contains("extra.mustache line 3"), "\(error)")
        #expect(error.contains(message), "\(error)")
    }

    /// "Failed Lookup" renders as empty, but in a theme a missing partial is a mistake, and "Recursion"
    /// (a partial that includes itself) cannot end with data that is not recursive: both are refused at load.
    @Test func missingAndRecursivePartialsAreRefusedAtLoad() throws {
        let missing = try #require(try Self.themeError(template: "a\n\"{{>text}}\"\n", named: "extra"))
        #expect(missing.contains("extra.mustache line 2") && missing.contains("no template named `text`"), "\(missing)")
        let recursive = try #require(try Self.themeError(template: "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>", named: "node"))
        #expect(recursive.contains("cycle") && recursive.contains("node → node"), "\(recursive)")
    }
}
