import CCmarkGFM
import Foundation

/// What the Markdown of an SOP says, in source order: headings, the Steps section, links.
public struct MarkdownOutline: Sendable {
    public var headings: [Heading] = []
    public var firstLevelOneHeading: String?
    public var hasStepsSection = false
    public var stepsSectionLine: Int?
    public var steps: [Step] = []
    public var links: [Link] = []
    /// `id`/`name` attributes of raw HTML (`<a name="x">`), when `links.html_anchors` makes them anchors.
    public var htmlAnchors: [String] = []
}

/// Settings of the parse stage that come from `sopbook.yml`.
public struct MarkdownSettings: Sendable, Hashable {
    public var stepHeadings: Set<String>
    /// Lowercased; `placeholderMatcher` follows them.
    public var placeholders: [String] { didSet { placeholderMatcher = Placeholders(placeholders) } }
    private(set) var placeholderMatcher: Placeholders
    public var unsafeHTML: Bool
    /// `## Title {#id}` has the anchor `id` (`links.heading_ids`).
    public var headingIDs: Bool
    /// `id`/`name` attributes of raw HTML are anchors (`links.html_anchors`).
    public var htmlAnchors: Bool
    /// How headings get their anchors (`links.heading_anchors`).
    public var headingAnchors: Slugger.Style
    /// Interface strings the renderer puts into bodies, in the site's language.
    var undocumentedLabel: String
    var undocumentedHint: String
    var stepLabel: String

    public init(configuration: Configuration) {
        let strings = Strings.table(for: configuration.language)
        undocumentedLabel = strings["undocumentedBadge"] ?? "Undocumented"
        undocumentedHint = strings["undocumentedHint"] ?? "This step is not documented yet"
        stepLabel = strings["step"] ?? "Step"
        stepHeadings = Set(configuration.stepHeadings.map { $0.lowercased() })
        placeholders = configuration.placeholders.map { $0.lowercased() }
        placeholderMatcher = Placeholders(placeholders)
        unsafeHTML = configuration.unsafeHTML
        headingIDs = configuration.links.headingIDs
        htmlAnchors = configuration.links.htmlAnchors
        headingAnchors = configuration.links.headingAnchors
    }
}

/// A cmark-gfm document with the five GFM extensions. Parsed once; outlined, then optionally rendered.
/// Not Sendable: a document lives and dies within one task.
final class MarkdownDocument {
    private let parser: OpaquePointer
    private let root: OpaquePointer
    private let lineOffset: Int
    private let options: Int32
    /// The Markdown as given (UTF-8), kept to check where a link's destination is written.
    private let source: ArraySlice<UInt8>

    private var headingNodes: [(node: OpaquePointer, anchor: String)] = []
    private var stepNodes: [(node: OpaquePointer, step: Step, isHeading: Bool)] = []
    private var wikiTextNodes: [OpaquePointer] = []
    /// The links and images the outline found, with their destinations: the HTML rewrites these rather
    /// than walking the tree again for them.
    private var linkNodes: [(node: OpaquePointer, kind: Link.Kind, destination: String)] = []
    /// Raw HTML nodes whose anchors the site must keep although their HTML is dropped.
    private var htmlAnchorNodes: [(node: OpaquePointer, ids: [String])] = []

    /// cmark-gfm keeps the inline parser's table of special characters in a global: every parse adds the
    /// extensions' characters (`:` and `w` for autolink, `~` for strikethrough) when its inline pass starts
    /// and removes them when it ends, and the table extension does the same for each table row. Two parses
    /// at once race: one removes `:` while the other needs it, and a URL is sometimes not autolinked
    /// (github/cmark-gfm#221). So, once, before any parse: autolink's characters are put in the table for
    /// good and taken off the extension's own list, so no parse removes them again (autolink has no
    /// delimiters, so nothing else reads that list). Strikethrough's `~` cannot be treated the same way
    /// (its delimiters are matched through that list: emptied, `~~` loops forever). But only a parser with
    /// strikethrough attached touches `~`: a document without any `~` is parsed without the extension (it
    /// could match nothing) and runs in parallel with everything, and documents containing `~` take turns
    /// among themselves only.
    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
        guard let autolink = cmark_find_syntax_extension("autolink"), let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return }
        defer { cmark_parser_free(parser) }
        cmark_parser_attach_syntax_extension(parser, autolink)
        cmark_manage_extensions_special_characters(parser, 1)
        // This drops cmark-gfm's two-item list without freeing it (32 bytes, once per process: the
        // library offers no way to read it back); `Fuzz/lsan.supp` lists it.
        cmark_syntax_extension_set_special_inline_chars(autolink, nil)
    }()

    private static let tildeLock = NSLock()

    /// What a stage that parses many texts tells its runner: which of them take `tildeLock` (those with a
    /// `~`, here in the bytes of their whole file), so that other cores parse the rest meanwhile.
    static func contention(_ bytes: @escaping @Sendable (Int) -> [UInt8]) -> Parallel.Contention<Int> {
        Parallel.Contention(lock: tildeLock) { i in
            bytes(i).withUnsafeBufferPointer { b in b.baseAddress.map { memchr($0, Int32(UInt8(ascii: "~")), b.count) != nil } ?? false }
        }
    }

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    convenience init?(markdown: String, lineOffset: Int, unsafeHTML: Bool) {
        self.init(utf8: Array(markdown.utf8)[...], lineOffset: lineOffset, unsafeHTML: unsafeHTML)
    }

    /// A document from its UTF-8 bytes (valid UTF-8): a body goes from its file's bytes to the parser
    /// without being made a `String`, which checked and copied each one.
    init?(utf8 markdown: ArraySlice<UInt8>, lineOffset: Int, unsafeHTML: Bool) {
        _ = MarkdownDocument.registration
        var options = CMARK_OPT_DEFAULT
        if unsafeHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { return nil }
        let hasTilde = markdown.withUnsafeBufferPointer { $0.firstIndex(ofByte: UInt8(ascii: "~")) != nil }
        for name in MarkdownDocument.extensionNames where hasTilde || name != "strikethrough" {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        let parse = {
            // cmark reads a length, not a terminator: no NUL-terminated copy of the document.
            markdown.withUnsafeBufferPointer { buffer in
                guard buffer.count > 0 else { return }
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            return cmark_parser_finish(parser)
        }
        let finished: OpaquePointer? = hasTilde ? MarkdownDocument.tildeLock.withLock(parse) : parse()
        guard let root = finished else {
            cmark_parser_free(parser)
            return nil
        }
        cmark_consolidate_text_nodes(root)
        self.parser = parser
        self.root = root
        self.lineOffset = lineOffset
        self.options = options
        self.source = markdown
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    // MARK: Outline

    func outline(settings: MarkdownSettings) -> MarkdownOutline {
        var outline = MarkdownOutline()
        var slugger = Slugger(style: settings.headingAnchors)
        // The Steps section: its heading level, once found; nil before it and after it ends.
        var stepsLevel: Int?
        var stepsDone = false
        var sawStepsList = false
        var subHeadingSteps: [(OpaquePointer, Int)] = []

        // Top-level blocks: headings delimit sections; the first ordered list in Steps holds the steps.
        var block = cmark_node_first_child(root)
        while let node = block {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                var text = MarkdownDocument.plainText(node).trimmed
                let explicit = settings.headingIDs ? HeadingAttributes.take(from: node, text: &text) : nil
                let anchor = explicit ?? slugger.slug(text)
                let line = Int(cmark_node_get_start_line(node)) + lineOffset
                outline.headings.append(Heading(level: level, text: text, anchor: anchor, line: line))
                headingNodes.append((node, anchor))
                if level == 1, outline.firstLevelOneHeading == nil, !text.isEmpty { outline.firstLevelOneHeading = text }
                if let current = stepsLevel {
                    if level <= current { stepsLevel = nil; stepsDone = true }
                    else if !sawStepsList { subHeadingSteps.append((node, level)) }
                }
                if stepsLevel == nil, !stepsDone, settings.stepHeadings.contains(text.lowercased()) {
                    stepsLevel = level
                    outline.hasStepsSection = true
                    outline.stepsSectionLine = line
                }
            } else if stepsLevel != nil, !sawStepsList, type == CMARK_NODE_LIST,
                      cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, subHeadingSteps.isEmpty {
                sawStepsList = true
                appendSteps(of: node, to: &outline, settings: settings)
            }
            block = cmark_node_next(node)
        }

        if !sawStepsList, !subHeadingSteps.isEmpty {
            // Steps as sub-headings: only the shallowest sub-level counts, and a step's text runs to the next heading.
            let stepLevel = subHeadingSteps.map(\.1).min() ?? 0
            for (node, level) in subHeadingSteps where level == stepLevel {
                var text = MarkdownDocument.plainText(node)
                var next = cmark_node_next(node)
                var body = ""
                while let n = next,
                      cmark_node_get_type(n) != CMARK_NODE_HEADING || Int(cmark_node_get_heading_level(n)) > stepLevel {
                    body += " " + MarkdownDocument.plainText(n)
                    next = cmark_node_next(n)
                }
                text += body
                let step = Step(number: outline.steps.count + 1, text: MarkdownDocument.normalizeSpace(text),
                                location: SourceLocation(line: Int(cmark_node_get_start_line(node)) + lineOffset,
                                                         column: Int(cmark_node_get_start_column(node))),
                                isUndocumented: settings.placeholderMatcher.isUndocumented(body)
                                    || settings.placeholderMatcher.matches(MarkdownDocument.plainText(node)))
                outline.steps.append(step)
                stepNodes.append((node, step, true))
            }
        }

        outline.links = collectLinks(settings).compacted()
        outline.htmlAnchors = htmlAnchorNodes.flatMap(\.ids)
        // Outlines are held until the site is written: each list keeps exactly its items.
        outline.steps = outline.steps.compacted()
        outline.headings = outline.headings.compacted()
        return outline
    }

    /// The items of the Steps section's ordered list `list`, as steps.
    private func appendSteps(of list: OpaquePointer, to outline: inout MarkdownOutline, settings: MarkdownSettings) {
        var item = cmark_node_first_child(list)
        while let it = item {
            // The item's text as bytes, made a `String` once, normalized: a string for the raw text and
            // another for its trimmed copy were half of the outline's time.
            let raw = MarkdownDocument.plainTextBytes(it)
            let text = MarkdownDocument.normalizeSpace(raw)
            let step = Step(number: outline.steps.count + 1, text: text,
                            location: SourceLocation(line: Int(cmark_node_get_start_line(it)) + lineOffset,
                                                     column: Int(cmark_node_get_start_column(it))),
                            isUndocumented: settings.placeholderMatcher.isUndocumented(utf8: raw, normalized: text))
            outline.steps.append(step)
            stepNodes.append((it, step, false))
            item = cmark_node_next(it)
        }
    }

    private func collectLinks(_ settings: MarkdownSettings) -> [Link] {
        var links: [Link] = []
        guard let iter = cmark_iter_new(root) else { return links }
        defer { cmark_iter_free(iter) }
        // Split into lines only when the document has a link: most of the work here is cmark's.
        var lines: SourceLines?
        func sourceLines() -> SourceLines {
            if let lines { return lines }
            let made = SourceLines(bytes: Array(source))
            lines = made
            return made
        }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if settings.htmlAnchors, type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK,
               let literal = cmark_node_get_literal(node) {
                let ids = HeadingAttributes.htmlAnchors(String(cString: literal))
                if !ids.isEmpty { htmlAnchorNodes.append((node, ids)) }
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                var link = Link(kind: type == CMARK_NODE_IMAGE ? .image : .inline, destination: url,
                                text: MarkdownDocument.normalizeSpace(MarkdownDocument.plainTextBytes(node)),
                                location: location(of: node))
                span(of: node, &link, in: sourceLines())
                links.append(link)
                linkNodes.append((node, link.kind, url))
            } else if type == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) {
                // Foundation's `contains` goes through NSString on Linux; a byte scan is a hundred times cheaper.
                guard MarkdownDocument.hasDoubleBracket(literal) else { continue }
                let text = String(cString: literal)
                let found = WikiLinkScanner.scan(text)
                if found.isEmpty { continue }
                wikiTextNodes.append(node)
                let base = location(of: node)
                for w in found {
                    var link = Link(kind: .wiki, destination: w.target, text: w.label ?? w.target,
                                    location: SourceLocation(line: base.line, column: base.column + w.utf8Offset))
                    wikiSpan(w, &link, in: sourceLines())
                    links.append(link)
                }
            }
        }
        return links
    }

    /// The end of an inline link or image, and where its destination is written: in `[text](dest "title")`
    /// the destination follows the last `](` (or `](<`) before the link's end. Set only when the source holds
    /// the destination byte for byte there; a reference link (`[text][ref]`) or an escaped one gets no start.
    private func span(of node: OpaquePointer, _ link: inout Link, in lines: SourceLines) {
        let endLine = Int(cmark_node_get_end_line(node)), endColumn = Int(cmark_node_get_end_column(node))
        guard endLine > 0, endColumn > 0, let line = lines.line(endLine) else { return }
        // cmark's end column is that of the last character; ours is just past it.
        link.end = SourceLocation(line: endLine + lineOffset, column: endColumn + 1)
        let url = Array(link.destination.utf8)
        guard !url.isEmpty, line.count >= endColumn else { return }
        let before = line[line.startIndex..<(line.startIndex + endColumn)]
        let sameLine = link.location.line == endLine + lineOffset
        var i = before.endIndex - 1
        while i > before.startIndex {
            if before[i - 1] == UInt8(ascii: "]"), before[i] == UInt8(ascii: "(") {
                var column = i - line.startIndex + 2
                if lines.has([UInt8(ascii: "<")], line: endLine, byteColumn: column) { column += 1 }
                if lines.has(url, line: endLine, byteColumn: column), !sameLine || column > link.location.column {
                    link.destinationStart = SourceLocation(line: endLine + lineOffset, column: column)
                }
                return
            }
            i -= 1
        }
    }

    /// The end of a wiki link and where its target is written, checked against the source: the text node's
    /// literal can differ from the source (escapes, entities), and then only the start is kept.
    private func wikiSpan(_ match: WikiLinkScanner.Match, _ link: inout Link, in lines: SourceLines) {
        let line = link.location.line - lineOffset
        guard lines.has(Array("[[".utf8), line: line, byteColumn: link.location.column),
              lines.has(Array(("[[" + match.inner).utf8) + Array("]]".utf8), line: line, byteColumn: link.location.column)
        else { return }
        link.end = SourceLocation(line: link.location.line, column: link.location.column + match.utf8Length)
        link.destinationStart = SourceLocation(line: link.location.line, column: link.location.column + 2 + match.targetOffset)
    }

    private func location(of node: OpaquePointer) -> SourceLocation {
        var line = Int(cmark_node_get_start_line(node))
        var column = Int(cmark_node_get_start_column(node))
        // Inline nodes do not always carry positions: fall back to the enclosing block's.
        var parent: OpaquePointer? = node
        while line == 0, let p = parent.flatMap(cmark_node_parent) {
            line = Int(cmark_node_get_start_line(p))
            column = Int(cmark_node_get_start_column(p))
            parent = p
        }
        return SourceLocation(line: line + lineOffset, column: column)
    }

    // MARK: Render

    /// Renders the body as HTML: anchors on headings and steps, wiki links made real, link destinations
    /// passed through `rewrite` (which returns the URL to emit, or nil to keep it). Call `outline` first:
    /// the headings, steps and links it finds are the nodes this edits.
    func renderHTML(settings: MarkdownSettings = MarkdownSettings(configuration: Configuration()),
                    rewrite: (Link.Kind, String) -> String?) -> String {
        renderHTML(settings: settings, rewrite: rewrite) { String(decoding: $0, as: UTF8.self) }
    }

    /// The same, handed to `body` as the UTF-8 bytes cmark rendered (what the body store keeps), without
    /// making them a `String`.
    func renderHTML<R>(settings: MarkdownSettings, rewrite: (Link.Kind, String) -> String?,
                       _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        prepareForHTML(settings: settings, rewrite: rewrite)
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        // The links the outline found, and those the wiki links became.
        for (node, kind, destination) in linkNodes {
            if let replaced = rewrite(kind, destination) { cmark_node_set_url(node, replaced) }
        }

        guard let cString = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return body(empty) }
        defer { free(cString) }
        let html = UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self), count: strlen(cString))
        return options & CMARK_OPT_UNSAFE != 0 ? MarkdownDocument.filterTags(html).withUnsafeBufferPointer(body) : body(html)
    }

    /// Anchors on headings and steps, wiki links made real, and raw HTML's anchors kept: the tree edits
    /// made before the HTML is rendered.
    private func prepareForHTML(settings: MarkdownSettings, rewrite: (Link.Kind, String) -> String?) {
        // Each anchor's HTML is put together in one reused buffer and handed to cmark (which copies it):
        // a string interpolated per heading and step was half of this function.
        var html = AnchorHTML()
        for (node, anchor) in headingNodes {
            html.heading(anchor)
            html.insert(in: node, block: false)
        }
        let label = Array(HTML.escape(settings.stepLabel).utf8)
        let marker = Array("<span class=\"undocumented\" title=\"\(HTML.escape(settings.undocumentedHint))\">\(HTML.escape(settings.undocumentedLabel))</span> ".utf8)
        for (node, step, isHeading) in stepNodes {
            html.step(step.number, label: label, marker: step.isUndocumented ? marker : [])
            if isHeading {
                html.insert(in: node, block: false)
            } else if let first = cmark_node_first_child(node), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH {
                html.insert(in: first, block: false)
            } else {
                html.insert(in: node, block: true)
            }
        }
        for node in wikiTextNodes { expandWikiLinks(node, rewrite: rewrite) }
        // Raw HTML is dropped unless `unsafe_html`; the anchors it held are kept, as empty, escaped `<a id>`s.
        if options & CMARK_OPT_UNSAFE == 0 {
            for (node, ids) in htmlAnchorNodes {
                let isBlock = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
                guard let custom = cmark_node_new(isBlock ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE) else { continue }
                cmark_node_set_on_enter(custom, ids.map { "<a id=\"\(HTML.escape($0))\"></a>" }.joined())
                cmark_node_set_on_exit(custom, "")
                cmark_node_insert_before(node, custom)
            }
        }
    }

    /// GFM's tagfilter, completed. With raw HTML allowed, cmark-gfm's tagfilter escapes `<script` only
    /// when a space, `>` or `/>` follows, but browsers also open a script for `<script/x>` (the fuzzer
    /// found it). Here any of the nine filtered tag names followed by a character that cannot continue
    /// a tag name has its `<` escaped.
    static let filteredTags = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]
        .map { Array($0.utf8) }

    static func filterTags(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x3C {
                var start = i + 1
                if start < bytes.count, bytes[start] == 0x2F { start += 1 }
                let filtered = filteredTags.contains { name in
                    guard start + name.count <= bytes.count else { return false }
                    for k in 0..<name.count where bytes[start + k].asciiLowercased != name[k] { return false }
                    return start + name.count == bytes.count || !isNameByte(bytes[start + name.count])
                }
                if filtered {
                    out.append(contentsOf: "&lt;".utf8)
                    i += 1
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// The HTML of one heading's or step's anchor, as a C string, and its insertion into the tree.
    private struct AnchorHTML {
        private var bytes: [UInt8] = []

        /// `<a class="anchor" id="…" href="#…" aria-hidden="true"></a>`, the anchor escaped.
        mutating func heading(_ anchor: String) {
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: #"<a class="anchor" id=""#.utf8)
            HTML.appendEscaped(anchor, to: &bytes)
            bytes.append(contentsOf: ##"" href="#"##.utf8)
            HTML.appendEscaped(anchor, to: &bytes)
            bytes.append(contentsOf: #"" aria-hidden="true"></a>"#.utf8)
        }

        /// `<a class="step-anchor" id="step-N" href="#step-N" aria-label="Step N"></a>`, then `marker`;
        /// `label` is escaped already.
        mutating func step(_ number: Int, label: [UInt8], marker: [UInt8]) {
            let digits = Array(String(number).utf8)
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: #"<a class="step-anchor" id="step-"#.utf8)
            bytes.append(contentsOf: digits)
            bytes.append(contentsOf: ##"" href="#step-"##.utf8)
            bytes.append(contentsOf: digits)
            bytes.append(contentsOf: #"" aria-label=""#.utf8)
            bytes.append(contentsOf: label)
            bytes.append(0x20)
            bytes.append(contentsOf: digits)
            bytes.append(contentsOf: #""></a>"#.utf8)
            bytes.append(contentsOf: marker)
        }

        /// A custom node with this HTML, first in `node`: inline, or a block of its own.
        mutating func insert(in node: OpaquePointer, block: Bool) {
            guard let custom = cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE) else { return }
            bytes.append(0)
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(custom, $0.baseAddress) }
            }
            cmark_node_set_on_exit(custom, "")
            cmark_node_prepend_child(node, custom)
        }
    }

    private func expandWikiLinks(_ node: OpaquePointer, rewrite: (Link.Kind, String) -> String?) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = String(cString: literal)
        let found = WikiLinkScanner.scan(text)
        let utf8 = Array(text.utf8)
        var cursor = 0
        var anchorNode = node
        func appendText(_ bytes: ArraySlice<UInt8>) {
            guard !bytes.isEmpty, let t = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(t, String(decoding: bytes, as: UTF8.self))
            cmark_node_insert_after(anchorNode, t)
            anchorNode = t
        }
        for w in found {
            appendText(utf8[cursor..<w.utf8Offset])
            if let link = cmark_node_new(CMARK_NODE_LINK), let label = cmark_node_new(CMARK_NODE_TEXT) {
                let url = rewrite(.wiki, w.target) ?? ""
                cmark_node_set_url(link, url)
                // Rewritten as the document's own links are, as when every link of the tree was.
                linkNodes.append((link, .inline, url))
                cmark_node_set_literal(label, w.label ?? w.target)
                cmark_node_append_child(link, label)
                cmark_node_insert_after(anchorNode, link)
                anchorNode = link
            }
            cursor = w.utf8Offset + w.utf8Length
        }
        appendText(utf8[cursor...])
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    // MARK: Text

    /// The text of a node and its descendants, markup removed.
    static func plainText(_ node: OpaquePointer) -> String {
        String(decoding: plainTextBytes(node), as: UTF8.self)
    }

    /// `plainText` as UTF-8 bytes (cmark's literals are UTF-8: the input was checked before parsing).
    static func plainTextBytes(_ node: OpaquePointer) -> [UInt8] {
        // Bytes, made a string once: a string per text node was most of the cost.
        var out: [UInt8] = []
        guard let iter = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let n = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(n)
            if event == CMARK_EVENT_ENTER {
                if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK,
                   let literal = cmark_node_get_literal(n) {
                    out.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    out.append(0x20)
                }
            } else if event == CMARK_EVENT_EXIT, (cmark_node_get_type(n).rawValue & UInt32(CMARK_NODE_TYPE_MASK)) == UInt32(CMARK_NODE_TYPE_BLOCK) {
                out.append(0x20)
            }
        }
        return out
    }

    /// Runs of whitespace folded into one space, ends trimmed. On UTF-8 bytes (ASCII whitespace, and the
    /// no-break space): per-`Character` or per-scalar work here was a quarter of `sopbook check`.
    static func normalizeSpace(_ s: String) -> String {
        var s = s
        return s.withUTF8(normalizeSpace)
    }

    static func normalizeSpace(_ utf8: [UInt8]) -> String {
        utf8.withUnsafeBufferPointer(normalizeSpace)
    }

    private static func normalizeSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Written straight into the new string's storage: it is never longer than the input.
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            var previous: UInt8 = 0
            for b in bytes {
                // Most bytes are above the space: tested first, so that they take one branch.
                if b > 0x20 ? previous == 0xC2 && b == 0xA0 : b.isASCIISpace {
                    if b == 0xA0 {
                        // The no-break space: drop the 0xC2 already copied, and the space put before it (a
                        // space then a no-break space are one run), and treat it as a space.
                        count -= 1
                        if count > 0, out[count - 1] == 0x20 { count -= 1 }
                    }
                    pendingSpace = count > 0
                } else {
                    if pendingSpace { out[count] = 0x20; count += 1 }
                    pendingSpace = false
                    out[count] = b
                    count += 1
                }
                previous = b
            }
            return count
        }
    }

    static func hasDoubleBracket(_ literal: UnsafePointer<CChar>) -> Bool {
        var p = literal
        while p.pointee != 0 {
            if p.pointee == 0x5B, (p + 1).pointee == 0x5B { return true }
            p += 1
        }
        return false
    }

}

/// Finds `[[id]]`, `[[id#fragment]]` and `[[id|label]]` in a run of text.
enum WikiLinkScanner {
    struct Match: Equatable {
        /// The id with its `#fragment`, if any.
        var target: String
        var label: String?
        var utf8Offset: Int
        var utf8Length: Int
        /// What is written between `[[` and `]]`, and the byte offset of the target in it.
        var inner: String = ""
        var targetOffset: Int = 0
    }

    static func scan(_ text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var matches: [Match] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "["), bytes[i + 1] == UInt8(ascii: "[") else { i += 1; continue }
            var j = i + 2
            var closed = false
            while j + 1 < bytes.count {
                let b = bytes[j]
                if b == UInt8(ascii: "[") || b == 0x0A { break }
                if b == UInt8(ascii: "]") {
                    if bytes[j + 1] == UInt8(ascii: "]") { closed = true }
                    break
                }
                j += 1
            }
            guard closed else { i += 2; continue }
            let inner = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
            var target = inner
            var label: String?
            if let bar = barIndex(inner, bytes[(i + 2)..<j]) {
                target = String(inner[..<bar])
                label = String(inner[inner.index(after: bar)...]).trimmed
                if label?.isEmpty == true { label = nil }
            }
            let leading = target.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
            target = target.trimmed
            if !target.isEmpty {
                matches.append(Match(target: target, label: label, utf8Offset: i, utf8Length: j + 2 - i,
                                     inner: inner, targetOffset: leading))
            }
            i = j + 2
        }
        return matches
    }

    /// The first `|` of `inner` (whose UTF-8 is `bytes`), as `inner.firstIndex(of: "|")` finds it. Found on
    /// the bytes when they are all ASCII, where each byte is a character: going through the characters
    /// was the better part of reading a wiki link.
    private static func barIndex(_ inner: String, _ bytes: ArraySlice<UInt8>) -> String.Index? {
        bytes.allSatisfy({ $0 < 0x80 }) ? inner.firstIndex(ofASCII: UInt8(ascii: "|")) : inner.firstIndex(of: "|")
    }
}
