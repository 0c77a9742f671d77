/// `impact --format json`: written by hand, like the JSON report, so that key order and bytes are stable.
/// Findings carry the JSON report's keys (version 2).
public enum ImpactJSON {
    public static let version = 1

    public static func render(_ report: ImpactReport) -> String {
        let s = JSONReport.string
        func revision(_ r: ImpactReport.Revision) -> String { "{ \"revision\": \(s(r.name)), \"commit\": \(r.commit.map(s) ?? "null") }" }
        func strings(_ list: [String]) -> String { "[" + list.map(s).joined(separator: ", ") + "]" }
        func parties(_ list: [ImpactReport.Party], _ key: String) -> String {
            array(list.map { "{ \(s(key)): \(s($0.name)), \"processes\": \(strings($0.processes)) }" })
        }
        var out = "{\n  \"version\": \(version),\n  \"base\": \(revision(report.base)),\n  \"head\": \(revision(report.head)),\n"
        out += "  \"contentPrefix\": \(s(report.contentPrefix)),\n  \"summary\": { \"processes\": \(report.processes.count)"
        for kind in ProcessChange.Kind.allCases { out += ", \(s(kind.rawValue)): \(report.processes.count { $0.kind == kind })" }
        out += ", \"newFindings\": \(report.newFindings.count), \"fixedFindings\": \(report.fixedFindings.count) },\n"
        out += "  \"processes\": \(array(report.processes.map(process))),\n"
        out += "  \"consult\": \(parties(report.consult, "role")),\n  \"inform\": \(parties(report.inform, "role")),\n"
        out += "  \"reread\": \(parties(report.reread, "person")),\n  \"firstRead\": \(parties(report.firstRead, "person")),\n"
        out += "  \"newFindings\": \(array(report.newFindings.map { JSONReport.fields($0) + " }" })),\n"
        out += "  \"fixedFindings\": \(array(report.fixedFindings.map { JSONReport.fields($0) + " }" })),\n"
        return out + "  \"notes\": \(strings(report.notes))\n}\n"
    }

    static func array(_ items: [String]) -> String {
        items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
    }

    static func process(_ c: ProcessChange) -> String {
        let s = JSONReport.string
        func strings(_ list: [String]) -> String { "[" + list.map(s).joined(separator: ", ") + "]" }
        var out = "{ \"kind\": \(s(c.kind.rawValue)), \"id\": \(s(c.id)), \"file\": \(s(c.file)), \"previousFile\": \(c.previousFile.map(s) ?? "null"),"
        out += " \"title\": \(s(c.title)), \"owner\": \(c.owner.map(s) ?? "null"),"
        out += " \"steps\": { \"count\": \(c.stepCount), \"added\": \(strings(c.stepsAdded)), \"removed\": \(strings(c.stepsRemoved)),"
        out += " \"reworded\": [\(c.stepsReworded.map { "{ \"from\": \(s($0.from)), \"to\": \(s($0.to)) }" }.joined(separator: ", "))] },"
        out += " \"roles\": [\(c.roles.map { "{ \"letter\": \(s($0.letter)), \"added\": \(strings($0.added)), \"removed\": \(strings($0.removed)) }" }.joined(separator: ", "))],"
        out += " \"quality\": { \"added\": \(strings(c.qualityAdded)), \"removed\": \(strings(c.qualityRemoved)) },"
        out += " \"fields\": [\(c.fields.map { "{ \"field\": \(s($0.field)), \"from\": \(s($0.from)), \"to\": \(s($0.to)) }" }.joined(separator: ", "))],"
        out += " \"textEdited\": \(c.textEdited), \"unreadable\": \(c.unreadable),"
        return out + " \"consult\": \(strings(c.consult)), \"inform\": \(strings(c.inform)) }"
    }
}
