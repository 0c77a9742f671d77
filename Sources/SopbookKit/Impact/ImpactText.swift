/// `impact --format text`: what a writer reads in a terminal before opening the pull request.
public enum ImpactText {
    public static func render(_ report: ImpactReport) -> String {
        let place = report.contentPrefix.isEmpty ? "" : " in \(report.contentPrefix)"
        var lines = ["Impact of \(report.head.label) against \(report.base.label)\(place): \(report.headline)"]
        if !report.processes.isEmpty { lines.append("") }
        for c in report.processes {
            let owner = c.owner.map { " (owner: \($0.oneLine))" } ?? ""
            lines.append("  \(c.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(c.file.oneLine)  \(c.title.oneLine)\(owner)")
            lines.append("           " + c.summaryParts.joined(separator: "; ").oneLine)
            lines += c.stepsAdded.map { "           + step: \($0.oneLine)" } + c.stepsRemoved.map { "           − step: \($0.oneLine)" }
            lines += c.stepsReworded.map { "           ~ step: \($0.from.oneLine) → \($0.to.oneLine)" }
        }
        let audience = report.audience
        if audience.contains(where: { !$0.1.isEmpty }) { lines.append("") }
        for (title, parties) in audience where !parties.isEmpty {
            lines.append("\(title): " + parties.map { "\($0.name.oneLine) (\($0.processes.joined(separator: ", ").oneLine))" }.joined(separator: "; "))
        }
        if !report.newFindings.isEmpty { lines += ["", "New findings:"] + report.newFindings.map(TextReport.line) }
        if !report.fixedFindings.isEmpty { lines += ["", "Fixed findings:"] + report.fixedFindings.map(TextReport.line) }
        lines += report.notes.map { "note: \($0)" }
        lines.append(report.findingsLine)
        return lines.joined(separator: "\n") + "\n"
    }
}
