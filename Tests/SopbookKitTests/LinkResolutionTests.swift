import Foundation
import Testing
@testable import SopbookKit

@Suite struct ContentPathTests {
    @Test(arguments: [
        ("invoice.md", "finance/a.md", LinkDestination.content(path: "finance/invoice.md", fragment: nil)),
        ("../hr/onboard.md#step-2", "finance/a.md", .content(path: "hr/onboard.md", fragment: "step-2")),
        ("./x/../y.md", "a.md", .content(path: "y.md", fragment: nil)),
        ("/hr/onboard.md", "finance/deep/a.md", .content(path: "hr/onboard.md", fragment: nil)),
        ("my%20file.md?x=1#top", "a.md", .content(path: "my file.md", fragment: "top")),
        ("#step-3", "a.md", .sameFile(fragment: "step-3")),
        ("../../etc/passwd", "finance/a.md", .outside),
        ("https://example.com/a.md", "a.md", .external("https://example.com/a.md")),
        ("mailto:ops@example.com", "a.md", .external("mailto:ops@example.com")),
        ("javascript:alert(1)", "a.md", .external("javascript:alert(1)")),
    ])
    func resolves(_ destination: String, _ from: String, _ expected: LinkDestination) {
        #expect(ContentPath.resolve(destination, from: from) == expected)
    }

    /// `join` on bytes against the segment-list arithmetic it replaced, over generated paths of `.`, `..`,
    /// empty and non-ASCII segments.
    @Test func joinMatchesSegmentArithmetic() {
        func oracle(_ path: String, from: String) -> String? {
            var components = from.split(separator: "/", omittingEmptySubsequences: true)
            if !components.isEmpty { components.removeLast() }
            for part in path.split(separator: "/", omittingEmptySubsequences: true) {
                switch part {
                case ".": continue
                case "..":
                    if components.isEmpty { return nil }
                    components.removeLast()
                default: components.append(part)
                }
            }
            return components.joined(separator: "/")
        }
        let pieces = ["a", "..", ".", "", "é", "b.md", "...", ".x", "c d"]
        var generator = SystemRandomNumberGenerator()
        func randomPath() -> String {
            (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
                .joined(separator: "/")
        }
        for _ in 0..<2_000 {
            let path = randomPath(), from = randomPath()
            #expect(ContentPath.join(path, from: from) == oracle(path, from: from), "\(path) from \(from)")
        }
    }

    @Test func relativeURLsBetweenPages() {
        #expect(ContentPath.relativeURL(from: "finance/a.html", to: "finance/b.html") == "b.html")
        #expect(ContentPath.relativeURL(from: "finance/a.html", to: "hr/b.html") == "../hr/b.html")
        #expect(ContentPath.relativeURL(from: "index.html", to: "hr/x y#.html") == "hr/x%20y%23.html")
        #expect(ContentPath.relativeURL(from: "a/b/c.html", to: "a/d.html") == "../d.html")
        #expect(ContentPath.rootPrefix(forPage: "a/b/c.html") == "../../")
    }
}

@Suite struct LinkResolutionTests {
    /// Builds a knowledge base in a temporary folder and loads it.
    static func load(_ files: [String: String], config: Configuration = Configuration()) throws -> KnowledgeBase {
        try loadWithBodies(files, config: config).kb
    }

    static func loadWithBodies(_ files: [String: String], config: Configuration = Configuration()) throws -> (kb: KnowledgeBase, bodies: [String]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-test-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let (checked, bodies) = Pipeline.load(root, configuration: config)
        return (checked.knowledgeBase, bodies)
    }

    @Test func resolvesProcessesAnchorsAttachmentsAndBacklinks() throws {
        let (kb, bodies) = try Self.loadWithBodies([
            "finance/invoice.md": "---\nowner: A\n---\n# Invoice\n## Steps\n1. One\n2. Two\n## Notes\n",
            "hr/onboard.md": """
            ---
            owner: B
            id: onboarding
            ---
            [a](../finance/invoice.md#step-2) [b](../finance/invoice.md#notes) [c](../finance/invoice.md#step-3)
            [d](../finance/nope.md) [e](pic.png) [f](missing.png) [[finance/invoice]] [[nobody]] [g](../../x.md)
            [h](https://example.com) [i](#steps-missing)
            """,
            "hr/pic.png": "png",
        ])
        #expect(kb.procedures.map(\.id) == ["finance/invoice", "onboarding"])
        let targets = kb.links[1].map(\.target)
        #expect(targets == [
            .process(index: 0, fragment: "step-2"),
            .process(index: 0, fragment: "notes"),
            .brokenAnchor(index: 0, fragment: "step-3"),
            .broken(reason: "`finance/nope.md` does not exist"),
            .attachment(path: "hr/pic.png"),
            .broken(reason: "`hr/missing.png` does not exist under the content folder"),
            .process(index: 0, fragment: nil),
            .broken(reason: "no process has the id `nobody`"),
            .outside,
            .external("https://example.com"),
            .brokenAnchor(index: 1, fragment: "steps-missing"),
        ])
        #expect(kb.backlinks == [[1], []])
        let html = bodies[1]
        #expect(html.contains("href=\"../finance/invoice.html#step-2\""))
        #expect(html.contains("href=\"../finance/invoice.html\""))
    }

    @Test func wikiLinkByPathWhenIDIsCustom() throws {
        let kb = try Self.load([
            "a.md": "---\nowner: A\nid: INV-1\n---\n[[b]] [[INV-1#step-1]]\n## Steps\n1. x\n",
            "b.md": "---\nowner: A\n---\n[[a]]\n",
        ])
        #expect(kb.links[0].map(\.target) == [.process(index: 1, fragment: nil), .process(index: 0, fragment: "step-1")])
        #expect(kb.links[1].map(\.target) == [.process(index: 0, fragment: nil)])
    }

    @Test func skipsPartialsAndHiddenFiles() throws {
        let kb = try Self.load([
            "a.md": "---\nowner: A\n---\n[p](_partials/p.md)\n",
            "_partials/p.md": "partial",
            ".hidden.md": "hidden",
            "_draft.md": "draft",
        ])
        #expect(kb.procedures.map(\.file) == ["a.md"])
        guard case .broken(let reason) = kb.links[0][0].target else {
            Issue.record("expected a broken link")
            return
        }
        #expect(reason.contains("not a process"))
    }
}
