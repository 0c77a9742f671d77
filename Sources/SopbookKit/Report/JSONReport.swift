/// The spec's JSON report (`check --format json` and `gaps.json`). Written by hand so that key order,
/// and therefore the bytes, never change between runs.
public enum JSONReport {
    public static func render(_ report: Report) -> String {
        let s = report.summary
        var out = "{\n  \"version\": 1,\n  \"summary\": {"
        out += " \"processes\": \(s.processes), \"steps\": \(s.steps), \"errors\": \(s.errors), \"warnings\": \(s.warnings),"
        out += " \"infos\": \(s.infos), \"owned\": \(s.owned), \"undocumentedSteps\": \(s.undocumentedSteps), \"brokenLinks\": \(s.brokenLinks) },\n"
        out += "  \"findings\": ["
        for (i, f) in report.findings.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    { \"rule\": \(string(f.rule)), \"severity\": \(string(f.severity.rawValue)), \"file\": \(string(f.file)),"
            out += " \"line\": \(f.location.line), \"column\": \(max(1, f.location.column)),"
            out += " \"process\": \(f.process.map(string) ?? "null"), \"message\": \(string(f.message)) }"
        }
        out += report.findings.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// A JSON string literal. `<`, `>` and `&` are escaped too, so the text is also safe inside a `<script>`.
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
