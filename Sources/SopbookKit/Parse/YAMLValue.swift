import Yams

/// Reads typed values out of nodes composed with the basic resolver, where every scalar is a string:
/// our schema knows each field's type, so we decide what a scalar means, not a regex.
enum YAMLValue {
    /// A scalar's text, or nil for null and for non-scalars.
    static func string(_ node: YAMLNode) -> String? {
        guard case .scalar(let s) = node, !isNull(node) else { return nil }
        return s.string
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A plain (unquoted, untagged) scalar that YAML's core schema reads as a number or a boolean: `5`,
    /// `1.5`, `true`, `no`. Quoting it (`"5"`) makes it text.
    static func isNumberOrBoolean(_ node: YAMLNode) -> Bool {
        [.int, .float, .bool].contains(coreTag(node))
    }

    static func isBoolean(_ node: YAMLNode) -> Bool {
        coreTag(node) == .bool
    }

    /// The tag YAML's default schema would give a plain scalar: the one Yams resolved for a node it
    /// composed (which keeps an explicit tag), else the one the text reads as.
    private static func coreTag(_ node: YAMLNode) -> Tag.Name? {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return nil }
        return s.resolvedTag ?? Resolver.default.resolveTag(of: .scalar(.init(s.string, .implicit, s.style)))
    }

    // The same of Yams's nodes (other generators' config files, read by `adopt`): a scalar is read as the
    // front matter's nodes are, anything else is no text.

    static func string(_ node: Node) -> String? {
        textOnly(node).flatMap(string)
    }

    static func isNull(_ node: Node) -> Bool {
        textOnly(node).map(isNull) ?? false
    }

    /// A Yams scalar as a front matter scalar, without its position and tag (which these two never read).
    private static func textOnly(_ node: Node) -> YAMLNode? {
        guard case .scalar(let s) = node else { return nil }
        return .scalar(YAMLScalar(string: s.string, style: s.style, mark: YAMLMark(line: 1, column: 1)))
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }
}

/// Turns a Yams error into a position in the file and a message for a writer.
enum YAMLErrors {
    /// `lineOffset` is the number of file lines before the YAML text, so positions are the file's.
    /// Where libyaml gives a context ("while scanning a quoted scalar" at the opening quote), the finding
    /// points there: that is where the writer has to look, not at the end of the stream.
    static func describe(_ error: any Error, lineOffset: Int = 0) -> (location: SourceLocation, message: String) {
        guard let error = error as? YamlError else { return (SourceLocation(line: 1 + lineOffset), "the YAML could not be read") }
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line + lineOffset, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if let context {
                let start = at(context.mark)
                return (start, "YAML syntax error: \(context.text) that starts on line \(start.line), \(problem) (line \(at(mark).line))")
            }
            return (at(mark), "YAML syntax error: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return (at(context.mark), "duplicate key \(keys): each key may appear once")
        case let .reader(problem, _, _, _):
            return (SourceLocation(line: 1 + lineOffset), "YAML cannot be read: \(problem)")
        default:
            return (SourceLocation(line: 1 + lineOffset), "the YAML could not be read")
        }
    }
}
