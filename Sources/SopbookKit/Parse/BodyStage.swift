import Foundation

/// What the parse of one body reads: its source (whose bytes decide the procedure and the body), the
/// settings, and, when HTML is wanted, the page table its links are rewritten against.
struct BodyInput: Sendable, Hashable {
    var source: SourceProcedure
    var settings: Shared<MarkdownSettings>
    /// Nil for `check`, which needs the outline and not the HTML; `store` is where a cold build keeps it.
    var html: (page: String, table: Shared<PageTable>, scope: Shared<LinkScope>, store: BodyStore?)?

    /// `source.procedure` and `source.split` are made from `source.source`'s bytes alone.
    static func == (a: BodyInput, b: BodyInput) -> Bool {
        a.source.source == b.source.source && a.settings == b.settings
            && a.html?.page == b.html?.page && a.html?.table == b.html?.table && a.html?.scope == b.html?.scope
            && a.html?.store == b.html?.store
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(source.source)
        hasher.combine(settings)
        hasher.combine(html?.page)
        hasher.combine(html?.table)
        hasher.combine(html?.scope)
        hasher.combine(html?.store)
    }
}

/// A body parsed: the procedure with its outline (headings, steps, links), and its HTML when asked for.
/// A class for the same reason as `SourceProcedure`.
final class ParsedBody: Sendable {
    let procedure: Procedure
    let html: BodyHTML?

    init(procedure: Procedure, html: BodyHTML? = nil) {
        self.procedure = procedure
        self.html = html
    }
}

/// Stage 4: one cmark-gfm parse per body gives both the outline and the HTML (parsing twice would double
/// the part of a build that is the parser's floor).
enum BodyStage {
    static func parse(_ input: BodyInput) -> ParsedBody {
        var procedure = input.source.procedure
        let split = input.source.split
        let settings = input.settings.value
        guard let document = MarkdownDocument(utf8: split.bodyBytes, lineOffset: split.bodyLineOffset,
                                              unsafeHTML: settings.unsafeHTML) else { return ParsedBody(procedure: procedure) }
        let outline = document.outline(settings: settings)
        procedure.headings = outline.headings
        procedure.hasStepsSection = outline.hasStepsSection
        procedure.stepsSectionLine = outline.stepsSectionLine
        procedure.steps = outline.steps
        procedure.links = outline.links
        procedure.htmlAnchors = outline.htmlAnchors
        if procedure.fields["title"] == nil || procedure.invalidFields.contains("title"), let h1 = outline.firstLevelOneHeading {
            procedure.title = h1
        }
        guard let (page, table, scope, store) = input.html else { return ParsedBody(procedure: procedure) }
        let file = procedure.file
        let html = document.renderHTML(settings: settings, rewrite: { kind, destination in
            table.value.rewrite(kind: kind, destination: destination, file: file, page: page, scope: scope.value)
        }) { bytes in store?.keep(bytes) ?? .inMemory(Shared(String(decoding: bytes, as: UTF8.self))) }
        return ParsedBody(procedure: procedure, html: html)
    }
}
