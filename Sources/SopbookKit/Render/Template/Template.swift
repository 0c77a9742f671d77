/// A Mustache template compiled once into a tree of nodes and rendered against `TemplateValue`s.
///
/// Sopbook's pages are Mustache files that a knowledge base may override (`Templates/`), so the syntax is
/// Mustache's: `{{name}}`, `{{{raw}}}`/`{{&raw}}`, dotted names and `{{.}}`, sections and inverted
/// sections, comments, partials `{{>name}}`, set delimiters, and inheritance (`{{<parent}}` with
/// `{{$block}}`), with the spec's standalone-line rules. Lambdas, transforms and pragmas are refused at
/// load time with the line, rather than rendered wrongly.
struct Template: Sendable {
    /// Not `indirect`, and its text not a `String`: the nodes are shared by the cores that render pages, and
    /// a copy of a node that counted a reference (its box, its text) was an atomic operation on memory
    /// both cores write, for every node of every page.
    enum Node: Sendable {
        case text(Text)
        /// `path` is empty for `{{.}}`.
        case variable(path: Path, escaped: Bool)
        case section(path: Path, body: Nodes, inverted: Bool)
        /// `indentation` is nil for a tag that is not alone on its line; see `Tag.indentation`.
        case partial(name: String, indentation: String?, line: Int)
        case parent(name: String, blocks: [String: Nodes], indentation: String?, line: Int)
        case block(name: String, body: Nodes, indentation: String?)
    }

    /// A list of nodes in the template's `Storage`: a section's body, or the template's own.
    struct Nodes: @unchecked Sendable, RandomAccessCollection {
        let buffer: UnsafeBufferPointer<Node>
        static let empty = Nodes(buffer: UnsafeBufferPointer(start: nil, count: 0))
        var startIndex: Int { 0 }
        var endIndex: Int { buffer.count }
        subscript(i: Int) -> Node { buffer[i] }
    }

    /// A dotted name's parts in the template's `Storage`, with their `TemplateObject.key`s.
    struct Path: @unchecked Sendable {
        let names: UnsafeBufferPointer<String>
        let keys: UnsafeBufferPointer<UInt64?>
    }

    struct SyntaxError: Error, CustomStringConvertible, Sendable {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// A run of template text: bytes in the template's `TextStorage`, which lives as long as the template,
    /// and so as long as any of its nodes is rendered.
    struct Text: @unchecked Sendable {
        let start: UnsafePointer<UInt8>?
        let count: Int
        var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
    }

    /// What a template's nodes point to: the bytes of its texts, in one allocation, its names' parts and
    /// its lists of nodes. Freed with the template; nothing renders a template's nodes without it.
    final class Storage: @unchecked Sendable {
        private let base: UnsafeMutableBufferPointer<UInt8>
        private var paths: [UnsafeMutableBufferPointer<String>] = []
        private var keys: [UnsafeMutableBufferPointer<UInt64?>] = []
        private var lists: [UnsafeMutableBufferPointer<Node>] = []

        init(_ texts: [String]) {
            base = .allocate(capacity: max(1, texts.reduce(0) { $0 + $1.utf8.count }))
        }

        /// `texts` copied in, in order, as `Text`s.
        func store(_ texts: [String]) -> [Text] {
            var offset = 0
            return texts.map { text in
                let copied = UnsafeMutableBufferPointer(rebasing: base[offset...]).initialize(from: text.utf8).1
                defer { offset += copied }
                return Text(start: base.baseAddress.map { UnsafePointer($0 + offset) }, count: copied)
            }
        }

        func keep(_ names: [String]) -> Path {
            let buffer = UnsafeMutableBufferPointer<String>.allocate(capacity: names.count)
            _ = buffer.initialize(from: names)
            paths.append(buffer)
            let hashes = UnsafeMutableBufferPointer<UInt64?>.allocate(capacity: names.count)
            _ = hashes.initialize(from: names.map(TemplateObject.key))
            keys.append(hashes)
            return Path(names: UnsafeBufferPointer(buffer), keys: UnsafeBufferPointer(hashes))
        }

        func keep(_ nodes: [Node]) -> Nodes {
            let buffer = UnsafeMutableBufferPointer<Node>.allocate(capacity: nodes.count)
            _ = buffer.initialize(from: nodes)
            lists.append(buffer)
            return Nodes(buffer: UnsafeBufferPointer(buffer))
        }

        deinit {
            for buffer in lists { buffer.deinitialize().deallocate() }
            for buffer in paths { buffer.deinitialize().deallocate() }
            for buffer in keys { buffer.deallocate() }
            base.deallocate()
        }
    }

    let nodes: Nodes
    let storage: Storage

    init(_ source: String) throws(SyntaxError) {
        let (texts, tags) = try Template.lex(Array(source.utf8))
        storage = Storage(texts)
        var position = 0
        nodes = try Template.build(texts: storage.store(texts), tags: tags, position: &position, closing: nil, storage: storage)
    }

    /// Names of the partials and parents this template refers to, with the line of the first use.
    var references: [(name: String, line: Int)] {
        var out: [(String, Int)] = []
        func walk(_ nodes: Nodes) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, let body, _): walk(body)
                case .partial(let name, _, let line): out.append((name, line))
                case .parent(let name, let blocks, _, let line):
                    out.append((name, line))
                    for key in blocks.keys.sorted() { walk(blocks[key] ?? .empty) }
                case .block(_, let body, _): walk(body)
                }
            }
        }
        walk(nodes)
        return out
    }

    // MARK: Lexing

    enum TagKind: Sendable {
        case variable, raw, section, inverted, close, comment, partial, parent, block, delimiters
        /// Tags that vanish with their line when alone on it (the spec's "standalone" tags).
        var canStandAlone: Bool {
            switch self {
            case .variable, .raw: false
            default: true
            }
        }
    }

    struct Tag: Sendable {
        var kind: TagKind
        var name: String
        var line: Int
        /// The spaces and tabs before a standalone tag; nil when the tag shares its line with other text.
        var indentation: String?
    }

    /// Splits the source into texts and tags, alternating: texts[i] comes before tags[i], and there is one
    /// more text than tags. Standalone tags take their line's whitespace and newline with them.
    static func lex(_ bytes: [UInt8]) throws(SyntaxError) -> ([String], [Tag]) {
        var scanner = TagScanner(bytes: bytes)
        var (textRanges, tags) = try scanner.scan()
        let texts = removeStandaloneLines(bytes, textRanges: textRanges, tags: &tags)
        return (texts, tags)
    }

    /// The spec's standalone lines: a tag that can stand alone (not an interpolation), alone on its line but
    /// for spaces and tabs, removes the whole line, newline included. Its indentation is kept on the tag,
    /// for partials and blocks to indent what they render.
    static func removeStandaloneLines(_ bytes: [UInt8], textRanges: [Range<Int>], tags: inout [Tag]) -> [String] {
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var dropPrefix = Array(repeating: 0, count: textRanges.count)
        var dropSuffix = Array(repeating: 0, count: textRanges.count)
        for (k, tag) in tags.enumerated() where tag.kind.canStandAlone {
            let before = textRanges[k]
            let afterRange = textRanges[k + 1]
            // What precedes the tag on its line: after the last newline of the text before it, or the whole
            // text if this is the template's first line.
            var lineStart = before.upperBound
            while lineStart > before.lowerBound, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            guard lineStart > before.lowerBound || k == 0 else { continue }
            guard bytes[lineStart..<before.upperBound].allSatisfy(isBlank) else { continue }
            // What follows it: up to and including the next newline, or the end of the template.
            var lineEnd = afterRange.lowerBound
            while lineEnd < afterRange.upperBound, isBlank(bytes[lineEnd]) || bytes[lineEnd] == 0x0D { lineEnd += 1 }
            if lineEnd < afterRange.upperBound {
                guard bytes[lineEnd] == UInt8(ascii: "\n") else { continue }
                lineEnd += 1
            } else {
                guard k + 1 == tags.count else { continue }
            }
            tags[k].indentation = String(decoding: bytes[lineStart..<before.upperBound], as: UTF8.self)
            dropSuffix[k] = before.upperBound - lineStart
            dropPrefix[k + 1] = lineEnd - afterRange.lowerBound
        }
        return textRanges.indices.map { k in
            let range = (textRanges[k].lowerBound + dropPrefix[k])..<(textRanges[k].upperBound - dropSuffix[k])
            return String(decoding: bytes[range], as: UTF8.self)
        }
    }

    /// Finds the tags of a template in order, and the ranges of text between them, following
    /// set-delimiter tags as it goes.
    struct TagScanner {
        static let defaultOpen: [UInt8] = Array("{{".utf8)
        static let defaultClose: [UInt8] = Array("}}".utf8)
        static let tripleClose: [UInt8] = Array("}}}".utf8)

        let bytes: [UInt8]
        var open = defaultOpen
        var close = defaultClose
        /// The line of the byte being read.
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// The tags, and the texts around them: one more text range than tags.
        mutating func scan() throws(SyntaxError) -> ([Range<Int>], [Tag]) {
            var textRanges: [Range<Int>] = []
            var tags: [Tag] = []
            var i = 0
            var textStart = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\n") { line += 1; i += 1; continue }
                guard matches(open, at: i) else { i += 1; continue }
                let (tag, after) = try readTag(at: i)
                textRanges.append(textStart..<i)
                tags.append(tag)
                i = after
                textStart = after
            }
            textRanges.append(textStart..<bytes.count)
            return (textRanges, tags)
        }

        /// Reads the tag that opens at `index` and returns it with the index just after it. A set-delimiters
        /// tag changes the delimiters for the rest of the template.
        mutating func readTag(at index: Int) throws(SyntaxError) -> (Tag, after: Int) {
            let tagLine = line
            let (content, after, isTriple) = try extent(ofTagAt: index)
            for b in bytes[content] where b == UInt8(ascii: "\n") { line += 1 }
            let text = String(decoding: bytes[content], as: UTF8.self)
            let (kind, body) = isTriple ? (TagKind.raw, text) : try Self.classify(text.trimmed, line: tagLine)
            if kind == .delimiters { try setDelimiters(body, line: tagLine) }
            let name = kind == .comment || kind == .delimiters ? "" : body.trimmed
            if kind != .comment && kind != .delimiters {
                try Template.validate(name: name, kind: kind, line: tagLine)
            }
            return (Tag(kind: kind, name: name, line: tagLine), after)
        }

        /// The range of the tag's content between its delimiters, the index after its closing delimiter, and
        /// whether it is a `{{{triple}}}` tag (only with the default delimiters, as in the spec).
        func extent(ofTagAt index: Int) throws(SyntaxError) -> (content: Range<Int>, after: Int, triple: Bool) {
            let start = index + open.count
            let isDefaultDelimiters = open == Self.defaultOpen && close == Self.defaultClose
            if isDefaultDelimiters, start < bytes.count, bytes[start] == UInt8(ascii: "{") {
                guard let end = find(Self.tripleClose, from: start + 1) else {
                    throw SyntaxError(line: line, message: "`{{{` is not closed by `}}}`")
                }
                return ((start + 1)..<end, end + Self.tripleClose.count, true)
            }
            guard let end = find(close, from: start) else {
                throw SyntaxError(line: line, message: "a tag opened here is not closed by `\(String(decoding: close, as: UTF8.self))`")
            }
            return (start..<end, end + close.count, false)
        }

        /// The kind of a tag from its sigil, and its content without the sigil.
        static func classify(_ trimmed: String, line: Int) throws(SyntaxError) -> (TagKind, String) {
            let kind: TagKind
            switch trimmed.first {
            case "#": kind = .section
            case "^": kind = .inverted
            case "/": kind = .close
            case "!": kind = .comment
            case ">": kind = .partial
            case "<": kind = .parent
            case "$": kind = .block
            case "&": kind = .raw
            case "=": kind = .delimiters
            case "%": throw SyntaxError(line: line, message: "pragmas (`{{%…}}`) are not supported")
            default: kind = .variable
            }
            return (kind, kind == .variable ? trimmed : String(trimmed.dropFirst()))
        }

        /// `{{=<% %>=}}`: `body` is what follows the first `=`.
        mutating func setDelimiters(_ body: String, line: Int) throws(SyntaxError) {
            guard body.hasSuffix("=") else {
                throw SyntaxError(line: line, message: "a set-delimiters tag must end with `=`")
            }
            let parts = body.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else {
                throw SyntaxError(line: line, message: "a set-delimiters tag needs two delimiters, like `{{=<% %>=}}`")
            }
            open = Array(parts[0].utf8)
            close = Array(parts[1].utf8)
        }

        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            guard index + pattern.count <= bytes.count else { return false }
            for k in 0..<pattern.count where bytes[index + k] != pattern[k] { return false }
            return true
        }

        func find(_ pattern: [UInt8], from index: Int) -> Int? {
            var j = index
            while j + pattern.count <= bytes.count {
                if matches(pattern, at: j) { return j }
                j += 1
            }
            return nil
        }
    }

    static func validate(name: String, kind: TagKind, line: Int) throws(SyntaxError) {
        guard !name.isEmpty else { throw SyntaxError(line: line, message: "a tag has no name") }
        if name.contains("(") || name.contains(")") {
            throw SyntaxError(line: line, message: "`\(name)`: transforms and lambdas are not supported")
        }
        if name != ".", name.hasPrefix(".") || name.hasSuffix(".") || name.contains("..") {
            throw SyntaxError(line: line, message: "`\(name)` is not a name: write `a.b`, or `.` for the current item")
        }
        if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }), kind != .partial, kind != .parent {
            throw SyntaxError(line: line, message: "`\(name)` is not a name: names have no spaces")
        }
    }

    static func path(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }

    static func build(texts: [Text], tags: [Tag], position: inout Int, closing: Tag?,
                      storage: Storage) throws(SyntaxError) -> Nodes {
        var nodes: [Node] = []
        while true {
            if texts[position].count > 0 { nodes.append(.text(texts[position])) }
            guard position < tags.count else {
                if let closing {
                    throw SyntaxError(line: closing.line, message: "`\(closing.name)` is opened here but never closed with `{{/\(closing.name)}}`")
                }
                return storage.keep(nodes)
            }
            let tag = tags[position]
            position += 1
            switch tag.kind {
            case .variable: nodes.append(.variable(path: storage.keep(path(tag.name)), escaped: true))
            case .raw: nodes.append(.variable(path: storage.keep(path(tag.name)), escaped: false))
            case .comment, .delimiters: break
            case .partial: nodes.append(.partial(name: tag.name, indentation: tag.indentation, line: tag.line))
            case .close:
                guard let closing else {
                    throw SyntaxError(line: tag.line, message: "`{{/\(tag.name)}}` closes nothing")
                }
                guard closing.name == tag.name else {
                    throw SyntaxError(line: tag.line, message: "`{{/\(tag.name)}}` closes `\(closing.name)`, opened on line \(closing.line)")
                }
                return storage.keep(nodes)
            case .section, .inverted:
                let body = try build(texts: texts, tags: tags, position: &position, closing: tag, storage: storage)
                nodes.append(.section(path: storage.keep(path(tag.name)), body: body, inverted: tag.kind == .inverted))
            case .block:
                let body = try build(texts: texts, tags: tags, position: &position, closing: tag, storage: storage)
                nodes.append(.block(name: tag.name, body: body, indentation: tag.indentation))
            case .parent:
                // Inside a parent tag only block definitions count; anything else is ignored, as the spec says.
                let body = try build(texts: texts, tags: tags, position: &position, closing: tag, storage: storage)
                var blocks: [String: Nodes] = [:]
                for case .block(let name, let blockBody, _) in body where blocks[name] == nil {
                    blocks[name] = blockBody
                }
                nodes.append(.parent(name: tag.name, blocks: blocks, indentation: tag.indentation, line: tag.line))
            }
        }
    }
}

/// A set of compiled templates that can refer to each other by name.
struct TemplateLibrary: Sendable {
    private(set) var templates: [String: Template] = [:]
    /// Pages escape `{{name}}` for HTML; the scaffolded Markdown and YAML files are plain text.
    var escapesHTML = true

    init(escapesHTML: Bool = true) {
        self.escapesHTML = escapesHTML
    }

    mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    /// Every partial and parent named must exist, and no template may include itself: our contexts are not
    /// recursive, so such a cycle could only recurse until the stack ran out.
    func verify() -> String? {
        for name in templates.keys.sorted() {
            guard let template = templates[name] else { continue }
            for ref in template.references where templates[ref.name] == nil {
                return "\(name).mustache line \(ref.line): there is no template named `\(ref.name)`"
            }
        }
        var state: [String: Int] = [:]  // 1: being visited, 2: done
        func visit(_ name: String, _ trail: [String]) -> String? {
            if state[name] == 2 { return nil }
            if state[name] == 1 { return "templates include each other in a cycle: " + (trail + [name]).joined(separator: " → ") }
            state[name] = 1
            for ref in templates[name]?.references ?? [] {
                if let problem = visit(ref.name, trail + [name]) { return problem }
            }
            state[name] = 2
            return nil
        }
        for name in templates.keys.sorted() {
            if let problem = visit(name, []) { return problem }
        }
        return nil
    }

    /// `name` and every template it includes as a partial or parent, directly or not.
    func included(from name: String) -> [String] {
        var seen: [String] = []
        var pending = [name]
        while let next = pending.popLast() {
            guard !seen.contains(next), let template = templates[next] else { continue }
            seen.append(next)
            pending += template.references.map(\.name)
        }
        return seen
    }

    func render(_ name: String, _ context: TemplateObject) -> String { render(name, [context]) }

    /// `contexts` are the bottom of the context stack, innermost last.
    func render(_ name: String, _ contexts: [TemplateObject]) -> String {
        String(decoding: renderBytes(name, contexts), as: UTF8.self)
    }

    /// The page as UTF-8, as it is written: rendered into bytes rather than a `String`, whose appends
    /// keep its count and flags up to date (a tenth of the rendering), and whose escaping made a new
    /// string for each value.
    func renderBytes(_ name: String, _ contexts: [TemplateObject]) -> [UInt8] {
        guard let template = templates[name] else { return [] }
        var rendering = Rendering(library: self, stack: contexts.map { .object($0) })
        rendering.out.reserveCapacity(16 * 1024)
        rendering.render(template.nodes, blocks: [:])
        return rendering.out
    }

    /// Read through the buffers and borrowed: a copy of each object of the stack, to look in it, was a
    /// reference counted (and then released) per level per lookup.
    func lookup(_ path: Template.Path, in stack: [TemplateValue]) -> TemplateValue? {
        let names = path.names, keys = path.keys
        return stack.withUnsafeBufferPointer { levels in
            guard let first = names.first else { return levels.last }
            var level = levels.count
            while level > 0 {
                level -= 1
                guard var found = levels[level].member(first, key: keys[0]) else { continue }
                for k in names.indices.dropFirst() {
                    guard let next = found.member(names[k], key: keys[k]) else { return nil }
                    found = next
                }
                return found
            }
            return nil
        }
    }
}

extension TemplateValue {
    /// The member `name` (whose `TemplateObject.key` is `key`) of an object; nil for any other value.
    func member(_ name: String, key: UInt64?) -> TemplateValue? {
        guard case .object(let object) = self else { return nil }
        return object.member(name, key: key)
    }
}

/// One rendering of a template: the context stack, the output so far (UTF-8), and the indentation of
/// the standalone partials and blocks being rendered.
private struct Rendering {
    let library: TemplateLibrary
    var stack: [TemplateValue]
    var out: [UInt8] = []
    /// Prepended to each line of template text: the indentation of the standalone partials (and blocks)
    /// the text sits in. As the spec says, the partial is indented before it is rendered, so the lines
    /// that an interpolated value brings are not indented. Empty lines are left empty.
    var indentation = ""
    /// Whether the next output starts a line; kept up to date only while `indentation` is not empty.
    var atLineStart = true

    init(library: TemplateLibrary, stack: [TemplateValue]) {
        self.library = library
        self.stack = stack
    }

    mutating func render(_ nodes: Template.Nodes, blocks: [String: Template.Nodes]) {
        for node in nodes {
            switch node {
            case .text(let text):
                appendText(text)
            case .variable(let path, let escaped):
                guard let value = library.lookup(path, in: stack) else { continue }
                appendValue(value, escaped: escaped && library.escapesHTML)
            case .section(let path, let body, let inverted):
                renderSection(library.lookup(path, in: stack), body: body, inverted: inverted, blocks: blocks)
            case .partial(let name, let indentation, _):
                guard let template = library.templates[name] else { continue }
                include(template.nodes, blocks: blocks, indentation: indentation)
            case .parent(let name, let overrides, let indentation, _):
                guard let template = library.templates[name] else { continue }
                // The most derived template wins: blocks already given by an inheriting template stay.
                let merged = overrides.merging(blocks) { _, outer in outer }
                include(template.nodes, blocks: merged, indentation: indentation)
            case .block(let name, let body, let indentation):
                include(blocks[name] ?? body, blocks: blocks, indentation: indentation)
            }
        }
    }

    /// A section renders once for true and for a value (pushed on the stack), once per item for a list,
    /// and not at all for a missing value, false or an empty list; an inverted section the other way round.
    mutating func renderSection(_ value: TemplateValue?, body: Template.Nodes, inverted: Bool,
                                blocks: [String: Template.Nodes]) {
        if inverted {
            switch value {
            case nil, .bool(false): render(body, blocks: blocks)
            case .list(let items) where items.isEmpty: render(body, blocks: blocks)
            default: break
            }
            return
        }
        switch value {
        case nil, .bool(false): break
        case .bool(true): render(body, blocks: blocks)
        case .list(let items):
            for item in items {
                stack.append(item)
                render(body, blocks: blocks)
                stack.removeLast()
            }
        case .some(let item):
            stack.append(item)
            render(body, blocks: blocks)
            stack.removeLast()
        }
    }

    /// A partial, parent or block. Standalone, its lines are indented like its tag, within the indentation
    /// already in force; inline, what it renders stands where the tag was, like an interpolated value.
    mutating func include(_ nodes: Template.Nodes, blocks: [String: Template.Nodes], indentation own: String?) {
        if let own {
            let outer = indentation
            indentation += own
            atLineStart = true  // the tag's line is gone, so the first line of the partial starts a line
            render(nodes, blocks: blocks)
            indentation = outer
        } else if indentation.isEmpty {
            render(nodes, blocks: blocks)
        } else {
            let (outerOut, outerIndentation) = (out, indentation)
            (out, indentation) = ([], "")
            render(nodes, blocks: blocks)
            let rendered = out
            (out, indentation) = (outerOut, outerIndentation)
            appendRendered(rendered)
        }
    }

    /// Template text: each line that has something on it gets the indentation.
    mutating func appendText(_ text: Template.Text) {
        guard !indentation.isEmpty else {
            out.append(contentsOf: text.bytes)
            return
        }
        var rest = text.bytes[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: "\n")).map { rest.index(after: $0) } ?? rest.endIndex
            let line = rest[..<end]
            if atLineStart, !line.allSatisfy({ $0 == 0x0A || $0 == 0x0D }) { out.append(contentsOf: indentation.utf8) }
            out.append(contentsOf: line)
            atLineStart = line.last == 0x0A
            rest = rest[end...]
        }
    }

    /// An interpolated value, escaped for HTML or not: indented when it starts a line, its own newlines
    /// left alone. Lists and objects show nothing.
    mutating func appendValue(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            guard !text.isEmpty else { return }
            startValue()
            if escaped { HTML.appendEscaped(text, to: &out) } else { out.append(contentsOf: text.utf8) }
        case .bytes(let bytes):
            guard !bytes.isEmpty else { return }
            startValue()
            if escaped { bytes.withUnsafeBufferPointer { HTML.appendEscaped($0, to: &out) } } else { out += bytes }
        case .int(let n):
            startValue()
            out.append(contentsOf: String(n).utf8)
        case .bool(let b):
            startValue()
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .list, .object:
            return
        }
    }

    /// What an inline partial rendered, placed like an interpolated value.
    mutating func appendRendered(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        startValue()
        out.append(contentsOf: bytes)
    }

    private mutating func startValue() {
        if !indentation.isEmpty, atLineStart { out.append(contentsOf: indentation.utf8) }
        atLineStart = false
    }
}
