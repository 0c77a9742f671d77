import Foundation

extension Baseline {
    /// Why a baseline file was refused, with the place: the run stops (exit status 2) rather than pass
    /// with a baseline it half understood, since a wrong baseline could hide every new finding.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        /// The file as the user knows it (`sopbook-baseline.json`, `docs/sopbook-baseline.json`).
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(file):\(line):\(column): \(message)" }
    }

    /// The keys of an entry, in the order the file writes them.
    static let entryKeys = ["fingerprint", "rule", "process", "subject", "count"]

    /// Reads the baseline at `url`; `displayName` is how errors name the file.
    public static func load(from url: URL, displayName: String) throws(ReadError) -> Baseline {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ReadError(file: displayName, line: 1, column: 1, message: "cannot read the baseline: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(file: displayName, line: 1, column: 1, message: "the baseline is not UTF-8 text")
        }
        return try parse(text, file: displayName)
    }

    /// Reads a baseline from its text. Anything but the file `json` writes, give or take whitespace and
    /// key order, is refused with its line: not JSON, another version, a missing or unknown key, a count
    /// that is not a positive integer, a malformed fingerprint, a rule Sopbook does not have, a
    /// fingerprint listed twice.
    public static func parse(_ text: String, file: String) throws(ReadError) -> Baseline {
        func fail(_ mark: JSONDocument.Mark, _ message: String) -> ReadError {
            ReadError(file: file, line: mark.line, column: mark.column, message: message)
        }
        let root: JSONDocument.Node
        do { root = try JSONDocument.parse(text) } catch {
            throw fail(error.mark, "not valid JSON: \(error.message)")
        }
        guard case .object(let members) = root.value else {
            throw fail(root.mark, "a baseline is a JSON object with `version` and `entries`, not \(root.kind)")
        }
        let byKey = Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0) })
        for member in members where !["version", "note", "entries"].contains(member.key) {
            throw fail(member.keyMark, "unknown key `\(member.key.oneLine)`: a baseline has `version`, `note` and `entries`")
        }
        guard let version = byKey["version"] else { throw fail(root.mark, "the key `version` is missing") }
        guard case .number(let number) = version.value.value else {
            throw fail(version.value.mark, "`version` must be the number \(Baseline.version), not \(version.value.kind)")
        }
        guard number == String(Baseline.version) else {
            throw fail(version.value.mark, "unsupported baseline version \(number): this sopbook reads version \(Baseline.version) (was the file written by a newer sopbook?)")
        }
        if let note = byKey["note"] {
            guard case .string = note.value.value else { throw fail(note.value.mark, "`note` must be a string, not \(note.value.kind)") }
        }
        guard let list = byKey["entries"] else { throw fail(root.mark, "the key `entries` is missing") }
        guard case .array(let items) = list.value.value else {
            throw fail(list.value.mark, "`entries` must be a list, not \(list.value.kind)")
        }
        var entries: [Entry] = []
        var firstLine: [String: Int] = [:]
        for item in items {
            let entry = try self.entry(item, fail: fail)
            if let line = firstLine[entry.fingerprint] {
                throw fail(item.mark, "the fingerprint \(entry.fingerprint) is listed twice (first on line \(line)): give it one entry with the total count")
            }
            firstLine[entry.fingerprint] = item.mark.line
            entries.append(entry)
        }
        return Baseline(entries: entries)
    }

    /// One entry, every key checked.
    static func entry(_ node: JSONDocument.Node,
                      fail: (JSONDocument.Mark, String) -> ReadError) throws(ReadError) -> Entry {
        guard case .object(let members) = node.value else {
            throw fail(node.mark, "an entry must be an object with \(entryKeys.map { "`\($0)`" }.joined(separator: ", ")), not \(node.kind)")
        }
        var strings: [String: String] = [:]
        var count: Int?
        for member in members {
            guard entryKeys.contains(member.key) else {
                throw fail(member.keyMark, "unknown key `\(member.key.oneLine)` in an entry: an entry has \(entryKeys.map { "`\($0)`" }.joined(separator: ", "))")
            }
            let value = member.value
            if member.key == "count" {
                guard case .number(let n) = value.value, n.allSatisfy(\.isASCIIDigit), let int = Int(n), int > 0 else {
                    throw fail(value.mark, "`count` must be a positive integer, not \(value.kind)")
                }
                count = int
            } else {
                guard case .string(let s) = value.value else { throw fail(value.mark, "`\(member.key)` must be a string, not \(value.kind)") }
                strings[member.key] = s
            }
        }
        for key in entryKeys where key == "count" ? count == nil : strings[key] == nil {
            throw fail(node.mark, "this entry has no `\(key)`")
        }
        let marks = Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value.mark) })
        let fingerprint = strings["fingerprint"] ?? "", rule = strings["rule"] ?? "", process = strings["process"] ?? ""
        guard fingerprint.utf8.count == 16, fingerprint.utf8.allSatisfy({ Self.isLowercaseHex($0) }) else {
            throw fail(marks["fingerprint"] ?? node.mark, "`fingerprint` must be 16 lowercase hex digits, as sopbook writes it, not \"\(fingerprint.oneLine)\"")
        }
        guard RuleRegistry.ids.contains(rule) else {
            throw fail(marks["rule"] ?? node.mark, "unknown rule `\(rule.oneLine)` (was the file written by a newer sopbook?)")
        }
        guard !process.isEmpty else { throw fail(marks["process"] ?? node.mark, "`process` is empty: it names the process or file") }
        return Entry(fingerprint: fingerprint, rule: rule, process: process, subject: strings["subject"] ?? "", count: count ?? 1)
    }

    static func isLowercaseHex(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
