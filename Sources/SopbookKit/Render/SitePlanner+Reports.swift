import Foundation

/// The models of the pages made from every process: the RACI matrix, the gap report and the search index.
extension SitePlanner {
    func raciPage() -> RaciPage {
        let columns = roles.roles.filter { r in !(r.responsible.isEmpty && r.accountable.isEmpty && r.consulted.isEmpty && r.informed.isEmpty) }
        let page = Shared("raci.html")
        let rows = layout.areas.flatMap { area in
            let anchor = layout.anchor(area)
            return (layout.membersOfArea[area] ?? []).map { RaciPage.Row(link: processLink($0, from: page), areaValue: anchor) }
        }
        return RaciPage(columns: columns.map { RaciPage.Column(name: $0.name, href: $0.page) },
                        areas: layout.areas.map { RaciPage.Area(name: areaName($0), value: layout.anchor($0)) },
                        rows: rows)
    }

    func gapsPage() -> GapsPage {
        let rows = report.findings.map(gapsRow)
        var byRule: [String: [GapsPage.Row]] = [:]
        var byArea: [String: [GapsPage.Row]] = [:]
        for (f, row) in zip(report.findings, rows) {
            byRule[f.rule, default: []].append(row)
            byArea[Layout.area(of: f.file), default: []].append(row)
        }
        let ruleGroups = RuleRegistry.all.compactMap { rule -> GapsPage.RuleGroup? in
            let id = type(of: rule).id
            guard let list = byRule[id], let first = list.first else { return nil }
            return GapsPage.RuleGroup(rule: id, severity: first.finding.severity, summary: type(of: rule).summary, findings: list)
        }
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
                        rules: ruleGroups, areas: areas, coverageChart: coverageChart, rulesChart: rulesChart)
    }

    private func gapsRow(_ f: Finding) -> GapsPage.Row {
        var href: String?
        if let i = kb.indexByFile[f.file] {
            href = kb.pages[i] + "#findings"
            if f.rule == "undocumented-step", let step = kb.procedures[i].steps.first(where: { $0.location.line == f.location.line }) {
                href = kb.pages[i] + "#" + step.anchor
            }
        } else {
            href = kb.unreadablePages[f.file].map { $0 + "#findings" }
        }
        return GapsPage.Row(finding: FindingItem(f), file: f.file, href: href)
    }

    func searchIndex() -> SearchIndex {
        let order = kb.procedures.indices.sorted { kb.pages[$0] < kb.pages[$1] }
        return SearchIndex(processes: order.map { summaries[$0].entry }, roles: roles.roles.map { SearchIndex.RoleEntry(name: $0.name, url: $0.page) })
    }
}
