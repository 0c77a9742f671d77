import Foundation
import Yams

/// Why a file cannot be read as an SOP at all. It gets this one finding and no other rule runs on it.
public struct UnreadableSource: Sendable, Error {
    public var rule: String
    public var location: SourceLocation
    public var message: String
}

/// Reads the YAML front matter into the typed fields of a `Procedure`.
/// Wrong types become `invalid-front-matter` problems at the line of the value; they never throw.
enum FrontMatterParser {
    static let knownFields = ["id", "title", "owner", "raci", "quality", "review", "status", "tags", "summary"]
    static let raciKeys = ["responsible", "accountable", "consulted", "informed"]

    /// Fills `procedure` from `yaml`. Throws only when the YAML does not parse or is not a mapping.
    static func apply(yaml: String, firstLine: Int, to procedure: inout Procedure) throws(UnreadableSource) {
        let offset = firstLine - 1
        let spans = YAMLSpans(yaml, lineOffset: offset)
        func loc(_ node: Node) -> SourceLocation {
            SourceLocation(line: (node.mark?.line ?? 1) + offset, column: node.mark?.column ?? 1)
        }
        let root: Node?
        if let line = AliasGuard.lineExceedingLimit(yaml) {
            throw UnreadableSource(rule: "invalid-front-matter", location: SourceLocation(line: line + offset, column: 1),
                                   message: "too many YAML aliases (`*name`): front matter needs none, and this many can expand exponentially (a \"billion laughs\" document); write the values out")
        }
        do {
            root = try Parser(yaml: yaml, resolver: .basic, encoding: .utf8).singleRoot()
        } catch {
            let (location, message) = YAMLErrors.describe(error, lineOffset: offset)
            throw UnreadableSource(rule: "invalid-front-matter", location: location, message: message)
        }
        guard let root, !YAMLValue.isNull(root) else { return }
        guard let map = root.mapping else {
            throw UnreadableSource(rule: "invalid-front-matter", location: loc(root),
                                   message: "the front matter must be a mapping of fields (`owner: …`, `title: …`), not a \(describe(root))")
        }

        func problem(_ node: Node, _ key: String, _ message: String) {
            procedure.frontMatterProblems.append((loc(node), message))
            procedure.invalidFields.insert(key)
        }
        func string(_ node: Node, _ key: String) -> String? {
            if YAMLValue.isNull(node) { return nil }
            guard let s = YAMLValue.string(node) else {
                problem(node, key, "`\(key)` must be a string, not a \(describe(node))")
                return nil
            }
            return s
        }
        func stringList(_ node: Node, _ key: String) -> [String]? {
            if YAMLValue.isNull(node) { return [] }
            if let s = YAMLValue.string(node) { return [s] }
            guard let seq = node.sequence else {
                problem(node, key, "`\(key)` must be a string or a list of strings, not a \(describe(node))")
                return nil
            }
            var out: [String] = []
            for item in seq {
                guard let s = YAMLValue.string(item) else {
                    problem(item, key, "each item of `\(key)` must be a string, not a \(describe(item))")
                    return nil
                }
                out.append(s)
            }
            return out
        }
        func date(_ node: Node, _ key: String) -> CivilDate? {
            guard let s = string(node, key) else { return nil }
            guard let d = CivilDate(s.trimmed) else {
                problem(node, key, "`\(key)` must be a date written YYYY-MM-DD, not `\(s.prefix(40))`")
                return nil
            }
            return d
        }

        for (keyNode, value) in map {
            guard let key = YAMLValue.string(keyNode) else {
                procedure.frontMatterProblems.append((loc(keyNode), "front matter keys must be plain words, not a \(describe(keyNode))"))
                continue
            }
            procedure.fields[key] = loc(keyNode)
            procedure.tokenEnds[loc(keyNode)] = spans.end(of: keyNode)
            switch key {
            case "id":
                if let s = string(value, key) {
                    let trimmed = s.trimmed
                    if trimmed.isEmpty { problem(value, key, "`id` must not be empty; remove it to use the file's path") }
                    else { procedure.id = trimmed }
                }
            case "title":
                if let s = string(value, key), !s.trimmed.isEmpty { procedure.title = s }
            case "owner":
                if let s = string(value, key) {
                    let trimmed = s.trimmed
                    procedure.owner = trimmed.isEmpty ? nil : trimmed
                    if !trimmed.isEmpty, procedure.roleLocations[trimmed] == nil {
                        procedure.roleLocations[trimmed] = loc(value)
                        procedure.tokenEnds[loc(value)] = spans.end(of: value)
                    }
                }
            case "summary":
                procedure.summary = string(value, key)
            case "status":
                if let s = string(value, key) {
                    if let status = ProcedureStatus(rawValue: s.lowercased()) { procedure.status = status }
                    else { problem(value, key, "`status` must be draft, active or retired, not `\(s.prefix(40))`") }
                }
            case "tags":
                if let tags = stringList(value, key) { procedure.tags = tags }
            case "raci":
                if YAMLValue.isNull(value) { procedure.raci = Raci(); continue }
                guard let raciMap = value.mapping else {
                    problem(value, key, "`raci` must be a mapping with responsible, accountable, consulted and informed")
                    continue
                }
                var raci = Raci()
                for (k, v) in raciMap {
                    let name = YAMLValue.string(k) ?? ""
                    let path = "raci.\(name)"
                    switch name {
                    case "responsible": raci.responsible = stringList(v, path) ?? []
                    case "accountable": raci.accountable = stringList(v, path) ?? []
                    case "consulted": raci.consulted = stringList(v, path) ?? []
                    case "informed": raci.informed = stringList(v, path) ?? []
                    default:
                        let close = Suggest.closest(to: name, among: raciKeys)
                        let hint = close.map { "; did you mean `\($0)`?" } ?? ""
                        procedure.frontMatterFixes[loc(k)] = spans.fix(replacing: k, with: close, in: procedure.file)
                        procedure.frontMatterProblems.append((loc(k), "`raci` has no key `\(name)`: use responsible, accountable, consulted or informed\(hint)"))
                    }
                    if raciKeys.contains(name) {
                        if procedure.invalidFields.contains(path) { procedure.invalidFields.insert("raci") }
                        for roleNode in v.sequence.map(Array.init) ?? [v] {
                            if let role = YAMLValue.string(roleNode)?.trimmed, !role.isEmpty,
                               procedure.roleLocations[role] == nil {
                                procedure.roleLocations[role] = loc(roleNode)
                                procedure.tokenEnds[loc(roleNode)] = spans.end(of: roleNode)
                            }
                        }
                    }
                }
                let clean = { (list: [String]) in list.map { $0.trimmed }.filter { !$0.isEmpty } }
                raci.responsible = clean(raci.responsible)
                raci.accountable = clean(raci.accountable)
                raci.consulted = clean(raci.consulted)
                raci.informed = clean(raci.informed)
                procedure.raci = raci
            case "quality":
                if YAMLValue.isNull(value) { continue }
                let items: [Node]
                if let seq = value.sequence { items = Array(seq) } else if YAMLValue.string(value) != nil { items = [value] } else {
                    problem(value, key, "`quality` must be a list of standards: strings, or maps with standard, metric and target")
                    continue
                }
                for item in items {
                    if let s = YAMLValue.string(item) {
                        procedure.quality.append(QualityStandard(standard: s, metric: nil, target: nil))
                    } else if let m = item.mapping {
                        guard let standard = m["standard"].flatMap(YAMLValue.string) else {
                            problem(item, key, "a quality standard given as a map needs a `standard` (text), and may have `metric` and `target`")
                            continue
                        }
                        procedure.quality.append(QualityStandard(standard: standard,
                                                                 metric: m["metric"].flatMap(YAMLValue.string),
                                                                 target: m["target"].flatMap(YAMLValue.string)))
                    } else {
                        problem(item, key, "each quality standard must be a string or a map with standard, metric and target")
                    }
                }
            case "review":
                if YAMLValue.isNull(value) { continue }
                guard let m = value.mapping else {
                    problem(value, key, "`review` must be a mapping with `last` and `every` (or `next`)")
                    continue
                }
                var review = Review()
                for (k, v) in m {
                    switch YAMLValue.string(k) ?? "" {
                    case "last": review.last = date(v, "review.last")
                    case "next": review.next = date(v, "review.next")
                    case "every":
                        if let s = string(v, "review.every") {
                            if let p = ReviewPeriod(s) { review.every = p }
                            else { problem(v, "review.every", "`review.every` must be like \"30 days\", \"6 weeks\", \"6 months\" or \"1 year\", not `\(s.prefix(40))`") }
                        }
                    default:
                        let name = YAMLValue.string(k) ?? "?"
                        procedure.frontMatterProblems.append((loc(k), "`review` has no key `\(name)`: use last, every or next"))
                    }
                }
                procedure.review = review
            default:
                procedure.unknownFields.append((key, loc(keyNode)))
            }
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar: "text value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}

/// Yams composes an alias as a shared copy of its anchor, so memory stays small, but hashing a mapping
/// key built from nested aliases costs as much as the full expansion: nine aliases of nine aliases of …
/// takes seconds, then hours. Front matter has no use for aliases, so more than a handful is refused
/// before parsing. Counting is approximate (it does not parse YAML) but errs towards letting text through.
enum AliasGuard {
    static let limit = 16

    /// The line on which the alias count passes the limit, or nil. Works on UTF-8 bytes: every
    /// character that matters here is ASCII.
    static func lineExceedingLimit(_ yaml: String) -> Int? {
        var count = 0
        var lineNumber = 1
        var previous: UInt8 = 0x20
        var quote: UInt8 = 0
        var inComment = false
        func opens(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x5B || b == 0x7B || b == 0x2C || b == 0x3A || b == 0x2D || b == 0x3F
        }
        for b in yaml.utf8 {
            if b == 0x0A {
                lineNumber += 1
                previous = 0x20
                quote = 0
                inComment = false
                continue
            }
            if inComment { continue }
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x23 && (previous == 0x20 || previous == 0x09) {
                inComment = true
            } else if (b == 0x22 || b == 0x27) && opens(previous) {
                quote = b
            } else if b == 0x2A && opens(previous) {
                count += 1
                if count > limit { return lineNumber }
            }
            previous = b
        }
        return nil
    }
}
