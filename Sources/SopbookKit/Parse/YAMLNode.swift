import CYaml
import Yams

/// Where a YAML node starts: 1-based line, and column in Unicode scalars (libyaml's marks).
struct YAMLMark: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// A scalar as written: its text, its style (plain, quoted, block) and where it starts.
struct YAMLScalar {
    var string: String
    var style: Node.Scalar.Style
    var mark: YAMLMark
    /// The tag Yams resolved for a node it composed (an explicit `!!str` keeps `5` text); nil when the
    /// plain text decides, as for every node `FrontMatterYAML.compose` makes.
    var resolvedTag: Tag.Name?
}

/// A front matter's YAML as the field reader walks it: scalars, mappings as their pairs in order, lists.
enum YAMLNode {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping, YAMLMark)
    case sequence([YAMLNode], YAMLMark)
    case alias(YAMLMark)

    var mark: YAMLMark? {
        switch self {
        case .scalar(let s): s.mark
        case .mapping(_, let mark), .sequence(_, let mark), .alias(let mark): mark
        }
    }

    var mapping: YAMLMapping? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// A node Yams composed (the slow path: anchors, aliases, tags), with what the reader needs of it.
    init(_ node: Node) {
        // Yams marks every node it parses; the start of the text stands in for one it did not.
        let mark = node.mark.map { YAMLMark(line: $0.line, column: $0.column) } ?? YAMLMark(line: 1, column: 1)
        switch node {
        case .scalar(let s):
            let tag = s.style == .plain || s.style == .any ? Resolver.default.resolveTag(of: node) : nil
            self = .scalar(YAMLScalar(string: s.string, style: s.style, mark: mark, resolvedTag: tag))
        case .mapping(let m): self = .mapping(YAMLMapping(pairs: m.map { (YAMLNode($0.key), YAMLNode($0.value)) }), mark)
        case .sequence(let s): self = .sequence(s.map(YAMLNode.init), mark)
        case .alias: self = .alias(mark)
        }
    }
}

/// A mapping's pairs, in the order written.
struct YAMLMapping: Sequence {
    var pairs: [(key: YAMLNode, value: YAMLNode)]

    func makeIterator() -> IndexingIterator<[(key: YAMLNode, value: YAMLNode)]> { pairs.makeIterator() }

    /// The value of the first key written as `key`.
    subscript(key: String) -> YAMLNode? {
        pairs.first { pair in
            if case .scalar(let k) = pair.key { return k.string == key }
            return false
        }?.value
    }
}

/// Front matter composed straight from libyaml's events. Yams's composer makes an object per event and
/// finds duplicate keys by hashing whole nodes; front matter is read for every file of every build, and
/// that was half the time of reading it. What the fast path does not take (anchors, aliases, explicit tags,
/// a key written twice, nesting deeper than `depthLimit`, several documents, any error) it leaves to
/// Yams, so Yams's nodes and its error messages stay the reference.
enum FrontMatterYAML {
    static let depthLimit = 32

    /// `.some(root)` (nil for an empty stream), or nil when Yams must compose the text.
    static func compose(_ yaml: String) -> YAMLNode?? {
        var yaml = yaml
        return yaml.withUTF8 { bytes -> YAMLNode?? in
            let events = EventReader(bytes)
            defer { events.close() }
            guard events.next() == YAML_STREAM_START_EVENT, let first = events.next() else { return nil }
            if first == YAML_STREAM_END_EVENT { return .some(nil) }
            guard first == YAML_DOCUMENT_START_EVENT, let root = node(events, depth: 0),
                  events.next() == YAML_DOCUMENT_END_EVENT, events.next() == YAML_STREAM_END_EVENT else { return nil }
            return .some(root)
        }
    }

    /// The node whose first event comes next; nil to leave the text to Yams.
    private static func node(_ events: EventReader, depth: Int) -> YAMLNode? {
        guard depth < depthLimit, let type = events.next() else { return nil }
        let event = events.event.pointee
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            guard scalar.anchor == nil, scalar.tag == nil,
                  let style = Node.Scalar.Style(rawValue: scalar.style.rawValue) else { return nil }
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(YAMLScalar(string: text, style: style, mark: mark))
        case YAML_SEQUENCE_START_EVENT:
            guard event.data.sequence_start.anchor == nil, event.data.sequence_start.tag == nil else { return nil }
            var items: [YAMLNode] = []
            while events.peekIsNot(YAML_SEQUENCE_END_EVENT) {
                guard let item = node(events, depth: depth + 1) else { return nil }
                items.append(item)
            }
            return events.next() == YAML_SEQUENCE_END_EVENT ? .sequence(items, mark) : nil
        case YAML_MAPPING_START_EVENT:
            guard event.data.mapping_start.anchor == nil, event.data.mapping_start.tag == nil else { return nil }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var keys = KeySet()
            while events.peekIsNot(YAML_MAPPING_END_EVENT) {
                // A key that is not text, or text written twice: Yams decides (and reports the duplicate).
                guard let key = node(events, depth: depth + 1), case .scalar(let k) = key, keys.insert(k.string),
                      let value = node(events, depth: depth + 1) else { return nil }
                pairs.append((key, value))
            }
            return events.next() == YAML_MAPPING_END_EVENT ? .mapping(YAMLMapping(pairs: pairs), mark) : nil
        default:
            return nil  // an alias, or an event out of place
        }
    }
}

/// The keys of one mapping so far, to find one written twice. Most mappings of a front matter have a
/// handful of keys, where comparing with each is cheaper than hashing into a set that grows (the set
/// was 1.6% of `sopbook check`); past `scanned` keys, a set.
private struct KeySet {
    private static let scanned = 8
    private var few: [String] = []
    private var many: Set<String>?

    /// Whether `key` was not there yet.
    mutating func insert(_ key: String) -> Bool {
        if many == nil {
            if few.contains(key) { return false }
            few.append(key)
            if few.count > Self.scanned { many = Set(few) }
            return true
        }
        return many?.insert(key).inserted ?? true
    }
}

/// libyaml's parser over one text, one event at a time, with one event of look-ahead.
private final class EventReader {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var hasEvent = false
    private var peeked: yaml_event_type_t?
    private let initialized: Bool
    private var failed = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        initialized = yaml_parser_initialize(parser) == 1
        failed = !initialized
        if initialized {
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        }
    }

    /// The next event's type, its data in `event`; nil on an error.
    func next() -> yaml_event_type_t? {
        if let type = peeked {
            peeked = nil
            return type
        }
        return advance()
    }

    /// Whether the next event is something other than `type` (false on an error, which ends the loop).
    func peekIsNot(_ type: yaml_event_type_t) -> Bool {
        if peeked == nil { peeked = advance() }
        guard let next = peeked else { return false }
        return next != type
    }

    private func advance() -> yaml_event_type_t? {
        guard !failed else { return nil }
        if hasEvent { yaml_event_delete(event) }
        hasEvent = yaml_parser_parse(parser, event) == 1
        guard hasEvent else {
            failed = true
            return nil
        }
        return event.pointee.type
    }

    func close() {
        if hasEvent { yaml_event_delete(event) }
        hasEvent = false
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        event.deallocate()
    }
}
