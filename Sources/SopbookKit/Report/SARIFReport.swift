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
            // §3.27.24: "unchanged" for a finding the baseline holds, "new" for one it does not. Code scanning
            // matches alerts by `partialFingerprints`; the state tells other viewers which results to act on.
            let state = report.baseline.map { _ in report.isKnown(i) ? "unchanged" : "new" }
            out += result(f, ruleIndex: index[f.rule], pathPrefix: pathPrefix, baselineState: state)
        }
        out += report.findings.isEmpty ? "]\n" : "\n      ]\n"
        out += "    }\n  ]\n}\n"
        return out
    }

    /// One result (§3.27): the finding's region, its notes as `relatedLocations` (§3.27.22), its fixes
    /// (§3.55: one `artifactChange` per file, each replacement a `deletedRegion` and its `insertedContent`)
    /// and its fingerprint under `partialFingerprints` (§3.27.17), which does not depend on the line.
    static func result(_ f: Finding, ruleIndex: Int?, pathPrefix: String, baselineState: String? = nil) -> String {
        let s = JSONReport.string
        var out = "        { \"ruleId\": \(s(f.rule)),"
        if let ruleIndex { out += " \"ruleIndex\": \(ruleIndex)," }
        out += " \"level\": \(s(level(f.severity))), \"message\": { \"text\": \(s(f.message)) },"
        out += " \"locations\": [ { \"physicalLocation\": \(physical(pathPrefix + f.file, f.location, f.end)) } ]"
        if !f.notes.isEmpty {
            let related = f.notes.enumerated().map { k, n in
                "{ \"id\": \(k + 1), \"physicalLocation\": \(physical(pathPrefix + n.file, n.location, nil)), \"message\": { \"text\": \(s(n.message)) } }"
            }
            out += ", \"relatedLocations\": [ \(related.joined(separator: ", ")) ]"
        }
        if !f.fixes.isEmpty {
            out += ", \"fixes\": [ \(f.fixes.map { fix($0, pathPrefix: pathPrefix) }.joined(separator: ", ")) ]"
        }
        out += ", \"partialFingerprints\": { \"sopbookFingerprint/v1\": \(s(f.fingerprint)) }"
        if let baselineState { out += ", \"baselineState\": \(s(baselineState))" }
        return out + " }"
    }

    static func physical(_ file: String, _ start: SourceLocation, _ end: SourceLocation?) -> String {
        "{ \"artifactLocation\": { \"uri\": \(JSONReport.string(uri(file))) }, \"region\": \(region(start, end)) }"
    }

    static func region(_ start: SourceLocation, _ end: SourceLocation?) -> String {
        var out = "{ \"startLine\": \(start.line), \"startColumn\": \(max(1, start.column))"
        if let end { out += ", \"endLine\": \(end.line), \"endColumn\": \(max(1, end.column))" }
        return out + " }"
    }

    static func fix(_ fix: Finding.Fix, pathPrefix: String) -> String {
        let s = JSONReport.string
        var files: [String] = []
        for r in fix.replacements where !files.contains(r.file) { files.append(r.file) }
        let changes = files.map { file in
            let replacements = fix.replacements.filter { $0.file == file }.map { r in
                "{ \"deletedRegion\": \(region(r.start, r.end)), \"insertedContent\": { \"text\": \(s(r.text)) } }"
            }
            return "{ \"artifactLocation\": { \"uri\": \(s(uri(pathPrefix + file))) }, \"replacements\": [ \(replacements.joined(separator: ", ")) ] }"
        }
        return "{ \"description\": { \"text\": \(s(fix.description)) }, \"artifactChanges\": [ \(changes.joined(separator: ", ")) ] }"
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
