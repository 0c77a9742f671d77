import Foundation

/// The models of the pages made from every process: the RACI matrix, the gap report and the search index.
extension SitePlanner {
    /// On a split site (`Layout.splitAbove`), `raci.html` lists the areas, and each area has its own matrix
    /// with the roles it uses.
    func raciJobs() -> [PageJob] {
        // The areas each role holds a letter in, made once for every matrix and its key.
        let roleAreas = Lazy { roles.roles.map { r in Set([r.responsible, r.accountable, r.consulted, r.informed].joined().map { layout.areaOf[$0] }) } }
        guard layout.splitsLists else { return [page("raci.html", "raci", raciPage(layout.areas, path: "raci.html", roleAreas: roleAreas.value))] }
        return [page("raci.html", "raci", RaciPage(columns: [], areas: [], rows: [], parts: areaParts("raci")))]
            + layout.areas.map { area in
                let path = layout.areaPage("raci", area)
                let inputs: @Sendable () -> Int = {
                    self.inputs("raci", members: layout.membersOfArea[area] ?? [], facts: .link) { h in
                        [areaName(area), layout.anchor(area)].hash(into: &h)
                        raciColumns([area], roleAreas: roleAreas.value).hash(into: &h)
                    }
                }
                return deferredPage(path, "raci", inputs: inputs) {
                    raciPage([area], path: path, title: areaName(area), roleAreas: roleAreas.value)
                }
            }
    }

    /// The roles that hold a letter for a process of one of `areas`: the columns of their matrix.
    /// `roleAreas` holds, for each role, the areas of the processes it holds a letter for.
    func raciColumns(_ areas: [String], roleAreas: [Set<String>]) -> [RaciPage.Column] {
        zip(roles.roles, roleAreas).filter { !$0.1.isDisjoint(with: areas) }.map { RaciPage.Column(name: $0.0.name, href: $0.0.page) }
    }

    /// The areas' pages of the split list `list`, for its own page.
    func areaParts(_ list: String) -> [AreaPart] {
        layout.areas.map { AreaPart(name: areaName($0), href: layout.areaPage(list, $0), count: layout.membersOfArea[$0]?.count ?? 0) }
    }

    /// The matrix of the processes of `areas`, with the roles that hold a letter in any of them.
    func raciPage(_ areas: [String], path: String, title: String? = nil, roleAreas: [Set<String>]) -> RaciPage {
        let page = Shared(path)
        let rows = areas.flatMap { area in
            let anchor = layout.anchor(area)
            return (layout.membersOfArea[area] ?? []).map { RaciPage.Row(link: processLink($0, from: page), areaValue: anchor) }
        }
        return RaciPage(columns: raciColumns(areas, roleAreas: roleAreas),
                        areas: areas.map { RaciPage.Area(name: areaName($0), value: layout.anchor($0)) },
                        rows: rows, areaTitle: title)
    }

    func gapsPage() -> GapsPage {
        var rows = report.findings.map(gapsRow)
        var byArea: [String: [GapsPage.Row]] = [:]
        for i in rows.indices {
            rows[i].known = report.isKnown(i)
            byArea[Layout.area(of: report.findings[i].file), default: []].append(rows[i])
        }
        let ruleGroups = Self.ruleGroups(rows)
        let findingAreas = Set(byArea.keys).union(layout.areas).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        let areas = findingAreas.map { area in
            let list = byArea[area] ?? []
            return GapsPage.Area(name: areaName(area), anchor: "gaps-" + layout.anchor(area),
                                 errors: list.filter { $0.finding.severity == "error" }.count,
                                 warnings: list.filter { $0.finding.severity == "warning" }.count,
                                 infos: list.filter { $0.finding.severity == "info" }.count,
                                 coverage: coverage(of: layout.membersOfArea[area] ?? []), findings: list)
        }
        let coverageChart = Charts.coverageByArea(layout.areas.map { area in
            let c = coverage(of: layout.membersOfArea[area] ?? [])
            return (areaName(area), [c.ownedPercent, c.raciPercent, c.qualityPercent])
        }, series: [s("withOwner"), s("withRaci"), s("withQuality")], title: s("coverageByArea"))
        let rulesChart = Charts.bars(ruleGroups.map { ($0.rule, $0.findings.count, $0.severity) }, title: s("findingsByRule"))
        return GapsPage(summary: GapsPage.Figures(report.summary), unowned: kb.processCount - report.summary.owned,
                        rules: ruleGroups, ruleSections: ruleSections(rows, all: ruleGroups),
                        baseline: report.baseline.map { GapsPage.Baseline(known: $0.known, new: $0.new, fixed: $0.fixedCount, fixedEntries: $0.fixed) },
                        areas: areas, coverageChart: coverageChart, rulesChart: rulesChart)
    }

    /// The rows grouped by rule, in the order of the rule table.
    static func ruleGroups(_ rows: [GapsPage.Row]) -> [GapsPage.RuleGroup] {
        let byRule = Dictionary(grouping: rows, by: \.finding.rule)
        return RuleRegistry.all.compactMap { rule -> GapsPage.RuleGroup? in
            let id = type(of: rule).id
            guard let list = byRule[id], let first = list.first else { return nil }
            return GapsPage.RuleGroup(rule: id, severity: first.finding.severity, summary: type(of: rule).summary, findings: list)
        }
    }

    /// One section of every rule without a baseline; with one, the new findings then the known.
    func ruleSections(_ rows: [GapsPage.Row], all: [GapsPage.RuleGroup]) -> [GapsPage.RuleSection] {
        guard let baseline = report.baseline else {
            return [GapsPage.RuleSection(title: s("byRule"), anchor: nil, rulePrefix: "rule-", count: nil, hint: nil, empty: nil, rules: all)]
        }
        return [
            GapsPage.RuleSection(title: s("newFindings"), anchor: "new", rulePrefix: "rule-", count: baseline.new,
                                 hint: s("newFindingsHint"), empty: s("noNewFindings"), rules: Self.ruleGroups(rows.filter { !$0.known })),
            GapsPage.RuleSection(title: s("knownFindings"), anchor: "known", rulePrefix: "known-rule-", count: baseline.known,
                                 hint: s("knownFindingsHint"), empty: s("noKnownFindings"), rules: Self.ruleGroups(rows.filter(\.known))),
        ]
    }

    private func gapsRow(_ f: Finding) -> GapsPage.Row {
        GapsPage.Row(finding: FindingItem(f), file: f.file, href: gapsHref(f))
    }

    /// Where the gap report links a finding to: its step, or the findings of its page.
    func gapsHref(_ f: Finding) -> String? {
        guard let i = kb.indexByFile[f.file] else { return kb.unreadablePages[f.file].map { $0 + "#findings" } }
        if f.rule == "undocumented-step", let step = kb.procedures[i].steps.first(where: { $0.location.line == f.location.line }) {
            return kb.pages[i] + "#" + step.anchor
        }
        return kb.pages[i] + "#findings"
    }

    /// What `gapsPage` reads: the report, where each finding links to, and each area's name and coverage.
    /// An area's coverage is keyed by what it counts of each of its processes.
    func gapsInputs() -> Int {
        inputs("gaps", members: [Int](), facts: .none) { h in
            h.combine(report)
            for f in report.findings { h.combine(gapsHref(f)) }
            h.combine(kb.processCount)
            for area in layout.areas {
                h.combine(inputs("gaps area", members: layout.membersOfArea[area] ?? [], facts: .counts) {
                    [area, areaName(area), layout.anchor(area)].hash(into: &$0)
                })
            }
        }
    }

    func searchIndexJobs() -> [PageJob] {
        // Retired SOPs last, so that even a script that keeps the index's order lists them after the current ones.
        let order = kb.procedures.indices.sorted { a, b in
            let (ra, rb) = (kb.procedures[a].status == .retired, kb.procedures[b].status == .retired)
            return ra != rb ? rb : kb.pages[a] < kb.pages[b]
        }
        return SearchIndex.jobs(processes: order.map { summaries[$0].entry }, roles: roles.roles.map { SearchIndex.RoleEntry(name: $0.name, url: $0.page) })
    }
}
