import Foundation

/// Turns a validated knowledge base into the pages of the site. Pure: returns files, writes nothing.
struct SiteRenderer {
    let kb: KnowledgeBase
    let report: Report
    let theme: Theme
    let today: CivilDate
    let strings: [String: String]
    let pages: [String]
    /// Area (first folder) of each procedure, and the areas in display order.
    let areaOf: [String]
    let areas: [String]
    let membersOfArea: [String: [Int]]

    init(kb: KnowledgeBase, report: Report, theme: Theme, today: CivilDate) {
        self.kb = kb
        self.report = report
        self.theme = theme
        self.today = today
        self.strings = Strings.table(for: kb.configuration.language)
        self.pages = kb.procedures.map { ContentPath.pagePath(forSource: $0.file) }
        let areaOf = kb.procedures.map { p in
            p.file.contains("/") ? String(p.file.split(separator: "/")[0]) : ""
        }
        self.areaOf = areaOf
        var members: [String: [Int]] = [:]
        for (i, a) in areaOf.enumerated() { members[a, default: []].append(i) }
        // Within an area, processes read in title order; areas in name order, loose files first.
        for (a, list) in members {
            members[a] = list.sorted { kb.procedures[$0].title.localizedStandardCompare(kb.procedures[$1].title) == .orderedAscending }
        }
        self.membersOfArea = members
        self.areas = members.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    func areaName(_ area: String) -> String {
        area.isEmpty ? (strings["general"] ?? "General") : area.prefix(1).uppercased() + area.dropFirst()
    }

    func areaAnchor(_ area: String) -> String {
        "area-" + (area.isEmpty ? "general" : Slugger.base(area))
    }

    /// Everything the layout needs: site title, strings, root prefix, and a sidebar bounded by one area.
    func baseContext(page: String, currentArea: String?, currentIndex: Int?) -> [String: Any] {
        let root = ContentPath.rootPrefix(forPage: page)
        let nav: [[String: Any]] = areas.map { area in
            let isCurrent = area == currentArea
            var entry: [String: Any] = ["name": areaName(area), "anchor": areaAnchor(area),
                                        "count": membersOfArea[area]?.count ?? 0, "current": isCurrent]
            if isCurrent {
                entry["processes"] = (membersOfArea[area] ?? []).map { i -> [String: Any] in
                    ["title": kb.procedures[i].title, "href": pages[i], "current": i == currentIndex]
                }
            }
            return entry
        }
        return ["siteTitle": kb.configuration.title, "language": kb.configuration.language,
                "strings": strings, "root": root, "nav": nav]
    }

    func statusLabel(_ status: ProcedureStatus) -> String {
        strings["status.\(status.rawValue)"] ?? status.rawValue
    }

    func processPage(_ i: Int, findings: [Finding]) -> String {
        let p = kb.procedures[i]
        let page = pages[i]
        var context = baseContext(page: page, currentArea: areaOf[i], currentIndex: i)
        var process: [String: Any] = [
            "title": p.title, "id": p.id, "status": p.status.rawValue, "statusLabel": statusLabel(p.status),
            "area": areaName(areaOf[i]), "areaAnchor": areaAnchor(areaOf[i]), "body": p.bodyHTML,
            "tags": p.tags, "hasTags": !p.tags.isEmpty,
        ]
        if let owner = p.owner { process["owner"] = owner }
        if let summary = p.summary, !summary.isEmpty { process["summary"] = summary }
        if let raci = p.raci {
            let rows: [(String, [String])] = [("responsible", raci.responsible), ("accountable", raci.accountable),
                                              ("consulted", raci.consulted), ("informed", raci.informed)]
            process["raci"] = ["rows": rows.map { key, roles -> [String: Any] in
                ["label": strings[key] ?? key, "hint": strings[key + "Hint"] ?? "", "roles": roles]
            }]
        }
        process["quality"] = p.quality.map { q -> [String: Any] in
            var d: [String: Any] = ["standard": q.standard]
            if let m = q.metric { d["metric"] = m }
            if let t = q.target { d["target"] = t }
            return d
        }
        process["hasQuality"] = !p.quality.isEmpty
        if let review = p.review {
            var r: [String: Any] = [:]
            if let last = review.last { r["last"] = last.description }
            if let due = review.due {
                r["next"] = due.description
                r["overdue"] = due < today
            }
            process["review"] = r
        }
        let mine = findings.map { f -> [String: Any] in
            ["severity": f.severity.rawValue, "rule": f.rule, "message": f.message, "line": f.location.line]
        }
        process["findings"] = mine
        process["hasFindings"] = !mine.isEmpty
        let backs = kb.backlinks[i].map { j -> [String: Any] in
            ["title": kb.procedures[j].title, "href": ContentPath.relativeURL(from: page, to: pages[j])]
        }
        process["backlinks"] = backs
        process["hasBacklinks"] = !backs.isEmpty
        let siblings = membersOfArea[areaOf[i]] ?? []
        if let pos = siblings.firstIndex(of: i) {
            if pos > 0 {
                let j = siblings[pos - 1]
                process["previous"] = ["title": kb.procedures[j].title, "href": ContentPath.relativeURL(from: page, to: pages[j])]
            }
            if pos + 1 < siblings.count {
                let j = siblings[pos + 1]
                process["next"] = ["title": kb.procedures[j].title, "href": ContentPath.relativeURL(from: page, to: pages[j])]
            }
        }
        context["process"] = process
        return theme.render("process", context)
    }

    func percent(_ part: Int, _ whole: Int) -> Int {
        whole == 0 ? 0 : Int((Double(part) * 100 / Double(whole)).rounded())
    }

    func homePage() -> String {
        var context = baseContext(page: "index.html", currentArea: nil, currentIndex: nil)
        let total = kb.processCount
        let withRaci = kb.procedures.filter { p in
            guard let r = p.raci else { return false }
            return !r.responsible.isEmpty && r.accountable.count == 1
        }.count
        context["coverage"] = [
            "processes": total,
            "ownedPercent": percent(report.summary.owned, total),
            "raciPercent": percent(withRaci, total),
            "qualityPercent": percent(kb.procedures.filter { !$0.quality.isEmpty }.count, total),
            "undocumentedSteps": report.summary.undocumentedSteps,
        ] as [String: Any]
        context["areas"] = areas.map { area -> [String: Any] in
            ["name": areaName(area), "anchor": areaAnchor(area),
             "processes": (membersOfArea[area] ?? []).map { i -> [String: Any] in
                 let p = kb.procedures[i]
                 var d: [String: Any] = ["title": p.title, "href": pages[i], "status": p.status.rawValue,
                                         "statusLabel": statusLabel(p.status)]
                 if let o = p.owner { d["owner"] = o }
                 if let s = p.summary, !s.isEmpty { d["summary"] = s }
                 return d
             }]
        }
        return theme.render("index", context)
    }

    func gapsPage() -> String {
        var context = baseContext(page: "gaps.html", currentArea: nil, currentIndex: nil)
        let s = report.summary
        context["summary"] = ["processes": s.processes, "errors": s.errors, "warnings": s.warnings, "infos": s.infos,
                              "undocumentedSteps": s.undocumentedSteps, "brokenLinks": s.brokenLinks] as [String: Any]
        context["unowned"] = kb.processCount - s.owned
        let pageOfFile = Dictionary(uniqueKeysWithValues: kb.procedures.indices.map { (kb.procedures[$0].file, pages[$0]) })
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        context["rules"] = RuleRegistry.all.compactMap { rule -> [String: Any]? in
            let id = type(of: rule).id
            guard let list = byRule[id], !list.isEmpty else { return nil }
            return ["rule": id, "severity": list[0].severity.rawValue, "count": list.count, "summary": type(of: rule).summary,
                    "findings": list.map { f -> [String: Any] in
                        var d: [String: Any] = ["file": f.file, "line": f.location.line, "message": f.message]
                        if let page = pageOfFile[f.file] { d["href"] = page }
                        return d
                    }]
        }
        return theme.render("gaps", context)
    }
}
