/// `gaps.mustache`: the findings by rule and by area, with the coverage of each area and two charts.
struct GapsPage: TemplateModel {
    struct Row: Hashable, Sendable {
        var finding: FindingItem
        var file: String
        var href: String?
    }

    struct RuleGroup: Hashable, Sendable {
        var rule: String
        var severity: String
        var summary: String
        var findings: [Row]
    }

    struct Area: Hashable, Sendable {
        var name: String
        var anchor: String
        var errors, warnings, infos: Int
        var coverage: Coverage
        var findings: [Row]
    }

    /// The report's figures this page shows.
    struct Figures: Hashable, Sendable {
        var processes, errors, warnings, infos, undocumentedSteps, brokenLinks: Int

        init(_ s: Report.Summary) {
            (processes, errors, warnings, infos) = (s.processes, s.errors, s.warnings, s.infos)
            (undocumentedSteps, brokenLinks) = (s.undocumentedSteps, s.brokenLinks)
        }
    }

    var summary: Figures
    var unowned: Int
    var rules: [RuleGroup]
    var areas: [Area]
    var coverageChart: String
    var rulesChart: String

    var templateValue: TemplateValue {
        let s = summary
        return .object([
            "summary": .object(["processes": .int(s.processes), "errors": .int(s.errors), "warnings": .int(s.warnings),
                                "infos": .int(s.infos), "undocumentedSteps": .int(s.undocumentedSteps),
                                "brokenLinks": .int(s.brokenLinks)]),
            "unowned": .int(unowned),
            "hasRules": .bool(!rules.isEmpty),
            "rules": .list(rules.map { g in
                .object(["rule": .text(g.rule), "severity": .text(g.severity), "count": .int(g.findings.count),
                         "summary": .text(g.summary), "findings": .list(g.findings.map(Self.rowValue))])
            }),
            "areas": .list(areas.map(Self.areaValue)),
            "coverageChart": .text(coverageChart),
            "rulesChart": .text(rulesChart),
        ])
    }

    static func rowValue(_ r: Row) -> TemplateValue {
        var d: [String: TemplateValue] = ["file": .text(r.file), "line": .int(r.finding.line), "message": .text(r.finding.message),
                                          "rule": .text(r.finding.rule), "severity": .text(r.finding.severity)]
        d.set("href", r.href)
        return .object(d)
    }

    static func areaValue(_ a: Area) -> TemplateValue {
        let c = a.coverage
        return .object(["name": .text(a.name), "anchor": .text(a.anchor), "count": .int(a.findings.count),
                        "errors": .int(a.errors), "warnings": .int(a.warnings), "infos": .int(a.infos),
                        "processes": .int(c.processes), "ownedPercent": .int(c.ownedPercent),
                        "raciPercent": .int(c.raciPercent), "qualityPercent": .int(c.qualityPercent),
                        "undocumented": .int(c.undocumented), "findings": .list(a.findings.map(rowValue)),
                        "hasFindings": .bool(!a.findings.isEmpty)])
    }
}
