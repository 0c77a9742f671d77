/// `file:line:col: severity: message [rule]`, then one summary line: what a terminal and an editor read.
public enum TextReport {
    public static func render(_ report: Report) -> String {
        var out = ""
        for f in report.findings {
            out += line(f) + "\n"
        }
        out += summaryLine(report.summary) + "\n"
        return out
    }

    public static func line(_ f: Finding) -> String {
        "\(f.file.oneLine):\(f.location.line):\(max(1, f.location.column)): \(f.severity.rawValue): \(f.message.oneLine) [\(f.rule)]"
    }

    public static func summaryLine(_ s: Report.Summary) -> String {
        func n(_ count: Int, _ word: String) -> String {
            count == 1 ? "1 \(word)" : "\(count) \(word)\(word.hasSuffix("s") ? "es" : "s")"
        }
        return "\(n(s.processes, "process")) (\(s.owned) owned), \(n(s.steps, "step")) (\(s.undocumentedSteps) undocumented): "
            + "\(n(s.errors, "error")), \(n(s.warnings, "warning")), \(n(s.infos, "info"))"
    }
}
