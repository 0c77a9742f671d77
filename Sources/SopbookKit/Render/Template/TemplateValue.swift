/// What a template can show: a closed set of plain values, so that looking a name up is a dictionary
/// access and a `switch`, never a dynamic cast. (swift-mustache's `[String: Any]` contexts spent half of
/// a build in `swift_dynamicCast`; see Benchmarks/README.md.)
public enum TemplateValue: Sendable, Equatable {
    case text(String)
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

/// The members of an object of a template's context, by name. Kept as two arrays in order, not hashed:
/// every page builds its context afresh and reads each member a few times, and hashing the names to
/// build and to read dictionaries was an eighth of the write stage. An object of many members (the
/// interface strings) is also indexed, once, when it is made.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral, Sequence {
    private var names: [String] = []
    private var values: [TemplateValue] = []
    private var index: [String: Int]?

    /// Above this many members, an object is looked up through an index.
    private static let indexedFrom = 24

    public init() {}

    /// Names in a literal are distinct (a dictionary literal traps on a repeated key; this asserts).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        names = elements.map(\.0)
        values = elements.map(\.1)
        assert(Set(names).count == names.count, "a name repeated in a template object literal")
        if names.count > Self.indexedFrom { reindex() }
    }

    /// The later of two equal names wins, as in a dictionary built with `uniquingKeysWith: { _, last in last }`.
    public init(_ elements: some Sequence<(String, TemplateValue)>) {
        names.reserveCapacity(elements.underestimatedCount)
        values.reserveCapacity(elements.underestimatedCount)
        for (name, value) in elements { self[name] = value }
    }

    public var count: Int { names.count }

    public subscript(name: String) -> TemplateValue? {
        get { position(of: name).map { values[$0] } }
        set {
            if let i = position(of: name) {
                if let newValue { values[i] = newValue } else { remove(at: i) }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
                if index != nil { index?[name] = names.count - 1 } else if names.count > Self.indexedFrom { reindex() }
            }
        }
    }

    /// `other`'s members added; for a name in both, `combine` of the two values (as `Dictionary.merge`).
    public mutating func merge(_ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) {
        for (name, value) in other { self[name] = self[name].map { combine($0, value) } ?? value }
    }

    public func merging(_ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) -> TemplateObject {
        var merged = self
        merged.merge(other, uniquingKeysWith: combine)
        return merged
    }

    public func makeIterator() -> Zip2Sequence<[String], [TemplateValue]>.Iterator { zip(names, values).makeIterator() }

    /// Equal members, in any order (as dictionaries compare).
    public static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.count == b.count && zip(a.names, a.values).allSatisfy { b[$0.0] == $0.1 }
    }

    private func position(of name: String) -> Int? {
        if let index { return index[name] }
        return names.firstIndex(of: name)
    }

    private mutating func remove(at i: Int) {
        names.remove(at: i)
        values.remove(at: i)
        if index != nil { reindex() }
    }

    private mutating func reindex() {
        index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }
}
