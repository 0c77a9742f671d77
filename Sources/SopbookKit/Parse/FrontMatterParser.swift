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
    static let knownFields = ["id", "title", "owner", "raci", "quality", "review", "status", "tags", "summary",
                              "approval", "effective", "superseded_by"]
    static let raciKeys = ["responsible", "accountable", "consulted", "informed"]

    /// Fills `procedure` from `yaml`. Throws only when the YAML does not parse or is not a mapping.
    static func apply(yaml: String, firstLine: Int, fields: FieldMapping = FieldMapping(),
                      to procedure: inout Procedure) throws(UnreadableSource) {
        let offset = firstLine - 1
        guard let map = try fieldMapping(yaml, lineOffset: offset) else { return }
        var reader = FieldReader(procedure: procedure, lineOffset: offset, spans: YAMLSpans(yaml, lineOffset: offset), mapping: fields)
        for (keyNode, value) in map { reader.read(keyNode, value) }
        procedure = reader.procedure
        // Held until every rule has run: each map keeps exactly its entries.
        procedure.fields.compact()
        procedure.roleLocations.compact()
        procedure.tokenEnds.compact()
        procedure.frontMatterFixes.compact()
    }

    /// The front matter's mapping of fields, nil when it is empty. Throws when the YAML cannot be read or
    /// is not a mapping: such a file gets that one finding and no other rule runs on it.
    private static func fieldMapping(_ yaml: String, lineOffset offset: Int) throws(UnreadableSource) -> YAMLMapping? {
        if let line = AliasGuard.lineExceedingLimit(yaml) {
            throw UnreadableSource(rule: "invalid-front-matter", location: SourceLocation(line: line + offset, column: 1),
                                   message: "too many YAML aliases (`*name`): front matter needs none, and this many can expand exponentially (a \"billion laughs\" document); write the values out")
        }
        let root: YAMLNode?
        if let composed = FrontMatterYAML.compose(yaml) {
            root = composed
        } else {
            do {
                root = try Parser(yaml: yaml, resolver: .basic, encoding: .utf8).singleRoot().map(YAMLNode.init)
            } catch {
                let (location, message) = YAMLErrors.describe(error, lineOffset: offset)
                throw UnreadableSource(rule: "invalid-front-matter", location: location, message: message)
            }
        }
        guard let root, !YAMLValue.isNull(root) else { return nil }
        guard let map = root.mapping else {
            throw UnreadableSource(rule: "invalid-front-matter", location: FieldReader.location(of: root, lineOffset: offset),
                                   message: "the front matter must be a mapping of fields (`owner: …`, `title: …`), not a \(describe(root))")
        }
        return map
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar: "text value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

}

/// Reads one file's front matter fields into its procedure. A value of the wrong type is recorded as a
/// problem on the value's line, and its field as invalid, so that no other rule reports it a second time.
private struct FieldReader {
    var procedure: Procedure
    /// File lines before the YAML text, so that locations are the file's.
    let lineOffset: Int
    /// Where each token ends in the text, for the ranges and fixes of findings.
    let spans: YAMLSpans
    /// The handbook's own keys for Sopbook's fields (`fields:` in `sopbook.yml`).
    let mapping: FieldMapping
    /// Per mapped field, the rank of the key that set it: of `owner` and `owner_slack`, `owner` is read
    /// whatever their order in the file.
    var mappedRanks: [String: Int] = [:]

    init(procedure: Procedure, lineOffset: Int, spans: YAMLSpans, mapping: FieldMapping) {
        self.procedure = procedure
        self.lineOffset = lineOffset
        self.spans = spans
        self.mapping = mapping
    }

    static func location(of node: YAMLNode, lineOffset: Int) -> SourceLocation {
        SourceLocation(line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        Self.location(of: node, lineOffset: lineOffset)
    }

    mutating func problem(_ node: YAMLNode, _ key: String, _ message: String) {
        procedure.frontMatterProblems.append(FrontMatterProblem(location: location(node), message: message))
        procedure.invalidFields.insert(key)
    }

    // MARK: Fields

    mutating func read(_ keyNode: YAMLNode, _ value: YAMLNode) {
        guard let key = YAMLValue.string(keyNode) else {
            procedure.frontMatterProblems.append(FrontMatterProblem(location: location(keyNode), message: "front matter keys must be plain words, not a \(FrontMatterParser.describe(keyNode))"))
            return
        }
        procedure.fields[key] = location(keyNode)
        procedure.tokenEnds[location(keyNode)] = spans.end(of: keyNode)
        if mapping.url.contains(key) || mapping.aliases.contains(key) {
            // A URL the generator serves the page at: links written to it land on this page. Only
            // `fields.url` moves the page off its file's URL.
            let urls = (stringList(value, key, scalarMayBeNumber: true) ?? []).map(\.trimmed).filter { !$0.isEmpty }
            if mapping.url.contains(key) { procedure.ownURLs += urls } else { procedure.urls += urls }
            if !FrontMatterParser.knownFields.contains(key) { return }
        }
        if let field = mapping.field(for: key) ?? (["owner", "summary"].contains(key) ? key : nil) {
            readMapped(field, key: key, keyNode, value)
            return
        }
        switch key {
        case "id": readID(value)
        case "title":
            if let s = string(value, key), !s.trimmed.isEmpty { procedure.title = s }
        case "status": readStatus(value)
        case "tags":
            if let tags = stringList(value, key, scalarMayBeNumber: false) { procedure.tags = tags }
        case "raci": readRaci(value)
        case "quality": readQuality(value)
        case "review": readReview(value)
        case "approval": readApproval(value)
        case "effective": procedure.effective = date(value, key)
        case "superseded_by":
            if let s = string(value, key)?.trimmed, !s.isEmpty {
                procedure.supersededBy = s
                // Where the id is written, so that a "did you mean" fix replaces the id and nothing else.
                procedure.supersededByLocation = location(value)
                procedure.tokenEnds[location(value)] = spans.end(of: value)
            }
        default:
            if !mapping.ignore.contains(key) { procedure.unknownFields.append(UnknownField(key: key, location: location(keyNode))) }
        }
    }

    /// `owner`, `summary` and `review.last`, from Sopbook's key or one the mapping names. Of two keys for
    /// one field, the better ranked is read and the other kept only as present.
    mutating func readMapped(_ field: String, key: String, _ keyNode: YAMLNode, _ value: YAMLNode) {
        let rank = mapping.rank(of: key, for: field)
        guard rank < mappedRanks[field, default: Int.max] else { return }
        mappedRanks[field] = rank
        if field == "owner", key != "owner" { procedure.fields["owner"] = location(keyNode) }
        defer { if procedure.invalidFields.contains(key) { procedure.invalidFields.insert(field) } }
        switch field {
        case "owner": readOwner(value, key: key)
        case "summary": procedure.summary = string(value, key)
        default:
            var review = procedure.review ?? Review()
            review.last = date(value, key)
            procedure.review = review
        }
    }

    mutating func readID(_ value: YAMLNode) {
        guard let s = string(value, "id") else { return }
        let trimmed = s.trimmed
        if trimmed.isEmpty { problem(value, "id", "`id` must not be empty; remove it to use the file's path") }
        else { procedure.id = trimmed }
    }

    /// One owner, or a list of owners (teams that share a page): the first named is the accountable one.
    mutating func readOwner(_ value: YAMLNode, key: String) {
        let nodes: [YAMLNode]
        if let seq = value.sequence {
            nodes = Array(seq)
        } else {
            guard string(value, key) != nil else { return procedure.owners = [] }
            nodes = [value]
        }
        var owners: [String] = []
        for node in nodes {
            guard let s = YAMLValue.string(node) else {
                return problem(node, key, "each owner in `\(key)` must be a role or a person, not a \(FrontMatterParser.describe(node))")
            }
            let trimmed = s.trimmed
            guard !trimmed.isEmpty, !owners.contains(trimmed) else { continue }
            owners.append(trimmed)
            if procedure.roleLocations[trimmed] == nil {
                procedure.roleLocations[trimmed] = location(node)
                procedure.tokenEnds[location(node)] = spans.end(of: node)
            }
        }
        procedure.owners = owners
    }

    mutating func readStatus(_ value: YAMLNode) {
        guard let s = string(value, "status") else { return }
        if let status = ProcedureStatus(rawValue: s.lowercased()) { procedure.status = status }
        else { problem(value, "status", "`status` must be draft, active or retired, not `\(s.prefix(40))`") }
    }

    mutating func readRaci(_ value: YAMLNode) {
        if YAMLValue.isNull(value) { procedure.raci = Raci(); return }
        guard let raciMap = value.mapping else {
            problem(value, "raci", "`raci` must be a mapping with responsible, accountable, consulted and informed")
            return
        }
        var raci = Raci()
        for (k, v) in raciMap {
            let name = YAMLValue.string(k) ?? ""
            let path = "raci.\(name)"
            // A role is a name, and YAML writers do not quote names: a scalar stands for a one-item list
            // even when YAML would read it as a number, as `owner` does.
            switch name {
            case "responsible": raci.responsible = stringList(v, path, scalarMayBeNumber: true) ?? []
            case "accountable": raci.accountable = stringList(v, path, scalarMayBeNumber: true) ?? []
            case "consulted": raci.consulted = stringList(v, path, scalarMayBeNumber: true) ?? []
            case "informed": raci.informed = stringList(v, path, scalarMayBeNumber: true) ?? []
            default:
                let close = Suggest.closest(to: name, among: FrontMatterParser.raciKeys)
                let hint = close.map { "; did you mean `\($0)`?" } ?? ""
                procedure.frontMatterFixes[location(k)] = spans.fix(replacing: k, with: close, in: procedure.file)
                procedure.frontMatterProblems.append(FrontMatterProblem(location: location(k), message: "`raci` has no key `\(name)`: use responsible, accountable, consulted or informed\(hint)"))
                continue
            }
            if procedure.invalidFields.contains(path) { procedure.invalidFields.insert("raci") }
            noteRoleLocations(v)
        }
        let clean = { (list: [String]) in list.map { $0.trimmed }.filter { !$0.isEmpty } }
        raci.responsible = clean(raci.responsible)
        raci.accountable = clean(raci.accountable)
        raci.consulted = clean(raci.consulted)
        raci.informed = clean(raci.informed)
        procedure.raci = raci
    }

    /// Where each role of a RACI value is first named, for `unknown-role`.
    mutating func noteRoleLocations(_ value: YAMLNode) {
        for roleNode in value.sequence.map(Array.init) ?? [value] {
            if let role = YAMLValue.string(roleNode)?.trimmed, !role.isEmpty, procedure.roleLocations[role] == nil {
                procedure.roleLocations[role] = location(roleNode)
                procedure.tokenEnds[location(roleNode)] = spans.end(of: roleNode)
            }
        }
    }

    mutating func readQuality(_ value: YAMLNode) {
        if YAMLValue.isNull(value) { return }
        let items: [YAMLNode]
        if let seq = value.sequence {
            items = Array(seq)
        } else if YAMLValue.string(value) != nil, !YAMLValue.isNumberOrBoolean(value) {
            items = [value]
        } else {
            problem(value, "quality", "`quality` must be a list of standards: strings, or maps with standard, metric and target, not \(Self.describe(value))")
            return
        }
        for item in items {
            if let s = YAMLValue.string(item) {
                procedure.quality.append(QualityStandard(standard: s, metric: nil, target: nil))
            } else if let m = item.mapping {
                guard let standard = m["standard"].flatMap(YAMLValue.string) else {
                    problem(item, "quality", "a quality standard given as a map needs a `standard` (text), and may have `metric` and `target`")
                    continue
                }
                procedure.quality.append(QualityStandard(standard: standard,
                                                         metric: m["metric"].flatMap(YAMLValue.string),
                                                         target: m["target"].flatMap(YAMLValue.string)))
            } else {
                problem(item, "quality", "each quality standard must be a string or a map with standard, metric and target")
            }
        }
    }

    mutating func readReview(_ value: YAMLNode) {
        if YAMLValue.isNull(value) { return }
        guard let m = value.mapping else {
            problem(value, "review", "`review` must be a mapping with `last` and `every` (or `next`)")
            return
        }
        var review = Review()
        for (k, v) in m {
            switch YAMLValue.string(k) ?? "" {
            case "last": review.last = date(v, "review.last")
            case "next": review.next = date(v, "review.next")
            case "every":
                guard let s = string(v, "review.every") else { continue }
                if let p = ReviewPeriod(s) { review.every = p }
                else { problem(v, "review.every", "`review.every` must be like \"30 days\", \"6 weeks\", \"6 months\" or \"1 year\", not `\(s.prefix(40))`") }
            default:
                let name = YAMLValue.string(k) ?? "?"
                procedure.frontMatterProblems.append(FrontMatterProblem(location: location(k), message: "`review` has no key `\(name)`: use last, every or next"))
            }
        }
        procedure.review = review
    }

    /// `approval: {by: Quality Lead, on: 2026-03-01}`: both are needed, or the approval says nothing.
    mutating func readApproval(_ value: YAMLNode) {
        if YAMLValue.isNull(value) { return }
        guard let m = value.mapping else {
            return problem(value, "approval", "`approval` must be a mapping with `by` (a role or person) and `on` (a date)")
        }
        var by: String?
        var on: CivilDate?
        for (k, v) in m {
            switch YAMLValue.string(k) ?? "" {
            case "by": by = string(v, "approval.by")?.trimmed
            case "on": on = date(v, "approval.on")
            default:
                let name = YAMLValue.string(k) ?? "?"
                procedure.frontMatterProblems.append(FrontMatterProblem(location: location(k), message: "`approval` has no key `\(name)`: use by and on"))
            }
        }
        guard let by, !by.isEmpty, let on else {
            if !procedure.invalidFields.contains("approval.on") {
                problem(value, "approval", "`approval` needs both `by` (who approved) and `on` (the date, YYYY-MM-DD)")
            }
            return
        }
        procedure.approval = Approval(by: by, on: on)
    }

    // MARK: Values

    mutating func string(_ node: YAMLNode, _ key: String) -> String? {
        if YAMLValue.isNull(node) { return nil }
        guard let s = YAMLValue.string(node) else {
            problem(node, key, "`\(key)` must be a string, not a \(FrontMatterParser.describe(node))")
            return nil
        }
        return s
    }

    /// A list of strings; a single string stands for a list of one. `scalarMayBeNumber: false` refuses a
    /// bare number or boolean (`tags: 5`): where a list is expected, that is a slip, not a one-item list.
    mutating func stringList(_ node: YAMLNode, _ key: String, scalarMayBeNumber: Bool) -> [String]? {
        if YAMLValue.isNull(node) { return [] }
        if let s = YAMLValue.string(node), scalarMayBeNumber || !YAMLValue.isNumberOrBoolean(node) { return [s] }
        guard let seq = node.sequence else {
            problem(node, key, "`\(key)` must be a string or a list of strings, not \(Self.describe(node))")
            return nil
        }
        var out: [String] = []
        for item in seq {
            guard let s = YAMLValue.string(item) else {
                problem(item, key, "each item of `\(key)` must be a string, not a \(FrontMatterParser.describe(item))")
                return nil
            }
            out.append(s)
        }
        return out
    }

    mutating func date(_ node: YAMLNode, _ key: String) -> CivilDate? {
        guard let s = string(node, key) else { return nil }
        guard let d = CivilDate(s.trimmed) else {
            problem(node, key, "`\(key)` must be a date written YYYY-MM-DD, not `\(s.prefix(40))`")
            return nil
        }
        return d
    }

    /// "a mapping", "a list", or the scalar itself when YAML reads it as a number or a boolean ("the number
    /// `5`"), so the message shows what the writer typed.
    static func describe(_ node: YAMLNode) -> String {
        if YAMLValue.isNumberOrBoolean(node), let s = YAMLValue.string(node) {
            return YAMLValue.isBoolean(node) ? "the boolean `\(s)`" : "the number `\(s)`"
        }
        return "a " + FrontMatterParser.describe(node)
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
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            // Only a `*` can start an alias: with no more of them than the limit, none is read character by
            // character (nearly every file).
            var stars = 0
            for b in bytes where b == 0x2A { stars += 1 }
            return stars > limit ? lineExceedingLimit(bytes) : nil
        }
    }

    private static func lineExceedingLimit(_ yaml: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var lineNumber = 1
        var previous: UInt8 = 0x20
        var quote: UInt8 = 0
        var inComment = false
        func opens(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x5B || b == 0x7B || b == 0x2C || b == 0x3A || b == 0x2D || b == 0x3F
        }
        for b in yaml {
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
