/// SARIF 2.1.0, the format code-scanning services accept.
public enum SARIFReport {
    public static func render(_ report: Report, pathPrefix: String = "") -> String {
        let s = JSONReport.string
        var out = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
        out += "      \"tool\": { \"driver\": { \"name\": \"sopbook\", \"informationUri\": \"https://github.com/sopbook/sopbook\", \"rules\": ["
        let rules = RuleRegistry.all
        for (i, rule) in rules.enumerated() {
            let t = type(of: rule)
            out += i == 0 ? "\n" : ",\n"
            out += "        { \"id\": \(s(t.id)), \"shortDescription\": { \"text\": \(s(t.summary)) }, \"defaultConfiguration\": { \"level\": \(s(level(t.defaultSeverity))) } }"
        }
        out += "\n      ] } },\n      \"results\": ["
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { (type(of: $1).id, $0) })
        for (i, f) in report.findings.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "        { \"ruleId\": \(s(f.rule)),"
            if let ruleIndex = index[f.rule] { out += " \"ruleIndex\": \(ruleIndex)," }
            out += " \"level\": \(s(level(f.severity))), \"message\": { \"text\": \(s(f.message)) },"
            out += " \"locations\": [ { \"physicalLocation\": { \"artifactLocation\": { \"uri\": \(s(uri(pathPrefix + f.file))) },"
            out += " \"region\": { \"startLine\": \(f.location.line), \"startColumn\": \(max(1, f.location.column)) } } } ] }"
        }
        out += report.findings.isEmpty ? "]\n" : "\n      ]\n"
        out += "    }\n  ]\n}\n"
        return out
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        case .off: "none"
        }
    }

    static func uri(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { ContentPath.encodeSegment(String($0)) }.joined(separator: "/")
    }
}
