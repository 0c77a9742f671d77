/// JUnit XML: one test case per file, a failure per error, so CI dashboards list broken processes.
/// An error the baseline holds is no failure (it does not fail the run either): it is listed with the
/// warnings in the test case's output, marked `(known)`.
public enum JUnitReport {
    public static func render(_ report: Report) -> String {
        let items = report.findings.indices.map { (finding: report.findings[$0], known: report.isKnown($0)) }
        let byFile = Dictionary(grouping: items, by: \.finding.file)
        let files = byFile.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let failures = items.filter { $0.finding.severity == .error && !$0.known }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"sopbook\" tests=\"\(max(files.count, 1))\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"sopbook check\" tests=\"\(max(files.count, 1))\" failures=\"\(failures)\">\n"
        if files.isEmpty { out += "    <testcase classname=\"sopbook\" name=\"knowledge base\"/>\n" }
        for file in files {
            let findings = byFile[file] ?? []
            out += "    <testcase classname=\"sopbook\" name=\"\(xml(file))\">\n"
            for (f, known) in findings where f.severity == .error && !known {
                out += "      <failure type=\"\(xml(f.rule))\" message=\"\(xml(f.message))\">\(xml(TextReport.line(f)))</failure>\n"
            }
            let others = findings.filter { $0.finding.severity != .error || $0.known }
            if !others.isEmpty {
                let lines = others.map { TextReport.line($0.finding, known: $0.known) }
                out += "      <system-out>\(xml(lines.joined(separator: "\n")))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Escapes for XML text and attributes, dropping characters XML 1.0 cannot carry.
    static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u.value < 0x20 && u != "\n" && u != "\t" && u != "\r" { out += "\u{FFFD}" }
                else if u.value == 0xFFFE || u.value == 0xFFFF { out += "\u{FFFD}" }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
