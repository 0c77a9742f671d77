import Yams

/// Reads typed values out of nodes composed with the basic resolver, where every scalar is a string:
/// our schema knows each field's type, so we decide what a scalar means, not a regex.
enum YAMLValue {
    /// A scalar's text, or nil for null and for non-scalars.
    static func string(_ node: Node) -> String? {
        guard case .scalar(let s) = node else { return nil }
        if isNull(node) { return nil }
        return s.string
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        guard s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A plain (unquoted, untagged) scalar that YAML's core schema reads as a number or a boolean: `5`,
    /// `1.5`, `true`, `no`. Quoting it (`"5"`) makes it text.
    static func isNumberOrBoolean(_ node: Node) -> Bool {
        [.int, .float, .bool].contains(coreTag(node))
    }

    static func isBoolean(_ node: Node) -> Bool {
        coreTag(node) == .bool
    }

    /// The tag YAML's default schema would give a scalar. Nodes are composed with the basic resolver, so
    /// a plain scalar keeps the implicit tag and a quoted one is tagged `str`.
    private static func coreTag(_ node: Node) -> Tag.Name? {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return nil }
        return Resolver.default.resolveTag(of: node)
    }

    // The same questions of the front matter's own nodes (`YAMLNode`).

    static func string(_ node: YAMLNode) -> String? {
        guard case .scalar(let s) = node, !isNull(node) else { return nil }
        return s.string
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    static func isNumberOrBoolean(_ node: YAMLNode) -> Bool {
        [.int, .float, .bool].contains(coreTag(node))
    }

    static func isBoolean(_ node: YAMLNode) -> Bool {
        coreTag(node) == .bool
    }

    private static func coreTag(_ node: YAMLNode) -> Tag.Name? {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return nil }
        return s.resolvedTag ?? Resolver.default.resolveTag(of: .scalar(.init(s.string, .implicit, s.style)))
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
