/// What a template can show: a closed set of plain values, so that looking a name up is a dictionary
/// access and a `switch`, never a dynamic cast. (swift-mustache's `[String: Any]` contexts spent half of
/// a build in `swift_dynamicCast`; see Benchmarks/README.md.)
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Text held as its UTF-8 bytes, shown as `.text` is: a body's HTML, read back from the body store
    /// or rebased for a print pack, goes to the page without being made a `String` (and checked) first.
    case bytes([UInt8])
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateObject)

    /// A list of strings, for `{{#tags}}{{.}}{{/tags}}`.
    static func texts(_ strings: [String]) -> TemplateValue {
        .list(strings.map { .text($0) })
    }

    /// A list of objects, the shape of most sections.
    static func objects(_ items: [TemplateObject]) -> TemplateValue {
        .list(items.map { .object($0) })
    }

    /// An optional string: missing when nil, so `{{#summary}}` and `{{^summary}}` see it as absent.
    static func text(_ string: String?) -> TemplateValue? {
        string.map { .text($0) }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements))
    }
}

/// The members of an object of a template's context, by name. Kept as one array in order, not hashed:
/// every page builds its context afresh and reads each member a few times, and hashing the names to
/// build and to read dictionaries was an eighth of the write stage. One array rather than one of names
/// and one of values: a copy of the object, which each lookup makes, is then one reference to count, and
/// making it one allocation. An object of many members (the interface strings) is also indexed, once,
/// when it is made.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral, Sequence {
    public struct Member: Sendable {
        public var name: String
        public var value: TemplateValue
    }

    private var members: [Member] = []
    private var index: [String: Int]?

    /// Above this many members, an object is looked up through an index. A process page's object (some
    /// 30 members, made for every page) is read by scanning: indexing it cost more than it saved.
    private static let indexedFrom = 48

    public init() {}

    /// Names in a literal are distinct (a dictionary literal traps on a repeated key; this asserts).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        // Room for the few members most models add after their literal, without growing the array.
        members = [Member](unsafeUninitializedCapacity: elements.count + 4) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }  // never: the capacity is at least 4
            for (k, element) in elements.enumerated() { (base + k).initialize(to: Member(name: element.0, value: element.1)) }
            count = elements.count
        }
        assert(Set(elements.map(\.0)).count == members.count, "a name repeated in a template object literal")
        if members.count > Self.indexedFrom { reindex() }
    }

    /// The later of two equal names wins, as in a dictionary built with `uniquingKeysWith: { _, last in last }`.
    public init(_ elements: some Sequence<(String, TemplateValue)>) {
        members.reserveCapacity(elements.underestimatedCount)
        for (name, value) in elements { self[name] = value }
    }

    public var count: Int { members.count }

    public subscript(name: String) -> TemplateValue? {
        get { position(of: name).map { members[$0].value } }
        set {
            if let i = position(of: name) {
                if let newValue { members[i].value = newValue } else { remove(at: i) }
            } else if let newValue {
                members.append(Member(name: name, value: newValue))
                if index != nil { index?[name] = members.count - 1 } else if members.count > Self.indexedFrom { reindex() }
            }
        }
    }

    /// `other`'s members added; for a name in both, `combine` of the two values (as `Dictionary.merge`).
    public mutating func merge(_ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) {
        members.reserveCapacity(members.count + other.count)
        for (name, value) in other { self[name] = self[name].map { combine($0, value) } ?? value }
    }

    public func merging(_ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) -> TemplateObject {
        var merged = self
        merged.merge(other, uniquingKeysWith: combine)
        return merged
    }

    public func makeIterator() -> LazyMapSequence<[Member], (String, TemplateValue)>.Iterator {
        members.lazy.map { ($0.name, $0.value) }.makeIterator()
    }

    /// Equal members, in any order (as dictionaries compare).
    public static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.count == b.count && a.members.allSatisfy { b[$0.name] == $0.value }
    }

    private func position(of name: String) -> Int? {
        if let index { return index[name] }
        // Names of another length are told apart without a call into the string comparison: most of a
        // lookup's names are not the one looked for, the stack being searched from the inside out.
        let length = name.utf8.count
        return members.firstIndex { $0.name.utf8.count == length && $0.name == name }
    }

    private mutating func remove(at i: Int) {
        members.remove(at: i)
        if index != nil { reindex() }
    }

    private mutating func reindex() {
        index = Dictionary(members.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }
}
