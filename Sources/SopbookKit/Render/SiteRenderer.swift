import Foundation

/// Turns a validated knowledge base into the pages of the site. Pure: returns text, writes nothing.
struct SiteRenderer {
    let kb: KnowledgeBase
    let report: Report
    let theme: Theme
    let today: CivilDate
    let history: GitHistory
    let roles: RoleIndex
    let strings: [String: String]
    let pages: [String]
    /// Area (first folder) of each procedure, and the areas in display order.
    let areaOf: [String]
    let areas: [String]
    let membersOfArea: [String: [Int]]
    /// Processes of each folder, for the sidebar: bounded by a folder, not by the whole knowledge base.
    let membersOfFolder: [String: [Int]]
    let rolePages: [String: String]
    /// The sidebar list of each folder, rendered once and shared by the folder's pages: rendering it for
    /// every page made the sidebar most of the build's time.
    let folderLists: [String: String]
    /// Display names of the areas, computed once.
    let areaNames: [String: String]

    init(kb: KnowledgeBase, report: Report, theme: Theme, today: CivilDate, history: GitHistory) {
        self.kb = kb
        self.report = report
        self.theme = theme
        self.today = today
        self.history = history
        self.roles = RoleIndex(knowledgeBase: kb)
        self.strings = Strings.table(for: kb.configuration.language)
        self.pages = kb.pages
        let areaOf = kb.procedures.map { p in
            p.file.contains("/") ? String(p.file.split(separator: "/")[0]) : ""
        }
        self.areaOf = areaOf
        func byTitle(_ list: [Int]) -> [Int] {
            list.sorted {
                let order = kb.procedures[$0].title.localizedStandardCompare(kb.procedures[$1].title)
                return order == .orderedSame ? $0 < $1 : order == .orderedAscending
            }
        }
        var members: [String: [Int]] = [:]
        var folders: [String: [Int]] = [:]
        for (i, a) in areaOf.enumerated() {
            members[a, default: []].append(i)
            folders[SiteRenderer.folder(of: kb.procedures[i].file), default: []].append(i)
        }
        self.membersOfArea = members.mapValues(byTitle)
        self.membersOfFolder = folders.mapValues(byTitle)
        self.areas = members.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        self.rolePages = Dictionary(uniqueKeysWithValues: roles.roles.map { ($0.name, "roles/\($0.slug).html") })
        let general = strings["general"] ?? "General"
        self.areaNames = Dictionary(uniqueKeysWithValues: areas.map { ($0, SiteRenderer.areaName($0, general: general)) })
        var lists: [String: String] = [:]
        for (folder, members) in membersOfFolder {
            // Pages of one folder are siblings: the link to each is its file name.
            let items = members.map { i -> [String: Any] in
                ["index": i, "title": kb.procedures[i].title,
                 "href": ContentPath.encodeSegment(String(kb.pages[i].split(separator: "/").last ?? ""))]
            }
            lists[folder] = theme.render("sidebar-folder", ["processes": items])
        }
        self.folderLists = lists
    }

    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[..<slash])
    }

    func s(_ key: String) -> String { strings[key] ?? key }

    func areaName(_ area: String) -> String {
        areaNames[area] ?? SiteRenderer.areaName(area, general: s("general"))
    }

    static func areaName(_ area: String, general: String) -> String {
        if area.isEmpty { return general }
        let words = area.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        // Short folder names are acronyms more often than words: "hr", "it", "qa".
        if words.count <= 2 { return words.uppercased() }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    func areaAnchor(_ area: String) -> String {
        "area-" + (area.isEmpty ? "general" : Slugger.base(area))
    }

    func link(_ from: String, _ to: String) -> String {
        ContentPath.relativeURL(from: from, to: to)
    }

    /// Everything the layout needs: site title, strings, root prefix, and a sidebar bounded by one folder.
    func baseContext(page: String, currentIndex: Int?, section: String) -> [String: Any] {
        let root = ContentPath.rootPrefix(forPage: page)
        let currentArea = currentIndex.map { areaOf[$0] }
        let currentFolder = currentIndex.map { SiteRenderer.folder(of: kb.procedures[$0].file) }
        let nav: [[String: Any]] = areas.map { area in
            let isCurrent = area == currentArea
            var entry: [String: Any] = ["name": areaName(area), "href": "index.html#" + areaAnchor(area),
                                        "count": membersOfArea[area]?.count ?? 0, "current": isCurrent]
            if isCurrent, let folder = currentFolder, let list = folderLists[folder], let current = currentIndex {
                entry["folderList"] = list.replacingFirst("data-item=\"\(current)\"><a ",
                                                          with: "data-item=\"\(current)\" class=\"current\"><a aria-current=\"page\" ")
            }
            return entry
        }
        return ["siteTitle": kb.configuration.title, "language": kb.configuration.language,
                "strings": strings, "root": root, "nav": nav, "section": section,
                "isHome": section == "home", "isRoles": section == "roles", "isRaci": section == "raci", "isGaps": section == "gaps"]
    }

    func statusLabel(_ status: ProcedureStatus) -> String {
        s("status.\(status.rawValue)")
    }

    func roleLinks(_ names: [String], from page: String) -> [[String: Any]] {
        names.map { name in
            var d: [String: Any] = ["name": name]
            if let target = rolePages[name] { d["href"] = link(page, target) }
            return d
        }
    }

    func processLink(_ i: Int, from page: String) -> [String: Any] {
        let p = kb.procedures[i]
        var d: [String: Any] = ["title": p.title, "href": link(page, pages[i]), "status": p.status.rawValue,
                                "statusLabel": statusLabel(p.status), "area": areaName(areaOf[i]),
                                "isActive": p.status == .active]
        if let o = p.owner { d["owner"] = o }
        if let sm = p.summary, !sm.isEmpty { d["summary"] = sm }
        return d
    }

    // MARK: Process page

    func processPage(_ i: Int, findings: [Finding]) -> String {
        let p = kb.procedures[i]
        let page = pages[i]
        var context = baseContext(page: page, currentIndex: i, section: "process")
        var process: [String: Any] = [
            "title": p.title, "id": p.id, "status": p.status.rawValue, "statusLabel": statusLabel(p.status),
            "isActive": p.status == .active,
            "area": areaName(areaOf[i]), "areaHref": link(page, "index.html") + "#" + areaAnchor(areaOf[i]),
            "body": p.bodyHTML, "tags": p.tags, "hasTags": !p.tags.isEmpty,
            "stepCount": p.steps.count,
            "undocumentedCount": p.steps.filter(\.isUndocumented).count,
            "hasUndocumented": p.steps.contains(where: \.isUndocumented),
        ]
        if let owner = p.owner { process["owner"] = roleLinks([owner], from: page)[0] }
        if let summary = p.summary, !summary.isEmpty { process["summary"] = summary }
        if let raci = p.raci {
            let rows: [(String, String, [String])] = [("R", "responsible", raci.responsible), ("A", "accountable", raci.accountable),
                                                      ("C", "consulted", raci.consulted), ("I", "informed", raci.informed)]
            process["raci"] = ["rows": rows.map { letter, key, names -> [String: Any] in
                ["letter": letter, "label": s(key), "hint": s(key + "Hint"), "roles": roleLinks(names, from: page),
                 "empty": names.isEmpty]
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
            if let every = review.every { r["every"] = every.description }
            if let due = review.due {
                r["next"] = due.description
                r["overdue"] = due < today
            }
            process["review"] = r
        }
        if let change = history.lastChange[p.file] {
            process["lastChanged"] = ["date": change.date, "author": change.author]
        }
        if let base = kb.configuration.editURL, base.lowercased().hasPrefix("http://") || base.lowercased().hasPrefix("https://") {
            let path = p.file.split(separator: "/").map { ContentPath.encodeSegment(String($0)) }.joined(separator: "/")
            process["editURL"] = (base.hasSuffix("/") ? base : base + "/") + path
        }
        let mine = findings.map { f -> [String: Any] in
            ["severity": f.severity.rawValue, "rule": f.rule, "message": f.message, "line": f.location.line]
        }
        process["findings"] = mine
        process["hasFindings"] = !mine.isEmpty
        let backs = kb.backlinks[i].map { processLink($0, from: page) }
        process["backlinks"] = backs
        process["hasBacklinks"] = !backs.isEmpty
        let siblings = membersOfFolder[SiteRenderer.folder(of: p.file)] ?? []
        if let pos = siblings.firstIndex(of: i) {
            if pos > 0 { process["previous"] = processLink(siblings[pos - 1], from: page) }
            if pos + 1 < siblings.count { process["next"] = processLink(siblings[pos + 1], from: page) }
        }
        context["process"] = process
        return theme.render("process", context)
    }

    // MARK: Home

    func percent(_ part: Int, _ whole: Int) -> Int {
        whole == 0 ? 0 : Int((Double(part) * 100 / Double(whole)).rounded())
    }

    static func raciComplete(_ p: Procedure) -> Bool {
        guard let r = p.raci else { return false }
        return !r.responsible.isEmpty && r.accountable.count == 1
    }

    struct Coverage {
        var processes = 0, owned = 0, raci = 0, quality = 0, steps = 0, undocumented = 0
    }

    func coverage(of indices: [Int]) -> Coverage {
        var c = Coverage()
        for i in indices {
            let p = kb.procedures[i]
            c.processes += 1
            if p.owner != nil { c.owned += 1 }
            if SiteRenderer.raciComplete(p) { c.raci += 1 }
            if !p.quality.isEmpty { c.quality += 1 }
            c.steps += p.steps.count
            c.undocumented += p.steps.filter(\.isUndocumented).count
        }
        return c
    }

    func homePage() -> String {
        var context = baseContext(page: "index.html", currentIndex: nil, section: "home")
        let total = kb.processCount
        let c = coverage(of: Array(kb.procedures.indices))
        context["coverage"] = [
            "processes": total, "steps": c.steps,
            "ownedPercent": percent(c.owned, total), "raciPercent": percent(c.raci, total),
            "qualityPercent": percent(c.quality, total), "undocumentedSteps": c.undocumented,
        ] as [String: Any]
        context["areas"] = areas.map { area -> [String: Any] in
            ["name": areaName(area), "anchor": areaAnchor(area),
             "processes": (membersOfArea[area] ?? []).map { processLink($0, from: "index.html") }]
        }
        let roleChips = roles.roles.filter { !$0.path.isEmpty }.map { r -> [String: Any] in
            ["name": r.name, "href": "roles/\(r.slug).html", "count": r.path.count]
        }
        context["roles"] = roleChips
        context["hasRoles"] = !roleChips.isEmpty
        context["unreadable"] = kb.unreadable.map { ["file": $0.file, "href": kb.unreadablePages[$0.file] ?? "gaps.html"] }
        context["hasUnreadable"] = !kb.unreadable.isEmpty
        return theme.render("index", context)
    }

    // MARK: Roles

    func rolesIndexPage() -> String {
        var context = baseContext(page: "roles.html", currentIndex: nil, section: "roles")
        context["roles"] = roles.roles.map { r -> [String: Any] in
            var d: [String: Any] = ["name": r.name, "href": "roles/\(r.slug).html", "owns": r.owns.count,
                                    "accountable": r.accountable.count, "responsible": r.responsible.count,
                                    "consulted": r.consulted.count, "informed": r.informed.count]
            if let desc = kb.configuration.roleDescriptions[r.name] { d["description"] = desc }
            return d
        }
        return theme.render("roles", context)
    }

    func rolePage(_ role: RoleIndex.Entry) -> (String, String) {
        let page = "roles/\(role.slug).html"
        var context = baseContext(page: page, currentIndex: nil, section: "roles")
        let (r, a, c, inf, owns) = (Set(role.responsible), Set(role.accountable), Set(role.consulted), Set(role.informed), Set(role.owns))
        func letters(_ i: Int) -> String {
            var l: [String] = []
            if r.contains(i) { l.append("R") }
            if a.contains(i) { l.append("A") }
            if c.contains(i) { l.append("C") }
            if inf.contains(i) { l.append("I") }
            return l.joined(separator: "/")
        }
        func group(_ key: String, _ list: [Int]) -> [String: Any] {
            ["label": s(key), "hint": s(key + "Hint"), "processes": list.map { processLink($0, from: page) }, "count": list.count,
             "empty": list.isEmpty]
        }
        var d: [String: Any] = [
            "name": role.name,
            "path": role.path.enumerated().map { n, i -> [String: Any] in
                var l = processLink(i, from: page)
                l["number"] = n + 1
                let ls = letters(i)
                if !ls.isEmpty { l["letters"] = ls }
                l["owns"] = owns.contains(i)
                return l
            },
            "hasPath": !role.path.isEmpty,
            "groups": [group("owns", role.owns), group("accountable", role.accountable), group("responsible", role.responsible),
                       group("consulted", role.consulted), group("informed", role.informed)],
        ]
        if let desc = kb.configuration.roleDescriptions[role.name] { d["description"] = desc }
        context["role"] = d
        return (page, theme.render("role", context))
    }

    // MARK: RACI matrix

    func raciPage() -> String {
        var context = baseContext(page: "raci.html", currentIndex: nil, section: "raci")
        let columns = roles.roles.filter { r in !(r.responsible.isEmpty && r.accountable.isEmpty && r.consulted.isEmpty && r.informed.isEmpty) }
        context["columns"] = columns.map { ["name": $0.name, "href": "roles/\($0.slug).html"] }
        context["areas"] = areas.map { ["name": areaName($0), "value": areaAnchor($0)] }
        var rows: [[String: Any]] = []
        for area in areas {
            for i in membersOfArea[area] ?? [] {
                let raci = kb.procedures[i].raci ?? Raci()
                // Cells are written here rather than by the template: a matrix of every process by
                // every role is the largest section of the site, and a template loop per cell was slow.
                var cells = ""
                for r in columns {
                    var l = ""
                    if raci.responsible.contains(r.name) { l += "R" }
                    if raci.accountable.contains(r.name) { l += "A" }
                    if raci.consulted.contains(r.name) { l += "C" }
                    if raci.informed.contains(r.name) { l += "I" }
                    if l.isEmpty {
                        cells += "<td class=\"cell\"></td>"
                    } else {
                        cells += "<td class=\"cell\(l.contains("A") ? " accountable" : "")\" title=\"\(HTML.escape(r.name)): \(l)\">\(l)</td>"
                    }
                }
                var row = processLink(i, from: "raci.html")
                row["cellsHTML"] = cells
                row["areaValue"] = areaAnchor(area)
                row["noRaci"] = kb.procedures[i].raci == nil
                rows.append(row)
            }
        }
        context["rows"] = rows
        return theme.render("raci", context)
    }

    // MARK: Gap report

    func gapsPage() -> String {
        var context = baseContext(page: "gaps.html", currentIndex: nil, section: "gaps")
        let sm = report.summary
        context["summary"] = ["processes": sm.processes, "errors": sm.errors, "warnings": sm.warnings, "infos": sm.infos,
                              "undocumentedSteps": sm.undocumentedSteps, "brokenLinks": sm.brokenLinks] as [String: Any]
        context["unowned"] = kb.processCount - sm.owned
        let indexOfFile = Dictionary(kb.procedures.indices.map { (kb.procedures[$0].file, $0) }, uniquingKeysWith: { a, _ in a })
        func href(_ f: Finding) -> String? {
            guard let i = indexOfFile[f.file] else { return kb.unreadablePages[f.file].map { $0 + "#findings" } }
            if f.rule == "undocumented-step", let step = kb.procedures[i].steps.first(where: { $0.location.line == f.location.line }) {
                return pages[i] + "#" + step.anchor
            }
            return pages[i] + "#findings"
        }
        func row(_ f: Finding) -> [String: Any] {
            var d: [String: Any] = ["file": f.file, "line": f.location.line, "message": f.message, "rule": f.rule,
                                    "severity": f.severity.rawValue]
            if let h = href(f) { d["href"] = h }
            return d
        }
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        let ruleGroups = RuleRegistry.all.compactMap { rule -> (String, String, [Finding])? in
            let id = type(of: rule).id
            guard let list = byRule[id], !list.isEmpty else { return nil }
            return (id, type(of: rule).summary, list)
        }
        context["hasRules"] = !ruleGroups.isEmpty
        context["rules"] = ruleGroups.map { id, summary, list -> [String: Any] in
            ["rule": id, "severity": list[0].severity.rawValue, "count": list.count, "summary": summary, "findings": list.map(row)]
        }
        func areaOfFile(_ file: String) -> String { file.contains("/") ? String(file.split(separator: "/")[0]) : "" }
        let byArea = Dictionary(grouping: report.findings, by: { areaOfFile($0.file) })
        let findingAreas = Set(byArea.keys).union(areas).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        context["areas"] = findingAreas.map { area -> [String: Any] in
            let list = byArea[area] ?? []
            let c = coverage(of: membersOfArea[area] ?? [])
            return ["name": areaName(area), "anchor": "gaps-" + areaAnchor(area), "count": list.count,
                    "errors": list.filter { $0.severity == .error }.count,
                    "warnings": list.filter { $0.severity == .warning }.count,
                    "infos": list.filter { $0.severity == .info }.count,
                    "processes": c.processes, "ownedPercent": percent(c.owned, c.processes),
                    "raciPercent": percent(c.raci, c.processes), "qualityPercent": percent(c.quality, c.processes),
                    "undocumented": c.undocumented, "findings": list.map(row), "hasFindings": !list.isEmpty]
        }
        context["coverageChart"] = Charts.coverageByArea(areas.map { area in
            let c = coverage(of: membersOfArea[area] ?? [])
            return (areaName(area), [percent(c.owned, c.processes), percent(c.raci, c.processes), percent(c.quality, c.processes)])
        }, series: [s("withOwner"), s("withRaci"), s("withQuality")], title: s("coverageByArea"))
        context["rulesChart"] = Charts.bars(ruleGroups.map { ($0.0, $0.2.count, $0.2[0].severity.rawValue) }, title: s("findingsByRule"))
        return theme.render("gaps", context)
    }

    /// The page of a file that could not be read: what is wrong with it, so a link to it is not a dead end.
    func unreadablePage(_ file: UnreadableFile, page: String, findings: [Finding]) -> String {
        var context = baseContext(page: page, currentIndex: nil, section: "unreadable")
        context["file"] = file.file
        context["findings"] = findings.map { f -> [String: Any] in
            ["severity": f.severity.rawValue, "rule": f.rule, "message": f.message, "line": f.location.line]
        }
        return theme.render("unreadable", context)
    }

    func notFoundPage() -> String {
        theme.render("404", baseContext(page: "404.html", currentIndex: nil, section: "404"))
    }

    // MARK: Search index

    /// The search index as a script, so that it loads from `file://` where `fetch` is refused.
    func searchIndex() -> String {
        var out = "window.SOPBOOK_INDEX={\"processes\":["
        for (n, i) in kb.procedures.indices.sorted(by: { pages[$0] < pages[$1] }).enumerated() {
            let p = kb.procedures[i]
            if n > 0 { out += "," }
            let j = JSONReport.string
            out += "{\"t\":\(j(p.title)),\"u\":\(j(pages[i])),\"s\":\(j(p.summary ?? "")),\"o\":\(j(p.owner ?? "")),"
            out += "\"r\":\(j(p.roles.joined(separator: " · "))),\"g\":\(j(p.tags.joined(separator: " "))),\"a\":\(j(areaName(areaOf[i]))),"
            out += "\"p\":["
            out += p.steps.map { "\(j(String($0.text.prefix(300))))" }.joined(separator: ",")
            out += "]}"
        }
        out += "],\"roles\":["
        out += roles.roles.map { "{\"t\":\(JSONReport.string($0.name)),\"u\":\(JSONReport.string("roles/\($0.slug).html"))}" }.joined(separator: ",")
        out += "]};\n"
        return out
    }
}
