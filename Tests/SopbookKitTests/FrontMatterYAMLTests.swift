import Foundation
import Testing
import Yams
@testable import SopbookKit

/// `FrontMatterYAML.compose` reads front matter from libyaml's events; its oracle is Yams's composer,
/// which it replaced on the fast path. Where it composes a text, the tree must be Yams's node for node
/// (text, style, position, and what a plain scalar means); where it declines, Yams takes the text.
@Suite struct FrontMatterYAMLTests {
    /// The same tree: structure, scalar text and style, every position, and the core schema's reading of
    /// values. (Not of keys: Yams's duplicate check hashes keys, which fixes their tags as text, and the
    /// reader never asks a key whether it is a number.)
    static func same(_ a: YAMLNode, _ b: YAMLNode, isKey: Bool = false) -> Bool {
        guard a.mark == b.mark else { return false }
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return x.string == y.string && x.style == y.style && YAMLValue.isNull(a) == YAMLValue.isNull(b)
                && (isKey || YAMLValue.isNumberOrBoolean(a) == YAMLValue.isNumberOrBoolean(b))
        case (.mapping(let x, _), .mapping(let y, _)):
            return x.pairs.count == y.pairs.count && zip(x.pairs, y.pairs).allSatisfy { same($0.key, $1.key, isKey: true) && same($0.value, $1.value) }
        case (.sequence(let x, _), .sequence(let y, _)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default:
            return false
        }
    }

    /// Checks one text; returns whether the fast path took it.
    @discardableResult
    static func agrees(_ yaml: String) -> Bool {
        guard let fast = FrontMatterYAML.compose(yaml) else { return false }
        let reference: Node?
        do {
            reference = try Parser(yaml: yaml, resolver: .basic, encoding: .utf8).singleRoot()
        } catch {
            Issue.record("composed a text Yams refuses (\(error)): \(yaml.debugDescription)")
            return true
        }
        switch (fast, reference) {
        case (nil, nil): break
        case (let node?, let reference?): #expect(same(node, YAMLNode(reference)), "\(yaml.debugDescription)")
        default: Issue.record("one composed a node, the other an empty stream: \(yaml.debugDescription)")
        }
        return true
    }

    @Test(arguments: [
        "", "title: x\n", "owner: Finance Lead\nraci:\n  responsible: [A, B]\n  accountable: C\n",
        "tags:\n  - one\n  - 'two'\n  - \"three\"\n", "summary: >\n  folded\n  text\n", "summary: |\n  kept\n  lines\n",
        "review: {last: 2026-01-02, every: 6 months}\n", "n: 5\nf: 1.5\nb: yes\nz: ~\ne:\n", "title: Café — « déjà »\n",
        "# a comment\ntitle: x # trailing\n", "title: multi\n  line plain\n", "---\ntitle: x\n", "x: 'it''s'\n",
        "quality:\n  - standard: Fast\n    metric: minutes\n    target: \"< 5\"\n  - Plain text\n",
        "? complex\n: value\n", "[1, 2]\n", "just text\n", "k: [a, {b: c}]\n", "\"quoted key\": v\n", "tab:\tvalue\n",
        (0..<12).map { "k\($0): \($0)\n" }.joined(),
    ])
    func agreesWithYams(_ yaml: String) {
        #expect(Self.agrees(yaml), "the fast path should take \(yaml.debugDescription)")
    }

    /// What the fast path leaves to Yams: Yams's nodes (aliases expanded, tags kept) or its error message.
    @Test(arguments: [
        "a: &x 1\nb: *x\n", "n: !!str 5\n", "k: v\nk: w\n", "a: [\n", "a: 'open\n", "---\na: 1\n---\nb: 2\n",
        "a:\n" + String(repeating: "- ", count: 40) + "x\n",
        // A key written twice among a few keys, and among more than are compared one by one (`KeySet`).
        "a: 1\nb: 2\nc: 3\nb: 4\n", (0..<12).map { "k\($0): \($0)\n" }.joined() + "k3: again\n",
        "m:\n" + (0..<10).map { "  k\($0): \($0)\n" }.joined() + "  k9: again\n",
    ])
    func leavesTheRestToYams(_ yaml: String) {
        #expect(FrontMatterYAML.compose(yaml).map { _ in true } == nil)
    }

    /// Every front matter of the fixtures and the example handbook, fast path or not.
    @Test func agreesOnEveryFixture() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var taken = 0, texts = 0
        for folder in ["Tests/Fixtures", "Content"] {
            let base = root.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk where url.pathExtension == "md" {
                guard let data = try? Data(contentsOf: url), case .success(let split) = FrontMatterSplitter.split(Array(data)),
                      let yaml = split.frontMatter else { continue }
                texts += 1
                if Self.agrees(yaml) { taken += 1 }
            }
        }
        #expect(texts > 100 && taken > texts * 3 / 4, "\(taken) of \(texts) front matters on the fast path")
    }
}

/// `YAMLSpans.end` finds where a scalar ends as written: on an ASCII line by bytes, on any other line by
/// Unicode scalars (libyaml's columns), for each quoting style; and nothing where the text is not what the
/// node says (an escape in a double-quoted scalar).
@Suite struct YAMLSpanTests {
    @Test(arguments: [
        ("owner: Ops Lead", 8, 16), ("owner: 'it''s'", 8, 15), ("owner: \"Ops\"", 8, 13),
        ("owner: Équipe Qualité", 8, 22), ("é: 'l''été'", 4, 12), ("owner: \"Ops\\tLead\"", 8, nil), ("x: ü €", 4, 7),
        ("owner: Ops Lead\r", 8, 16), ("owner: Équipe\r", 8, 14),
    ] as [(String, Int, Int?)])
    func endsWhereTheScalarEnds(_ line: String, _ column: Int, _ end: Int?) throws {
        let yaml = "title: T\n" + line + "\n"
        let root = try #require(FrontMatterYAML.compose(yaml) ?? nil)
        let value = try #require(root.mapping?.pairs.last?.value)
        #expect(value.mark?.column == column)
        let spans = YAMLSpans(yaml, lineOffset: 1)
        #expect(spans.end(of: value) == end.map { SourceLocation(line: 3, column: $0) })
    }

    /// The alias limit counts only the `*` that start an alias, and names the line that passes it.
    @Test func aliasGuardCountsAliasesOnly() {
        let anchors = "a: &x 1\n"
        let aliases = (1...AliasGuard.limit).map { "k\($0): *x\n" }.joined()
        #expect(AliasGuard.lineExceedingLimit(anchors + aliases) == nil)
        #expect(AliasGuard.lineExceedingLimit(anchors + aliases + "last: *x\n") == AliasGuard.limit + 2)
        let quoted = (1...40).map { "q\($0): '*x' # *x\n" }.joined()
        #expect(AliasGuard.lineExceedingLimit(anchors + quoted + "b: a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*q*r\n") == nil)
        #expect(AliasGuard.lineExceedingLimit(anchors + quoted + aliases + "last: [*x]\n") == 40 + AliasGuard.limit + 2)
    }
}
