/// `file:line:col: severity: message [rule]`, each followed by its notes and fixes indented as a
/// compiler prints them (`  note: file:line:col: message`, `  fix: file:line:col-line:col: description`),
/// then one summary line: what a terminal and an editor read.
public enum TextReport {
    public static func render(_ report: Report) -> String {
        var out = ""
        for f in report.findings {
            out += line(f) + "\n"
            for detail in details(f) { out += detail + "\n" }
        }
        out += summaryLine(report.summary) + "\n"
        return out
    }

    public static func line(_ f: Finding) -> String {
        "\(f.file.oneLine):\(f.location.line):\(max(1, f.location.column)): \(f.severity.rawValue): \(f.message.oneLine) [\(f.rule)]"
    }

    /// The lines under a finding: a `note:` per note, then a `fix:` per replacement of each fix (the
    /// range replaced, from its start to just past its end, and the fix's description).
    public static func details(_ f: Finding) -> [String] {
        let notes = f.notes.map { "  note: \($0.file.oneLine):\($0.location.line):\(max(1, $0.location.column)): \($0.message.oneLine)" }
        let fixes = f.fixes.flatMap { fix in
            fix.replacements.enumerated().map { k, r in
                let range = "\(r.file.oneLine):\(r.start.line):\(max(1, r.start.column))-\(r.end.line):\(max(1, r.end.column))"
                let what = k == 0 ? fix.description.oneLine : "replace with `\(r.text.oneLine)`"
                return "  fix: \(range): \(what)"
            }
        }
        return notes + fixes
    }

    public static func summaryLine(_ s: Report.Summary) -> String {
        func n(_ count: Int, _ word: String) -> String {
            count == 1 ? "1 \(word)" : "\(count) \(word)\(word.hasSuffix("s") ? "es" : "s")"
        }
        return "\(n(s.processes, "process")) (\(s.owned) owned), \(n(s.steps, "step")) (\(s.undocumentedSteps) undocumented): "
            + "\(n(s.errors, "error")), \(n(s.warnings, "warning")), \(n(s.infos, "info"))"
    }
}
