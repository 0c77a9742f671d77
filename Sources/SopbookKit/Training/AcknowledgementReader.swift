import Foundation

/// Reads the records of `acknowledgements/`. A record is what `sopbook ack` writes, give or take comments
/// and blank lines: anything else is a problem with its file and line (a finding, `invalid-acknowledgement`),
/// never a crash and never skipped without a word, since a silently dropped line would show someone as
/// untrained, or a forged one as trained.
public enum AcknowledgementReader {
    public struct Result: Sendable, Hashable {
        public var records: [AcknowledgementRecord] = []
        public var problems: [AcknowledgementRecord.Problem] = []
    }

    /// Every `*.yml` file of `folder/acknowledgements/`, in file name order; nothing when there is no such folder.
    public static func read(besideConfigurationIn folder: URL) -> Result {
        let dir = folder.appendingPathComponent(AcknowledgementRecord.folder)
        var result = Result()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return result }
        for name in names.sorted() where !name.hasPrefix(".") {
            let file = AcknowledgementRecord.folder + "/" + name
            guard name.hasSuffix(".yml") else {
                result.problems.append(.init(file: file, line: 1, message: "only `<person>.yml` records written by `sopbook ack` belong in acknowledgements/"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                  let text = String(data: data, encoding: .utf8) else {
                result.problems.append(.init(file: file, line: 1, message: "the record cannot be read as UTF-8 text"))
                continue
            }
            let (record, problems) = parse(text, file: file)
            if let record { result.records.append(record) }
            result.problems += problems
        }
        return result
    }

    /// One record. Entries with a problem are left out of the record (and reported); a record without a
    /// `person:` is left out whole.
    public static func parse(_ text: String, file: String) -> (AcknowledgementRecord?, [AcknowledgementRecord.Problem]) {
        var parser = Parser(file: file)
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            parser.take(String(raw.hasSuffix("\r") ? raw.dropLast() : raw), line: index + 1)
        }
        parser.finishEntry()
        guard let person = parser.person else {
            parser.problem(1, "the record has no `person:` line naming whose acknowledgements these are")
            return (nil, parser.problems)
        }
        return (AcknowledgementRecord(file: file, person: person.name, personLine: person.line, entries: parser.entries), parser.problems)
    }

    struct Parser {
        let file: String
        var person: (name: String, line: Int)?
        var inList = false
        var entries: [Acknowledgement] = []
        var problems: [AcknowledgementRecord.Problem] = []
        /// The entry being read: its line and its keys so far.
        var pending: (line: Int, fields: [String: (value: String, line: Int)])?
        var seen: [String: Int] = [:]

        init(file: String) { self.file = file }

        mutating func problem(_ line: Int, _ message: String) {
            problems.append(.init(file: file, line: line, message: message))
        }

        mutating func take(_ line: String, line number: Int) {
            let trimmed = line.trimmed
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return }
            if !line.hasPrefix(" ") && !line.hasPrefix("-") {
                finishEntry()
                takeTopLevel(trimmed, number)
                return
            }
            guard inList else {
                problem(number, "unexpected indented line: entries go under `acknowledged:`")
                return
            }
            var body = Substring(trimmed)
            if body.hasPrefix("- ") {
                finishEntry()
                pending = (number, [:])
                body = body.dropFirst(2)
            }
            guard pending != nil else {
                problem(number, "an entry starts with `- sop: <id>`")
                return
            }
            guard case let (key, value)? = pair(String(body), number) else { return }
            guard ["sop", "hash", "commit", "date"].contains(key) else {
                problem(number, "unknown key `\(key.oneLine)` in an entry: an entry has `sop`, `hash`, `commit` and `date`")
                return
            }
            if pending?.fields[key] != nil { problem(number, "`\(key)` is given twice in this entry") }
            pending?.fields[key] = (value, number)
        }

        mutating func takeTopLevel(_ text: String, _ number: Int) {
            guard case let (key, value)? = pair(text, number) else { return }
            switch key {
            case "person":
                if person != nil { problem(number, "`person` is given twice: a record holds one person's acknowledgements") }
                else if value.isEmpty { problem(number, "`person` is empty") }
                else { person = (value, number) }
                inList = false
            case "acknowledged":
                if !value.isEmpty && value != "[]" { problem(number, "`acknowledged` is a list of entries, one `- sop:` each") }
                inList = true
            default:
                problem(number, "unknown key `\(key.oneLine)`: a record has `person` and `acknowledged`")
                inList = false
            }
        }

        /// `key: value`, the value unquoted; nil (and a problem) when the line is not one.
        mutating func pair(_ text: String, _ number: Int) -> (String, String)? {
            guard let colon = text.firstIndex(of: ":") else {
                problem(number, "expected `key: value`, not \"\(text.oneLine)\"")
                return nil
            }
            let key = String(text[..<colon]).trimmed
            let raw = String(text[text.index(after: colon)...]).trimmed
            guard let value = unquote(raw) else {
                problem(number, "the value of `\(key.oneLine)` is a quoted string that is not closed or not escaped as `sopbook ack` writes it")
                return nil
            }
            return (key, value)
        }

        func unquote(_ raw: String) -> String? {
            guard raw.hasPrefix("\"") else { return raw }
            guard raw.count >= 2, raw.hasSuffix("\"") else { return nil }
            var out = "", escaped = false
            for ch in raw.dropFirst().dropLast() {
                if escaped {
                    switch ch {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\"", "\\": out.append(ch)
                    default: return nil
                    }
                    escaped = false
                } else if ch == "\\" { escaped = true } else if ch == "\"" { return nil } else { out.append(ch) }
            }
            return escaped ? nil : out
        }

        /// Checks the entry being read and keeps it when every field is right.
        mutating func finishEntry() {
            guard case let (line, fields)? = pending else { return }
            pending = nil
            guard let sop = fields["sop"], !sop.value.isEmpty else { return problem(line, "this entry has no `sop`") }
            guard let hash = fields["hash"] else { return problem(line, "this entry has no `hash`") }
            guard hash.value.utf8.count == 16, hash.value.utf8.allSatisfy({ Baseline.isLowercaseHex($0) }) else {
                return problem(hash.line, "`hash` must be 16 lowercase hex digits, as `sopbook ack` writes it, not \"\(hash.value.oneLine)\"")
            }
            if let commit = fields["commit"],
               !(commit.value.utf8.count == 40 && commit.value.utf8.allSatisfy({ Baseline.isLowercaseHex($0) })) {
                return problem(commit.line, "`commit` must be a full commit hash (40 lowercase hex digits), not \"\(commit.value.oneLine)\"")
            }
            guard let dateField = fields["date"] else { return problem(line, "this entry has no `date`") }
            guard let date = CivilDate(dateField.value) else {
                return problem(dateField.line, "`date` must be a date written YYYY-MM-DD, not \"\(dateField.value.oneLine)\"")
            }
            if let first = seen[sop.value] {
                return problem(line, "`\(sop.value.oneLine)` is acknowledged twice (first on line \(first)): keep the newest entry")
            }
            seen[sop.value] = line
            entries.append(Acknowledgement(sop: sop.value, hash: hash.value, commit: fields["commit"]?.value, date: date, line: line))
        }
    }
}
