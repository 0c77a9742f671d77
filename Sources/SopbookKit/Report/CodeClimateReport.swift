/// GitLab's code quality report: a JSON array of issues in the subset of the Code Climate format that
/// GitLab documents (`description`, `check_name`, `fingerprint`, `severity`, `location.path`,
/// `location.lines.begin`). GitLab compares the report of a merge request with the target branch's by
/// fingerprint, so the fingerprint is the finding's baseline fingerprint (rule, process, subject: not the
/// line), and an issue keeps its identity when lines are added above it.
public enum CodeClimateReport {
    public static func render(_ report: Report, pathPrefix: String = "") -> String {
        let fingerprints = uniqueFingerprints(report.findings)
        var out = "["
        for (i, f) in report.findings.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += issue(f, fingerprint: fingerprints[i], known: report.isKnown(i), pathPrefix: pathPrefix)
        }
        return out + (report.findings.isEmpty ? "]\n" : "\n]\n")
    }

    /// One issue. A finding the baseline holds says so in its description, as the text report does;
    /// its fingerprint does not change, so GitLab still sees the same issue.
    static func issue(_ f: Finding, fingerprint: String, known: Bool, pathPrefix: String) -> String {
        let s = JSONReport.string
        let lines = lineRange(f)
        var out = "  { \"type\": \"issue\", \"engine_name\": \"sopbook\", \"check_name\": \(s(f.rule)),"
        out += " \"description\": \(s(known ? f.message + " (known)" : f.message)),"
        out += " \"severity\": \(s(severity(f.severity))), \"fingerprint\": \(s(fingerprint)),"
        out += " \"location\": { \"path\": \(s(pathPrefix + f.file)), \"lines\": { \"begin\": \(lines.begin), \"end\": \(lines.end) } } }"
        return out
    }

    /// GitLab counts issues of one fingerprint as one: two `TODO` steps of one process share their
    /// baseline fingerprint, so the second and later ones (in report order: file, line) get `-2`, `-3`….
    /// The first keeps the bare fingerprint, the one in `sopbook-baseline.json`.
    static func uniqueFingerprints(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { f in
            let base = f.fingerprint
            let n = (seen[base] ?? 0) + 1
            seen[base] = n
            return n == 1 ? base : base + "-\(n)"
        }
    }

    /// The lines the finding spans. Its end is just past the last character, so an end at column 1 of
    /// a later line means the range stops at the end of the line before.
    static func lineRange(_ f: Finding) -> (begin: Int, end: Int) {
        let begin = max(1, f.location.line)
        guard let end = f.end else { return (begin, begin) }
        let last = end.column <= 1 && end.line > begin ? end.line - 1 : end.line
        return (begin, max(begin, last))
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .info, .off: "info"
        }
    }
}
