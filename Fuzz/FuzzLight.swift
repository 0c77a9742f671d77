// The light mode of the fuzz target (SOPBOOK_FUZZ_MODE=light): no file system, no site, no reports.
// Splits the bytes, reads the front matter, outlines and renders the Markdown body: the parsing stages
// only, several times faster than the full pipeline. SwiftPM's debug build compiles SopbookKit with
// -enable-testing, so the internal stages are reachable through @testable import.

@testable import SopbookKit

let lightSettings = Shared(MarkdownSettings(configuration: state.configuration))
let lightScope = Shared(LinkScope(conventions: state.configuration.links, attachments: []))
let lightTable = Shared(PageTable(procedures: [Procedure(file: "a.md", id: "a", title: "a"),
                                               Procedure(file: "b.md", id: "b", title: "b")], unreadable: []))

/// Creates one MarkdownDocument on the calling thread (its first use registers cmark-gfm's extensions).
func warmUpMarkdown() {
    _ = MarkdownDocument(markdown: "# Warm up\n\nhttps://example.com ~~x~~\n", lineOffset: 0, unsafeHTML: false)
}

func runLight(_ bytes: UnsafeBufferPointer<UInt8>) {
    let source = SourceFile(path: "a.md", bytes: Array(bytes))
    switch FrontMatterStage.read(source, fields: state.configuration.fields, hashesContent: true) {
    case .failure(let unreadable):
        if unreadable.problem.location.line < 1 { violated("unreadable-file problem with line < 1", "\(unreadable)") }
    case .success(let parsed):
        let split = parsed.split
        if split.bodyLineOffset < 0 { violated("negative body line offset \(split.bodyLineOffset)") }
        for problem in parsed.procedure.frontMatterProblems where problem.location.line < 1 || problem.message.isEmpty {
            violated("front matter problem at line \(problem.location.line): \(problem.message)")
        }
        let body = BodyStage.parse(BodyInput(source: parsed, settings: lightSettings, html: ("a.html", lightTable, lightScope, nil)))
        let procedure = body.procedure
        let html = body.html?.text ?? ""
        for h in procedure.headings where h.line < 1 { violated("heading at line \(h.line)", "\(h)") }
        for s in procedure.steps where s.location.line < 1 { violated("step at line \(s.location.line)", "\(s)") }
        for l in procedure.links where l.location.line < 1 { violated("link at line \(l.location.line)", "\(l)") }
        for (n, s) in procedure.steps.enumerated() where s.number != n + 1 { violated("step \(n + 1) numbered \(s.number)") }
        // cmark-gfm escapes raw HTML unless unsafe_html; with it, the tagfilter extension still turns `<script` into text.
        if scriptTags(in: html) != 0 {
            broken(scriptGroup, key: "body-script", "the rendered body contains <script", html)
        }
    }
}
