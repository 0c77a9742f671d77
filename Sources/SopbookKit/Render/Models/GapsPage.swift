/// `gaps.mustache`: the findings by rule and by area, with the coverage of each area and two charts. With
/// a baseline, the findings by rule come in two parts, new first (what fails the check, and what a writer
/// should fix first), then those known from the baseline, and the baseline's fixed entries after them.
struct GapsPage: TemplateModel {
    struct Row: Hashable, Sendable {
        var finding: FindingItem
        var file: String
        var href: String?
        /// Held by the baseline.
        var known = false
    }

    struct RuleGroup: Hashable, Sendable {
        var rule: String
        var severity: String
        var summary: String
        var findings: [Row]
    }

    /// A list of rule groups under one heading: "By rule" without a baseline; "New findings" and "Known
    /// from the baseline" with one.
    struct RuleSection: Hashable, Sendable {
        var title: String
        /// The heading's anchor, and the prefix of its rules' anchors (`rule-broken-link`,
        /// `known-rule-broken-link`), so a rule in both parts has two distinct ids.
        var anchor: String?
        var rulePrefix: String
        /// Shown beside the title when there is a baseline; without one the heading has no count, as before.
        var count: Int?
        var hint: String?
        var empty: String?
        var rules: [RuleGroup]
    }

    /// The baseline's figures, when one is in use.
    struct Baseline: Hashable, Sendable {
        var known, new, fixed: Int
        var fixedEntries: [SopbookKit.Baseline.Entry]
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
    /// Every finding, by rule (what `rules` gives a theme that predates the baseline).
    var rules: [RuleGroup]
    var ruleSections: [RuleSection]
    var baseline: Baseline?
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
            "rules": .list(rules.map { Self.ruleValue($0, prefix: "rule-") }),
            "ruleSections": .list(ruleSections.map(Self.sectionValue)),
            "baseline": baseline.map(Self.baselineValue) ?? .bool(false),
            "areas": .list(areas.map(Self.areaValue)),
            "coverageChart": .text(coverageChart),
            "rulesChart": .text(rulesChart),
        ])
    }

    static func ruleValue(_ g: RuleGroup, prefix: String) -> TemplateValue {
        .object(["rule": .text(g.rule), "anchor": .text(prefix + g.rule), "severity": .text(g.severity), "count": .int(g.findings.count),
                 "summary": .text(g.summary), "findings": .list(g.findings.map(Self.rowValue))])
    }

    static func sectionValue(_ section: RuleSection) -> TemplateValue {
        // Absent values are false rather than missing: a missing name would be looked up in the page around.
        .object(["title": .text(section.title), "hasCount": .bool(section.count != nil), "count": .int(section.count ?? 0),
                 "anchor": section.anchor.map { .text($0) } ?? .bool(false), "hint": section.hint.map { .text($0) } ?? .bool(false),
                 "empty": .text(section.empty ?? ""),
                 "rules": .list(section.rules.map { ruleValue($0, prefix: section.rulePrefix) })])
    }

    static func baselineValue(_ b: Baseline) -> TemplateValue {
        .object(["known": .int(b.known), "new": .int(b.new), "fixed": .int(b.fixed), "hasFixed": .bool(!b.fixedEntries.isEmpty),
                 "fixedEntries": .list(b.fixedEntries.map { e in
                     .object(["rule": .text(e.rule), "process": .text(e.process), "subject": .text(e.subject),
                              "count": .int(e.count), "several": .bool(e.count > 1)])
                 })])
    }

    static func rowValue(_ r: Row) -> TemplateValue {
        var d: TemplateObject = ["file": .text(r.file), "line": .int(r.finding.line), "message": .text(r.finding.message),
                                          "rule": .text(r.finding.rule), "severity": .text(r.finding.severity), "known": .bool(r.known)]
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
