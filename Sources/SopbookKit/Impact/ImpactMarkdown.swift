/// `impact --format markdown`: a pull-request comment. The first line is a marker the action finds to
/// update its one comment instead of adding another; then a short summary a reviewer reads at a glance;
/// the details are folded (`<details>`, which GitHub and GitLab both render). Every value from the
/// content is escaped so that a title cannot break a table or inject HTML, and long lists are cut to
/// stay well under GitHub's 65,536-character limit on a comment.
public enum ImpactMarkdown {
    public static let marker = "<!-- sopbook-impact -->"
    /// Rows shown per list before "… and N more".
    static let limit = 50

    public static func render(_ report: ImpactReport) -> String {
        var out = [marker, "### 📋 SOP impact: \(escape(report.headline))", ""]
        out.append(report.newFindings.isEmpty ? "✅ No new findings." + (report.fixedFindings.isEmpty ? "" : " \(report.fixedFindings.count) fixed.")
                   : "❌ **\(escape(report.findingsLine))**")
        out.append("")
        let audience = report.audience
        for (title, parties) in audience where !parties.isEmpty {
            out.append("- **\(title):** " + capped(parties.map { escape($0.name) }, separator: ", "))
        }
        if audience.contains(where: { !$0.1.isEmpty }) { out.append("") }
        out += processes(report)
        out += steps(report)
        out += parties(report)
        out += findings("New findings", report.newFindings, report: report, open: report.newFindings.contains { $0.severity == .error })
        out += findings("Fixed findings", report.fixedFindings, report: report, open: false)
        out += report.notes.map { "> **Note:** \(escape($0))\n" }
        out.append("<sub>Compared \(escape(report.head.label)) with \(escape(report.base.label)) by <code>sopbook impact</code>.</sub>")
        return out.joined(separator: "\n") + "\n"
    }

    /// A folded section. The blank lines around the body let Markdown inside it render.
    static func fold(_ summary: String, _ body: [String], open: Bool = false) -> [String] {
        ["<details\(open ? " open" : "")><summary><b>\(summary)</b></summary>", ""] + body + ["", "</details>", ""]
    }

    static func processes(_ report: ImpactReport) -> [String] {
        guard !report.processes.isEmpty else { return [] }
        var rows = ["| Change | Process | Owner | What changed |", "|---|---|---|---|"]
        for c in report.processes.prefix(limit) {
            let path = code(report.contentPrefix + c.file, inTable: true)
            rows.append("| \(c.kind.rawValue) | **\(escape(c.title))**<br>\(path) | \(c.owner.map(escape) ?? "—") | "
                        + c.summaryParts.map(escape).joined(separator: "<br>") + " |")
        }
        if report.processes.count > limit { rows += ["", "… and \(report.processes.count - limit) more."] }
        return fold("Processes (\(report.processes.count))", rows, open: true)
    }

    static func steps(_ report: ImpactReport) -> [String] {
        let changed = report.processes.filter { !$0.stepsAdded.isEmpty || !$0.stepsRemoved.isEmpty || !$0.stepsReworded.isEmpty }
        guard !changed.isEmpty else { return [] }
        var lines: [String] = []
        for c in changed.prefix(limit) {
            lines.append("**\(escape(c.title))**")
            lines.append("")
            lines += c.stepsAdded.prefix(limit).map { "- ➕ \(escape($0))" }
            lines += c.stepsRemoved.prefix(limit).map { "- ➖ ~~\(escape($0))~~" }
            lines += c.stepsReworded.prefix(limit).map { "- ✏️ ~~\(escape($0.from))~~ → \(escape($0.to))" }
            lines.append("")
        }
        return fold("Step changes", lines)
    }

    static func parties(_ report: ImpactReport) -> [String] {
        let groups = report.audience
        guard groups.contains(where: { !$0.1.isEmpty }) else { return [] }
        var rows = ["| | Who | Processes |", "|---|---|---|"]
        for (title, parties) in groups {
            for party in parties.prefix(limit) {
                rows.append("| \(title) | \(escape(party.name)) | " + capped(party.processes.map { code($0, inTable: true) }, separator: ", ") + " |")
            }
        }
        return fold("Who to consult, inform and train", rows)
    }

    static func findings(_ title: String, _ findings: [Finding], report: ImpactReport, open: Bool) -> [String] {
        guard !findings.isEmpty else { return [] }
        var lines = findings.prefix(limit).map { f in
            "- **\(f.severity.rawValue)** \(code("\(report.contentPrefix)\(f.file):\(f.location.line)")) \(message(f.message)) (\(code(f.rule)))"
        }
        if findings.count > limit { lines.append("- … and \(findings.count - limit) more: run `sopbook impact` to see them all.") }
        return fold("\(title) (\(findings.count))", lines, open: open)
    }

    static func capped(_ items: [String], separator: String) -> String {
        items.count > limit ? items.prefix(limit).joined(separator: separator) + "\(separator)… (\(items.count - limit) more)"
            : items.joined(separator: separator)
    }

    /// Text from the content as Markdown that renders as that text: the punctuation that can start inline
    /// markup anywhere in a line is backslash-escaped (CommonMark allows it before any punctuation; `$` is
    /// GitHub's math), line breaks become spaces, and `|` is escaped for table cells. What only means
    /// something at the start of a line (`#`, `-`, `1.`) is safe: these values never start one.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "$":
                out.append("\\")
                out.append(ch)
            case "\n", "\r", "\r\n", "\t": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    /// A finding's message: its `code` spans kept as code spans, the text between them escaped.
    static func message(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count % 2 == 1 else { return escape(text) }
        return parts.enumerated().map { $0.offset % 2 == 0 ? escape(String($0.element)) : code(String($0.element)) }.joined()
    }

    /// A code span long enough to hold any run of backticks in `text`; in a table cell, `|` escaped (GFM
    /// splits cells before it reads code spans, and takes `\|` back to `|` there; elsewhere it would stay).
    static func code(_ text: String, inTable: Bool = false) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        var longest = 0, run = 0
        for ch in flat { run = ch == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = flat.hasPrefix("`") || flat.hasSuffix("`") ? " \(flat) " : flat
        return fence + (inTable ? padded.replacingOccurrences(of: "|", with: "\\|") : padded) + fence
    }
}
