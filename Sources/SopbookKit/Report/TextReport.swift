/// `file:line:col: severity: message [rule]`, each followed by its notes and fixes indented as a
/// compiler prints them (`  note: file:line:col: message`, `  fix: file:line:col-line:col: description`),
/// then one summary line: what a terminal and an editor read. With a baseline, findings it holds end in
/// ` (known)` and come first, and a second summary line counts known, new and fixed findings.
public enum TextReport {
    public static func render(_ report: Report) -> String {
        // Each finding's lines made on every core, in chunks: a build printed thousands of findings on one
        // core after both had written the site.
        Parallel.map(report.knownFirst, chunk: 256) { entry in
            ([line(entry.finding, known: entry.known)] + details(entry.finding)).map { $0 + "\n" }.joined()
        }.joined() + summary(report) + "\n"
    }

    /// Each finding's line and the lines under it. Known findings come first so that the new ones, which
    /// fail the run, end up next to the summary: the part of a long log a terminal or a CI page shows.
    public static func findingLines(_ report: Report) -> [String] {
        report.knownFirst.flatMap { [line($0.finding, known: $0.known)] + details($0.finding) }
    }

    /// After `[rule]`, so the line still reads `file:line:col: severity: message [rule]` to a parser that
    /// does not anchor the end, while one that does skips it: known findings are not to act on.
    public static let knownMark = " (known)"

    public static func line(_ f: Finding) -> String { line(f, known: false) }

    public static func line(_ f: Finding, known: Bool) -> String {
        "\(f.file.oneLine):\(f.location.line):\(max(1, f.location.column)): \(f.severity.rawValue): \(f.message.oneLine) [\(f.rule)]"
            + (known ? knownMark : "")
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

    /// The summary line, and the baseline's line under it when one is in use.
    public static func summary(_ report: Report) -> String {
        summaryLine(report.summary) + (report.baseline.map { "\n" + baselineLine($0) } ?? "")
    }

    /// "412 known findings from the baseline (not failing); 2 new; 3 fixed since the baseline — run
    /// `sopbook baseline` to shrink it".
    public static func baselineLine(_ c: BaselineComparison) -> String {
        let known = c.known == 1 ? "1 known finding" : "\(c.known) known findings"
        var line = "\(known) from the baseline (not failing); \(c.new) new; \(c.fixedCount) fixed since the baseline"
        if c.fixedCount > 0 { line += " — run `sopbook baseline` to shrink it" }
        return line
    }

    public static func summaryLine(_ s: Report.Summary) -> String {
        func n(_ count: Int, _ word: String) -> String {
            count == 1 ? "1 \(word)" : "\(count) \(word)\(word.hasSuffix("s") ? "es" : "s")"
        }
        return "\(n(s.processes, "process")) (\(s.owned) owned), \(n(s.steps, "step")) (\(s.undocumentedSteps) undocumented): "
            + "\(n(s.errors, "error")), \(n(s.warnings, "warning")), \(n(s.infos, "info"))"
    }
}
