/// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
///
/// Findings a baseline holds are left out, and one notice says how many there are. An annotation marks
/// the pull request's files as something to act on, and known findings are not what the pull request
/// changed; GitHub also shows only the first few annotations of each level per step, so hundreds of known
/// ones as notices would push the new errors out of sight. The JSON and SARIF reports still list them.
public enum GitHubReport {
    public static func render(_ report: Report, contentPrefix: String = "") -> String {
        var out = ""
        for (i, f) in report.findings.enumerated() where !report.isKnown(i) {
            let level = switch f.severity {
            case .error: "error"
            case .warning: "warning"
            default: "notice"
            }
            out += "::\(level) file=\(property(contentPrefix + f.file)),line=\(f.location.line)"
            if let end = f.end { out += ",endLine=\(end.line)" }
            out += ",col=\(max(1, f.location.column))"
            // The toolkit accepts `endColumn` only on a one-line annotation.
            if let end = f.end, end.line == f.location.line { out += ",endColumn=\(max(1, end.column))" }
            out += ",title=\(property(f.rule))::\(data(f.message))\n"
        }
        if let baseline = report.baseline {
            out += "::notice title=\(property("sopbook baseline"))::\(data(TextReport.baselineLine(baseline)))\n"
        }
        out += TextReport.summary(report) + "\n"
        return out
    }

    // The escapes of the workflow command syntax (actions/toolkit, command.ts).
    static func data(_ s: String) -> String {
        s.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    static func property(_ s: String) -> String {
        data(s).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
