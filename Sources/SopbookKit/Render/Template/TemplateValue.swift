/// What a template can show: a closed set of plain values, so that looking a name up is a dictionary
/// access and a `switch`, never a dynamic cast. (swift-mustache's `[String: Any]` contexts spent half of
/// a build in `swift_dynamicCast`; see Benchmarks/README.md.)
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// A list of strings, for `{{#tags}}{{.}}{{/tags}}`.
    static func texts(_ strings: [String]) -> TemplateValue {
        .list(strings.map { .text($0) })
    }

    /// A list of objects, the shape of most sections.
    static func objects(_ items: [[String: TemplateValue]]) -> TemplateValue {
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
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
