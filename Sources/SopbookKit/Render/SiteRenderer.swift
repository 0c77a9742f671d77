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
    let layout: Layout
    var areaOf: [String] { layout.areaOf }
    var areas: [String] { layout.areas }
    var membersOfArea: [String: [Int]] { layout.membersOfArea }
    var membersOfFolder: [String: [Int]] { layout.membersOfFolder }
    var areaNames: [String: String] { layout.areaNames }
    var folderLists: [String: String] { layout.folderLists }
    var folderListKeys: [String: Int] { layout.folderListKeys }
    let rolePages: [String: String]
    /// The UI strings as a template value, converted once rather than for every page.
    let stringsValue: TemplateValue
    /// `serve`'s cache, for the parts of pages it keeps between builds.
    let cache: BuildCache?

    init(kb: KnowledgeBase, report: Report, theme: Theme, today: CivilDate, history: GitHistory, cache: BuildCache? = nil) {
        self.kb = kb
        self.report = report
        self.theme = theme
        self.today = today
        self.history = history
        self.cache = cache
        self.roles = cache?.roleIndex(for: kb) ?? RoleIndex(knowledgeBase: kb)
        self.strings = Strings.table(for: kb.configuration.language)
        self.pages = kb.pages
        if let cache, cache.lastPatch?.titlesUnchanged == true, let kept = cache.layout, kept.themeKey == theme.sourceKey {
            // A patch that changed no title leaves every order, area and sidebar list as it was.
            layout = kept.layout
        } else {
            layout = SiteRenderer.layout(kb: kb, theme: theme, strings: strings, cache: cache)
            cache?.layout = (theme.sourceKey, layout)
        }
        self.rolePages = Dictionary(uniqueKeysWithValues: roles.roles.map { ($0.name, "roles/\($0.slug).html") })
        self.stringsValue = .object(strings.mapValues { .text($0) })
    }

    /// Where each process sits in the navigation: areas, title orders, sidebar lists. Built from every
    /// file and title, so `serve` keeps it across edits that change no title.
    struct Layout: Sendable {
        /// Area (first folder) of each procedure, and the areas in display order.
        var areaOf: [String]
        var areas: [String]
        var membersOfArea: [String: [Int]]
        /// Processes of each folder, for the sidebar: bounded by a folder, not by the whole knowledge base.
        var membersOfFolder: [String: [Int]]
        /// Display names of the areas, computed once.
        var areaNames: [String: String]
        /// The sidebar list of each folder, rendered once and shared by the folder's pages: rendering it for
        /// every page made the sidebar most of the build's time.
        var folderLists: [String: String]
        /// What each folder's list was made from, for page fingerprints.
        var folderListKeys: [String: Int]
    }

    static func layout(kb: KnowledgeBase, theme: Theme, strings: [String: String], cache: BuildCache?) -> Layout {
        let areaOf = kb.procedures.indices.map { SiteRenderer.area(of: kb.procedures[$0].file) }
        var members: [String: [Int]] = [:]
        var folders: [String: [Int]] = [:]
        for (i, a) in areaOf.enumerated() {
            members[a, default: []].append(i)
            folders[SiteRenderer.folder(of: kb.procedures[i].file), default: []].append(i)
        }
        // Sorting by title with `localizedStandardCompare` is slow on Linux: the groups sort in parallel,
        // and `serve` keeps each group's order until one of its titles changes.
        let groups = members.map { ("area:" + $0.key, $0.value) } + folders.map { ("folder:" + $0.key, $0.value) }
        let sorted: [[Int]] = Parallel.map(groups.indices.map { groups[$0] }) { name, list in
            var key = Hasher()
            for i in list {
                key.combine(i)
                key.combine(kb.procedures[i].title)
            }
            let byTitle = {
                list.sorted {
                    let order = kb.procedures[$0].title.localizedStandardCompare(kb.procedures[$1].title)
                    return order == .orderedSame ? $0 < $1 : order == .orderedAscending
                }
            }
            guard let cache else { return byTitle() }
            return cache.orders.value(for: name, key: key.finalize(), compute: byTitle)
        }
        var sortedAreas: [String: [Int]] = [:]
        var sortedFolders: [String: [Int]] = [:]
        for (g, order) in zip(groups, sorted) {
            if g.0.hasPrefix("area:") { sortedAreas[String(g.0.dropFirst(5))] = order } else { sortedFolders[String(g.0.dropFirst(7))] = order }
        }
        let areas = members.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        let general = strings["general"] ?? "General"
        let areaNames = Dictionary(uniqueKeysWithValues: areas.map { ($0, SiteRenderer.areaName($0, general: general)) })
        // One sidebar list per folder, in parallel; `serve` keeps a folder's list until its titles or pages change.
        let folderNames = Array(sortedFolders.keys)
        let folderOrders = sortedFolders
        let rendered: [(list: String, key: Int)] = Parallel.map(folderNames) { folder in
            let members = folderOrders[folder] ?? []
            var key = Hasher()
            key.combine(theme.sourceKey)
            for i in members {
                key.combine(i)
                key.combine(kb.procedures[i].title)
                key.combine(kb.pages[i])
            }
            let listKey = key.finalize()
            let make = {
                // Pages of one folder are siblings: the link to each is its file name.
                let items = members.map { i -> [String: TemplateValue] in
                    ["index": .int(i), "title": .text(kb.procedures[i].title),
                     "href": .text(ContentPath.encodeSegment(String(kb.pages[i].split(separator: "/").last ?? "")))]
                }
                return theme.render("sidebar-folder", ["processes": .objects(items)])
            }
            guard let cache else { return (make(), listKey) }
            return (cache.folderLists.value(for: folder, key: listKey, compute: make), listKey)
        }
        return Layout(areaOf: areaOf, areas: areas, membersOfArea: sortedAreas, membersOfFolder: sortedFolders, areaNames: areaNames,
                      folderLists: Dictionary(uniqueKeysWithValues: zip(folderNames, rendered.map(\.list))),
                      folderListKeys: Dictionary(uniqueKeysWithValues: zip(folderNames, rendered.map(\.key))))
    }

    /// The area of a file: its first folder, or "" at the top of the content folder.
    static func area(of file: String) -> String {
        guard let slash = file.utf8.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(file[..<slash])
    }

    static func folder(of file: String) -> String {
        // On UTF-8 bytes: `lastIndex(of:)` over Characters showed in profiles of large sites.
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
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
    func baseContext(page: String, currentIndex: Int?, section: String) -> [String: TemplateValue] {
        let root = ContentPath.rootPrefix(forPage: page)
        let currentArea = currentIndex.map { areaOf[$0] }
        let currentFolder = currentIndex.map { SiteRenderer.folder(of: kb.procedures[$0].file) }
        let nav: [[String: TemplateValue]] = areas.map { area in
            let isCurrent = area == currentArea
            var entry: [String: TemplateValue] = ["name": .text(areaName(area)), "href": .text("index.html#" + areaAnchor(area)),
                                                  "count": .int(membersOfArea[area]?.count ?? 0), "current": .bool(isCurrent)]
            if isCurrent, let folder = currentFolder, let list = folderLists[folder], let current = currentIndex {
                entry["folderList"] = .text(list.replacingFirst("data-item=\"\(current)\"><a ",
                                                          with: "data-item=\"\(current)\" class=\"current\"><a aria-current=\"page\" "))
            }
            return entry
        }
        return ["siteTitle": .text(kb.configuration.title), "language": .text(kb.configuration.language),
                "strings": stringsValue, "root": .text(root), "nav": .objects(nav), "section": .text(section),
                "isHome": .bool(section == "home"), "isRoles": .bool(section == "roles"), "isRaci": .bool(section == "raci"),
                "isGaps": .bool(section == "gaps")]
    }

    func statusLabel(_ status: ProcedureStatus) -> String {
        s("status.\(status.rawValue)")
    }

    func roleLinks(_ names: [String], from page: String) -> [[String: TemplateValue]] {
        names.map { name in
            var d: [String: TemplateValue] = ["name": .text(name)]
            if let target = rolePages[name] { d["href"] = .text(link(page, target)) }
            return d
        }
    }

    func processLink(_ i: Int, from page: String) -> [String: TemplateValue] {
        let p = kb.procedures[i]
        var d: [String: TemplateValue] = ["title": .text(p.title), "href": .text(link(page, pages[i])),
                                          "status": .text(p.status.rawValue), "statusLabel": .text(statusLabel(p.status)),
                                          "area": .text(areaName(areaOf[i])), "isActive": .bool(p.status == .active)]
        if let o = p.owner { d["owner"] = .text(o) }
        if let sm = p.summary, !sm.isEmpty { d["summary"] = .text(sm) }
        return d
    }

    // MARK: Process page

    func processPage(_ i: Int, findings: [Finding]) -> String {
        let p = kb.procedures[i]
        let page = pages[i]
        var context = baseContext(page: page, currentIndex: i, section: "process")
        var process: [String: TemplateValue] = [
            "title": .text(p.title), "id": .text(p.id), "status": .text(p.status.rawValue),
            "statusLabel": .text(statusLabel(p.status)), "isActive": .bool(p.status == .active),
            "area": .text(areaName(areaOf[i])), "areaHref": .text(link(page, "index.html") + "#" + areaAnchor(areaOf[i])),
            "body": .text(p.bodyHTML), "tags": .texts(p.tags), "hasTags": .bool(!p.tags.isEmpty),
            "stepCount": .int(p.steps.count),
            "undocumentedCount": .int(p.steps.filter(\.isUndocumented).count),
            "hasUndocumented": .bool(p.steps.contains(where: \.isUndocumented)),
        ]
        if let owner = p.owner { process["owner"] = .object(roleLinks([owner], from: page)[0]) }
        if let summary = p.summary, !summary.isEmpty { process["summary"] = .text(summary) }
        if let raci = p.raci {
            let rows: [(String, String, [String])] = [("R", "responsible", raci.responsible), ("A", "accountable", raci.accountable),
                                                      ("C", "consulted", raci.consulted), ("I", "informed", raci.informed)]
            process["raci"] = ["rows": .objects(rows.map { letter, key, names -> [String: TemplateValue] in
                ["letter": .text(letter), "label": .text(s(key)), "hint": .text(s(key + "Hint")),
                 "roles": .objects(roleLinks(names, from: page)), "empty": .bool(names.isEmpty)]
            })]
        }
        process["quality"] = .objects(p.quality.map { q -> [String: TemplateValue] in
            var d: [String: TemplateValue] = ["standard": .text(q.standard)]
            if let m = q.metric { d["metric"] = .text(m) }
            if let t = q.target { d["target"] = .text(t) }
            return d
        })
        process["hasQuality"] = .bool(!p.quality.isEmpty)
        if let review = p.review {
            var r: [String: TemplateValue] = [:]
            if let last = review.last { r["last"] = .text(last.description) }
            if let every = review.every { r["every"] = .text(every.description) }
            if let due = review.due {
                r["next"] = .text(due.description)
                r["overdue"] = .bool(due < today)
            }
            process["review"] = .object(r)
        }
        if let change = history.lastChange[p.file] {
            process["lastChanged"] = ["date": .text(change.date), "author": .text(change.author)]
        }
        if let base = kb.configuration.editURL, base.lowercased().hasPrefix("http://") || base.lowercased().hasPrefix("https://") {
            let path = p.file.split(separator: "/").map { ContentPath.encodeSegment(String($0)) }.joined(separator: "/")
            process["editURL"] = .text((base.hasSuffix("/") ? base : base + "/") + path)
        }
        process["findings"] = .objects(findings.map(findingItem))
        process["hasFindings"] = .bool(!findings.isEmpty)
        let backs = kb.backlinks[i].map { processLink($0, from: page) }
        process["backlinks"] = .objects(backs)
        process["hasBacklinks"] = .bool(!backs.isEmpty)
        let siblings = membersOfFolder[SiteRenderer.folder(of: p.file)] ?? []
        if let pos = siblings.firstIndex(of: i) {
            if pos > 0 { process["previous"] = .object(processLink(siblings[pos - 1], from: page)) }
            if pos + 1 < siblings.count { process["next"] = .object(processLink(siblings[pos + 1], from: page)) }
        }
        context["process"] = .object(process)
        return theme.render("process", context)
    }

    func findingItem(_ f: Finding) -> [String: TemplateValue] {
        ["severity": .text(f.severity.rawValue), "rule": .text(f.rule), "message": .text(f.message), "line": .int(f.location.line)]
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
            "processes": .int(total), "steps": .int(c.steps),
            "ownedPercent": .int(percent(c.owned, total)), "raciPercent": .int(percent(c.raci, total)),
            "qualityPercent": .int(percent(c.quality, total)), "undocumentedSteps": .int(c.undocumented),
        ]
        context["areas"] = .objects(areas.map { area -> [String: TemplateValue] in
            ["name": .text(areaName(area)), "anchor": .text(areaAnchor(area)),
             "processes": .objects((membersOfArea[area] ?? []).map { processLink($0, from: "index.html") })]
        })
        let roleChips = roles.roles.filter { !$0.path.isEmpty }.map { r -> [String: TemplateValue] in
            ["name": .text(r.name), "href": .text("roles/\(r.slug).html"), "count": .int(r.path.count)]
        }
        context["roles"] = .objects(roleChips)
        context["hasRoles"] = .bool(!roleChips.isEmpty)
        context["unreadable"] = .objects(kb.unreadable.map {
            ["file": .text($0.file), "href": .text(kb.unreadablePages[$0.file] ?? "gaps.html")]
        })
        context["hasUnreadable"] = .bool(!kb.unreadable.isEmpty)
        return theme.render("index", context)
    }

    // MARK: Roles

    func rolesIndexPage() -> String {
        var context = baseContext(page: "roles.html", currentIndex: nil, section: "roles")
        context["roles"] = .objects(roles.roles.map { r -> [String: TemplateValue] in
            var d: [String: TemplateValue] = ["name": .text(r.name), "href": .text("roles/\(r.slug).html"), "owns": .int(r.owns.count),
                                              "accountable": .int(r.accountable.count), "responsible": .int(r.responsible.count),
                                              "consulted": .int(r.consulted.count), "informed": .int(r.informed.count)]
            if let desc = kb.configuration.roleDescriptions[r.name] { d["description"] = .text(desc) }
            return d
        })
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
        func group(_ key: String, _ list: [Int]) -> [String: TemplateValue] {
            ["label": .text(s(key)), "hint": .text(s(key + "Hint")), "processes": .objects(list.map { processLink($0, from: page) }),
             "count": .int(list.count), "empty": .bool(list.isEmpty)]
        }
        var d: [String: TemplateValue] = [
            "name": .text(role.name),
            "path": .objects(role.path.enumerated().map { n, i -> [String: TemplateValue] in
                var l = processLink(i, from: page)
                l["number"] = .int(n + 1)
                let ls = letters(i)
                if !ls.isEmpty { l["letters"] = .text(ls) }
                l["owns"] = .bool(owns.contains(i))
                return l
            }),
            "hasPath": .bool(!role.path.isEmpty),
            "groups": .objects([group("owns", role.owns), group("accountable", role.accountable), group("responsible", role.responsible),
                                group("consulted", role.consulted), group("informed", role.informed)]),
        ]
        if let desc = kb.configuration.roleDescriptions[role.name] { d["description"] = .text(desc) }
        context["role"] = .object(d)
        return (page, theme.render("role", context))
    }

    // MARK: RACI matrix

    func raciPage() -> String {
        var context = baseContext(page: "raci.html", currentIndex: nil, section: "raci")
        let columns = roles.roles.filter { r in !(r.responsible.isEmpty && r.accountable.isEmpty && r.consulted.isEmpty && r.informed.isEmpty) }
        context["columns"] = .objects(columns.map { ["name": .text($0.name), "href": .text("roles/\($0.slug).html")] })
        context["areas"] = .objects(areas.map { ["name": .text(areaName($0)), "value": .text(areaAnchor($0))] })
        var rows: [[String: TemplateValue]] = []
        // Column by role name, and each column's escaped name, once for the whole matrix.
        let columnOf = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let escapedNames = columns.map { HTML.escape($0.name) }
        let areaRows: [[[String: TemplateValue]]] = Parallel.map(areas) { area in
            (membersOfArea[area] ?? []).map { i in
                // Cells are written here rather than by the template: a matrix of every process by every role
                // is the largest page of the site. Each row visits its own few roles, not every column.
                var letters = Array(repeating: "", count: columns.count)
                if let raci = kb.procedures[i].raci {
                    for (letter, names) in [("R", raci.responsible), ("A", raci.accountable), ("C", raci.consulted), ("I", raci.informed)] {
                        for name in Set(names) { if let c = columnOf[name] { letters[c] += letter } }
                    }
                }
                var cells = ""
                for (c, l) in letters.enumerated() {
                    if l.isEmpty {
                        // Most cells are empty: no class, so the largest page of a big site stays small.
                        cells += "<td></td>"
                    } else {
                        cells += "<td class=\"cell\(l.contains("A") ? " accountable" : "")\" title=\"\(escapedNames[c]): \(l)\">\(l)</td>"
                    }
                }
                var row = processLink(i, from: "raci.html")
                row["cellsHTML"] = .text(cells)
                row["areaValue"] = .text(areaAnchor(area))
                row["noRaci"] = .bool(kb.procedures[i].raci == nil)
                return row
            }
        }
        rows = areaRows.flatMap { $0 }
        context["rows"] = .objects(rows)
        return theme.render("raci", context)
    }

    // MARK: Gap report

    func gapsPage() -> String {
        var context = baseContext(page: "gaps.html", currentIndex: nil, section: "gaps")
        let sm = report.summary
        context["summary"] = ["processes": .int(sm.processes), "errors": .int(sm.errors), "warnings": .int(sm.warnings),
                              "infos": .int(sm.infos), "undocumentedSteps": .int(sm.undocumentedSteps),
                              "brokenLinks": .int(sm.brokenLinks)]
        context["unowned"] = .int(kb.processCount - sm.owned)
        let indexOfFile = Dictionary(kb.procedures.indices.map { (kb.procedures[$0].file, $0) }, uniquingKeysWith: { a, _ in a })
        func href(_ f: Finding) -> String? {
            guard let i = indexOfFile[f.file] else { return kb.unreadablePages[f.file].map { $0 + "#findings" } }
            if f.rule == "undocumented-step", let step = kb.procedures[i].steps.first(where: { $0.location.line == f.location.line }) {
                return pages[i] + "#" + step.anchor
            }
            return pages[i] + "#findings"
        }
        func row(_ f: Finding) -> [String: TemplateValue] {
            var d: [String: TemplateValue] = ["file": .text(f.file), "line": .int(f.location.line), "message": .text(f.message),
                                              "rule": .text(f.rule), "severity": .text(f.severity.rawValue)]
            if let h = href(f) { d["href"] = .text(h) }
            return d
        }
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        let ruleGroups = RuleRegistry.all.compactMap { rule -> (String, String, [Finding])? in
            let id = type(of: rule).id
            guard let list = byRule[id], !list.isEmpty else { return nil }
            return (id, type(of: rule).summary, list)
        }
        context["hasRules"] = .bool(!ruleGroups.isEmpty)
        context["rules"] = .objects(ruleGroups.map { id, summary, list -> [String: TemplateValue] in
            ["rule": .text(id), "severity": .text(list[0].severity.rawValue), "count": .int(list.count), "summary": .text(summary),
             "findings": .objects(list.map(row))]
        })
        let byArea = Dictionary(grouping: report.findings, by: { SiteRenderer.area(of: $0.file) })
        let findingAreas = Set(byArea.keys).union(areas).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        context["areas"] = .objects(findingAreas.map { area -> [String: TemplateValue] in
            let list = byArea[area] ?? []
            let c = coverage(of: membersOfArea[area] ?? [])
            return ["name": .text(areaName(area)), "anchor": .text("gaps-" + areaAnchor(area)), "count": .int(list.count),
                    "errors": .int(list.filter { $0.severity == .error }.count),
                    "warnings": .int(list.filter { $0.severity == .warning }.count),
                    "infos": .int(list.filter { $0.severity == .info }.count),
                    "processes": .int(c.processes), "ownedPercent": .int(percent(c.owned, c.processes)),
                    "raciPercent": .int(percent(c.raci, c.processes)), "qualityPercent": .int(percent(c.quality, c.processes)),
                    "undocumented": .int(c.undocumented), "findings": .objects(list.map(row)), "hasFindings": .bool(!list.isEmpty)]
        })
        context["coverageChart"] = .text(Charts.coverageByArea(areas.map { area in
            let c = coverage(of: membersOfArea[area] ?? [])
            return (areaName(area), [percent(c.owned, c.processes), percent(c.raci, c.processes), percent(c.quality, c.processes)])
        }, series: [s("withOwner"), s("withRaci"), s("withQuality")], title: s("coverageByArea")))
        context["rulesChart"] = .text(Charts.bars(ruleGroups.map { ($0.0, $0.2.count, $0.2[0].severity.rawValue) }, title: s("findingsByRule")))
        return theme.render("gaps", context)
    }

    /// The page of a file that could not be read: what is wrong with it, so a link to it is not a dead end.
    func unreadablePage(_ file: UnreadableFile, page: String, findings: [Finding]) -> String {
        var context = baseContext(page: page, currentIndex: nil, section: "unreadable")
        context["file"] = .text(file.file)
        context["findings"] = .objects(findings.map(findingItem))
        return theme.render("unreadable", context)
    }

    func notFoundPage() -> String {
        theme.render("404", baseContext(page: "404.html", currentIndex: nil, section: "404"))
    }

    // MARK: Search index

    /// The search index as a script, so that it loads from `file://` where `fetch` is refused.
    func searchIndex() -> Data {
        var parts: [String] = []
        // A patch moves no page, so the order by page stays.
        let kept = cache?.lastPatch != nil ? cache?.searchEntries?.order : nil
        let order = kept.flatMap { $0.count == kb.procedures.count ? $0 : nil }
            ?? kb.procedures.indices.sorted(by: { pages[$0] < pages[$1] })
        @Sendable func entry(_ i: Int) -> String {
            let p = kb.procedures[i]
            let j = JSONReport.string
            var entry = "{\"t\":\(j(p.title)),\"u\":\(j(pages[i])),\"s\":\(j(p.summary ?? "")),\"o\":\(j(p.owner ?? "")),"
            entry += "\"r\":\(j(p.roles.joined(separator: " · "))),\"g\":\(j(p.tags.joined(separator: " "))),\"a\":\(j(areaName(areaOf[i]))),"
            entry += "\"p\":["
            entry += p.steps.map { "\(j(String($0.text.prefix(300))))" }.joined(separator: ",")
            entry += "]}"
            return entry
        }
        if let cache, kb.contentHashes.count == kb.procedures.count {
            // Everything in an entry comes from the file, its page and its area: `serve` keeps the others,
            // position by position, and makes only the entries whose key moved.
            @Sendable func key(_ i: Int) -> Int {
                var key = Hasher()
                key.combine(kb.contentHashes[i])
                key.combine(pages[i])
                key.combine(areaOf[i])
                return key.finalize()
            }
            let previous = cache.searchEntries
            var keys: [Int]
            var entries: [String]
            if let patch = cache.lastPatch, var kept = previous, kept.order == order {
                // A patch moves no page: only the edited processes' entries are made again.
                for i in patch.edited {
                    guard let n = kept.position[i] else { continue }
                    kept.keys[n] = key(i)
                    kept.entries[n] = entry(i)
                }
                (keys, entries) = (kept.keys, kept.entries)
            } else {
                keys = Parallel.map(order) { key($0) }
                let fresh = keys
                entries = Parallel.map(Array(order.indices)) { n in
                    if let previous, previous.keys.count == fresh.count, previous.keys[n] == fresh[n] { return previous.entries[n] }
                    return entry(order[n])
                }
            }
            let position = previous?.order == order ? (previous?.position ?? [:])
                : Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            cache.searchEntries = BuildCache.SearchEntries(order: order, position: position, keys: keys, entries: entries)
            parts = entries
        } else {
            parts = Parallel.map(order) { entry($0) }
        }
        let roleList = roles.roles.map { "{\"t\":\(JSONReport.string($0.name)),\"u\":\(JSONReport.string("roles/\($0.slug).html"))}" }
        // Straight into one buffer: at 10,000 processes the index is some 17 MB, and each joined copy of it counted.
        let head = "window.SOPBOOK_INDEX={\"processes\":[", middle = "],\"roles\":[", tail = "]};\n"
        var out = Data(capacity: parts.reduce(0) { $0 + $1.utf8.count + 1 } + roleList.reduce(0) { $0 + $1.utf8.count + 1 } + 64)
        out.append(contentsOf: head.utf8)
        for (n, part) in parts.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: part.utf8)
        }
        out.append(contentsOf: middle.utf8)
        for (n, role) in roleList.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: role.utf8)
        }
        out.append(contentsOf: tail.utf8)
        return out
    }
}
