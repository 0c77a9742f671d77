import Foundation
import Testing
@testable import SopbookKit

/// The small parts of `impact`: the step diff, the pairing of moved files, the audience, and the
/// Markdown comment as GitHub renders it (cmark-gfm with GitHub's extensions, raw HTML kept as GitHub
/// keeps `<details>`).
struct ImpactTests {
    @Test func stepDiffTellsRewordedFromAddedAndRemoved() {
        #expect(StepDiff.compare(["a", "b", "c"], ["a", "b", "c"]) == StepDiff.Result())
        let r = StepDiff.compare(["a", "b", "c", "d"], ["a", "B", "c", "e", "f"])
        #expect(r.reworded == [.init(from: "b", to: "B"), .init(from: "d", to: "e")])
        #expect(r.added == ["f"] && r.removed.isEmpty)
        let moved = StepDiff.compare(["a", "b", "c"], ["c", "a", "b"])
        #expect(moved.added == ["c"] && moved.removed == ["c"] && moved.reworded.isEmpty)
        #expect(StepDiff.compare([], ["x", "y"]).added == ["x", "y"])
        #expect(StepDiff.compare(["x"], []).removed == ["x"])
    }

    static func procedure(_ file: String, title: String, hash: String, owners: [String] = ["Finance Lead"], raci: Raci? = nil) -> Procedure {
        var p = Procedure(file: file, id: String(file.dropLast(3)), title: title)
        p.contentHash = hash
        p.owners = owners
        p.raci = raci
        return p
    }

    static func side(_ procedures: [Procedure], bytes: [String: String] = [:]) -> ProcessDiff.Side {
        var kb = KnowledgeBase.empty
        kb.procedures = procedures
        return ProcessDiff.Side(knowledgeBase: kb, bytes: bytes.mapValues { Array($0.utf8) })
    }

    @Test func aMovedFileIsPairedByItsLinesNotOnlyByItsTitle() {
        let text = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let base = Self.side([Self.procedure("a/old.md", title: "Old", hash: "1"), Self.procedure("a/gone.md", title: "Gone", hash: "2")],
                             bytes: ["a/old.md": text, "a/gone.md": "nothing alike"])
        let head = Self.side([Self.procedure("b/new.md", title: "New title", hash: "3")],
                             bytes: ["b/new.md": text + "\nline 11"])
        let changes = ProcessDiff.changes(base: base, head: head)
        #expect(changes.map(\.kind) == [.deleted, .renamed])
        #expect(changes.last?.previousFile == "a/old.md")
        #expect(changes.last?.fields.map(\.field) == ["title"])
        #expect(ProcessDiff.similarity(Array("a\nb\n".utf8), Array("c\nd\n".utf8)) == 0)
    }

    @Test func consultedAndInformedComeFromBothRevisions() {
        let old = Self.procedure("x.md", title: "X", hash: "1", raci: Raci(responsible: ["Clerk"], accountable: ["Finance Lead"], consulted: ["Legal"]))
        let new = Self.procedure("x.md", title: "X", hash: "2", raci: Raci(responsible: ["Clerk"], accountable: ["Finance Lead"], informed: ["Sales"]))
        let change = ProcessDiff.compare(old, new)
        #expect(change.consult == ["Legal"])
        #expect(change.inform == ["Finance Lead", "Clerk", "Sales"])
        #expect(change.roles == [.init(letter: "consulted", added: [], removed: ["Legal"]), .init(letter: "informed", added: ["Sales"], removed: [])])
        #expect(!change.textEdited)
    }

    /// A hostile title, role and message render as text, in their cells, with nothing injected.
    @Test func theMarkdownCommentRendersAsGitHubRendersIt() throws {
        var report = ImpactReport(base: .init(name: "main", commit: String(repeating: "a", count: 40)),
                                  head: .init(name: "working tree", commit: nil), contentPrefix: "Content/")
        var hostile = ProcessChange(kind: .added, id: "x", file: "x|y.md", title: "<script>alert(1)</script> | *bold* [link](http://e.com) `tick`",
                                    owner: "Ops <img src=x onerror=alert(1)>")
        hostile.stepCount = 2
        var edited = ProcessChange(kind: .changed, id: "y", file: "y.md", title: "Plain", owner: "Finance Lead")
        edited.stepsAdded = ["Check the `total` | twice"]
        edited.stepsReworded = [.init(from: "Old <b>words</b>", to: "New ~~words~~")]
        report.processes = [hostile, edited]
        report.consult = [.init(name: "Legal & <Co>", processes: ["x"])]
        report.newFindings = [Finding(rule: "broken-link", severity: .error, file: "x|y.md", location: SourceLocation(line: 3, column: 1),
                                      process: "x", message: "broken link `a|b<script>.md`: <b>nope</b>")]
        let markdown = ImpactMarkdown.render(report)
        #expect(markdown.hasPrefix(ImpactMarkdown.marker + "\n"))
        let document = try #require(MarkdownDocument(markdown: markdown, lineOffset: 0, unsafeHTML: true))
        let html = document.renderHTML { _, _ in nil }
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>words") && !html.contains("<b>nope"), "\(html)")
        // GitHub links a URL written out anywhere (the autolink extension): the escaped link stays text around it.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *bold* [link](<a href=\"http://e.com\">http://e.com</a>) `tick`"), "\(html)")
        #expect(html.contains("<code>Content/x|y.md</code></td>") && html.contains("<code>Content/x|y.md:3</code>"), "\(html)")
        // The processes table: a header and two rows of four cells, whatever the titles hold.
        let table = try #require(html.components(separatedBy: "<table>").dropFirst().first?.components(separatedBy: "</table>").first)
        #expect(table.components(separatedBy: "<tr>").count - 1 == 3)
        #expect(table.components(separatedBy: "<td>").count - 1 == 8, "\(table)")
        #expect(html.contains("<details open><summary><b>Processes (2)</b></summary>"))
        // Markdown inside a folded section renders (the blank lines after <summary> are there).
        #expect(html.contains("<li>➕ Check the `total` | twice</li>"), "\(html)")
        #expect(html.contains("<del>Old &lt;b&gt;words&lt;/b&gt;</del>"), "\(html)")
        #expect(html.contains("<code>a|b&lt;script&gt;.md</code>"), "\(html)")
        #expect(html.contains("Legal &amp; &lt;Co&gt;"))
    }

    @Test func longListsAreCutToStayUnderGitHubsCommentLimit() {
        var report = ImpactReport(base: .init(name: "main", commit: nil), head: .init(name: "working tree", commit: nil), contentPrefix: "")
        report.processes = (0..<5_000).map { ProcessChange(kind: .added, id: "p\($0)", file: "p\($0).md", title: String(repeating: "Title ", count: 20)) }
        report.newFindings = (0..<5_000).map {
            Finding(rule: "orphan", severity: .info, file: "p\($0).md", location: SourceLocation(line: 1, column: 1), process: "p\($0)", message: "no links")
        }
        let markdown = ImpactMarkdown.render(report)
        #expect(markdown.count < 65_536, "\(markdown.count)")
        #expect(markdown.contains("… and 4950 more."))
    }
}
