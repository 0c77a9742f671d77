/// The spec's JSON report (`check --format json` and `gaps.json`). Written by hand so that key order,
/// and therefore the bytes, never change between runs. Version 2 keeps every key of version 1 and adds,
/// per finding, `endLine`/`endColumn` (null when unknown), `notes`, `fixes` and `fingerprint`. With a
/// baseline in use (and only then, so a run without one gives the same bytes as before), the summary adds
/// `known`, `new` and `fixed`, each finding `"baseline": "known"` or `"new"`, and `fixedFindings` lists the
/// baseline's entries that no longer occur (their `count` is how many are gone).
public enum JSONReport {
    public static let version = 2

    public static func render(_ report: Report) -> String {
        let s = report.summary
        var out = "{\n  \"version\": \(version),\n  \"summary\": {"
        out += " \"processes\": \(s.processes), \"steps\": \(s.steps), \"errors\": \(s.errors), \"warnings\": \(s.warnings),"
        out += " \"infos\": \(s.infos), \"owned\": \(s.owned), \"undocumentedSteps\": \(s.undocumentedSteps), \"brokenLinks\": \(s.brokenLinks)"
        if let b = report.baseline { out += ", \"known\": \(b.known), \"new\": \(b.new), \"fixed\": \(b.fixedCount)" }
        if let c = s.controlled {
            out += ", \"approved\": \(c.approved), \"approvalOutdated\": \(c.approvalOutdated), \"retired\": \(c.retired),"
            out += " \"trainingCurrent\": \(c.trainingCurrent), \"trainingDue\": \(c.trainingDue),"
            out += " \"history\": \(string(c.history.rawValue)), \"revised\": \(c.revised)"
        }
        out += " },\n  \"findings\": ["
        // The findings made on every core, in chunks: `gaps.json` was the last of the site-wide pages to be
        // planned, on one core.
        let entries = Parallel.map(Array(report.findings.indices), chunk: 256) { i in
            "    " + fields(report.findings[i])
                + (report.baseline != nil ? ", \"baseline\": \(string(report.isKnown(i) ? "known" : "new"))" : "") + " }"
        }
        out += entries.isEmpty ? "]" : "\n" + entries.joined(separator: ",\n") + "\n  ]"
        if let b = report.baseline { out += ",\n  \"fixedFindings\": [" + fixedEntries(b.fixed) + "]" }
        return out + "\n}\n"
    }

    /// One finding's keys, from `{` to its last key without the closing brace: callers may add their own.
    static func fields(_ f: Finding) -> String {
        var out = "{ \"rule\": \(string(f.rule)), \"severity\": \(string(f.severity.rawValue)), \"file\": \(string(f.file)),"
        out += " \"line\": \(f.location.line), \"column\": \(max(1, f.location.column)),"
        out += " \"process\": \(f.process.map(string) ?? "null"), \"message\": \(string(f.message)),"
        out += " \"endLine\": \(f.end.map { String($0.line) } ?? "null"), \"endColumn\": \(f.end.map { String(max(1, $0.column)) } ?? "null"),"
        out += " \"notes\": [\(f.notes.map(note).joined(separator: ", "))], \"fixes\": [\(f.fixes.map(fix).joined(separator: ", "))],"
        return out + " \"fingerprint\": \(string(f.fingerprint))"
    }

    static func fixedEntries(_ entries: [Baseline.Entry]) -> String {
        guard !entries.isEmpty else { return "" }
        return "\n" + entries.map { e in
            "    { \"fingerprint\": \(string(e.fingerprint)), \"rule\": \(string(e.rule)), \"process\": \(string(e.process)),"
                + " \"subject\": \(string(e.subject)), \"count\": \(e.count) }"
        }.joined(separator: ",\n") + "\n  "
    }

    static func note(_ n: Finding.Note) -> String {
        "{ \"file\": \(string(n.file)), \"line\": \(n.location.line), \"column\": \(max(1, n.location.column)), \"message\": \(string(n.message)) }"
    }

    static func fix(_ fix: Finding.Fix) -> String {
        let replacements = fix.replacements.map { r in
            "{ \"file\": \(string(r.file)), \"line\": \(r.start.line), \"column\": \(max(1, r.start.column)),"
                + " \"endLine\": \(r.end.line), \"endColumn\": \(max(1, r.end.column)), \"text\": \(string(r.text)) }"
        }
        return "{ \"description\": \(string(fix.description)), \"replacements\": [\(replacements.joined(separator: ", "))] }"
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A byte that a JSON string literal holds as it is: not a control character, a quote, a backslash,
    /// `<`, `>`, `&`, nor the lead byte of U+2028/U+2029 (E2 80 A8/A9), which JavaScript reads as line ends.
    private static func isPlain(_ b: UInt8) -> Bool {
        b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b != UInt8(ascii: "<") && b != UInt8(ascii: ">")
            && b != UInt8(ascii: "&") && b != 0xE2
    }

    /// `string(s)` appended to `out` as UTF-8; a string that needs no escape is copied as it is. The
    /// search index's scripts are written this way: `serve` writes the core and a text shard again at
    /// every title edit.
    static func append(_ s: Substring, to out: inout [UInt8]) {
        var s = s
        let clean = s.withUTF8 { bytes in
            guard bytes.allSatisfy(isPlain) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !clean { out.append(contentsOf: string(String(s)).utf8) }
    }

    /// A JSON string literal. `<`, `>` and `&` are escaped too, so the text is also safe inside a `<script>`.
    public static func string(_ s: String) -> String {
        // Byte-level: everything escaped is ASCII, or U+2028/U+2029 (E2 80 A8/A9), which JavaScript
        // would read as line ends. The search index runs every title and step through here, and most need
        // no escape at all: those are quoted as they are.
        if s.utf8.allSatisfy(isPlain) { return "\"" + s + "\"" }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        out.append(UInt8(ascii: "\""))
        func unicodeEscape(_ value: UInt32) {
            out.append(contentsOf: Array("\\u".utf8))
            for shift in stride(from: 12, through: 0, by: -4) { out.append(JSONReport.hexDigits[Int((value >> UInt32(shift)) & 0xF)]) }
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), b])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), b])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): unicodeEscape(UInt32(b))
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                i += 2
            default:
                if b < 0x20 { unicodeEscape(UInt32(b)) } else { out.append(b) }
            }
            i += 1
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
