import Foundation

/// The model of each page, made from the knowledge base, the report and the layout.
extension SitePlanner {
    /// What the page of process `i` is made from (`ProcessPage.make`).
    func processInput(_ i: Int) -> ProcessPage.Input {
        let file = kb.procedures[i].file
        let area = layout.areaOf[i]
        let siblings = layout.membersOfFolder[Layout.folder(of: file)] ?? []
        let position: Int? = layout.folderPosition[i]
        return ProcessPage.Input(
            parsed: parsed[i], source: sources[i], settings: settings, body: parsed[i].html ?? .inMemory(Shared("")),
            target: summaries[i].target, page: kb.pages[i], areaHref: layout.areaHref(area),
            backlinks: kb.backlinks[i].map { summaries[$0].target },
            previous: position.flatMap { $0 > 0 ? summaries[siblings[$0 - 1]].target : nil },
            next: position.flatMap { $0 + 1 < siblings.count ? summaries[siblings[$0 + 1]].target : nil },
            findings: Array(findings(of: file)), known: known(of: file), rolePages: rolePages,
            lastChanged: history.revisions[file]?.first.map { ProcessPage.Change(date: $0.date, author: $0.author) },
            revisions: ProcessPage.Revisions(completeness: history.completeness, list: history.revisions[file] ?? []),
            editURL: editURL(file), site: site, today: today, supersededBy: successor(of: i))
    }

    /// The SOP that replaces retired process `i`, when `superseded_by` names one other than itself.
    func successor(of i: Int) -> Shared<LinkTarget>? {
        guard kb.procedures[i].status == .retired, let j = LinkToRetiredRule.successor(of: kb.procedures[i], in: kb) else { return nil }
        return summaries[j].target
    }

    func editURL(_ file: String) -> String? {
        guard let base = kb.configuration.editURL,
              base.lowercased().hasPrefix("http://") || base.lowercased().hasPrefix("https://") else { return nil }
        let path = file.split(separator: "/").map { ContentPath.encodeSegment(String($0)) }.joined(separator: "/")
        return (base.hasSuffix("/") ? base : base + "/") + path
    }

    /// The findings of one file (`findingsOfFile`).
    func findings(of file: String) -> ArraySlice<Finding> {
        report.findings[findingsOfFile[file] ?? 0..<0]
    }

    /// Where each file's findings are in the report, which is sorted by file first: made in one pass
    /// rather than by a search for each of 10,000 pages at every save in `serve`.
    static func findingRanges(_ findings: [Finding]) -> [String: Range<Int>] {
        var ranges: [String: Range<Int>] = [:]
        var start = 0
        for n in findings.indices where n + 1 == findings.count || findings[n + 1].file != findings[n].file {
            ranges[findings[n].file] = start..<n + 1
            start = n + 1
        }
        return ranges
    }

    /// Which findings of `file` the baseline holds, in the order of `findings(of:)`; empty without one.
    func known(of file: String) -> [Bool] {
        guard report.baseline != nil else { return [] }
        let slice = findings(of: file)
        return slice.indices.map { report.isKnown($0) }
    }

    static func raciComplete(_ raci: Raci?) -> Bool {
        guard let r = raci else { return false }
        return !r.responsible.isEmpty && r.accountable.count == 1
    }

    func coverage(of indices: [Int]) -> Coverage {
        var c = Coverage()
        for i in indices { c.add(Coverage(kb.procedures[i])) }
        return c
    }

    /// `index.html`, and on a split site (`Layout.splitAbove`) a page per area (`areas/<area>.html`) with
    /// the area's coverage and processes, the home page listing the areas. `printPages` are the areas'
    /// print packs (`PrintOrder.areaPages`).
    func homeJobs(printPages: [String: String]) -> [PageJob] {
        let whole = coverage(of: Array(kb.procedures.indices))
        guard layout.splitsLists else {
            return [page("index.html", "index", homePage(layout.areas, path: "index.html", coverage: whole, printPages: printPages))]
        }
        var home = homePage([], path: "index.html", coverage: whole, printPages: printPages)
        home.parts = areaParts("areas")
        return [page("index.html", "index", home)] + layout.areas.map { area in
            let path = layout.areaPage("areas", area)
            let members = layout.membersOfArea[area] ?? []
            let inputs: @Sendable () -> Int = {
                self.inputs("home", members: members, facts: .coverage) { [areaName(area), layout.anchor(area), printPages[area]].hash(into: &$0) }
            }
            return deferredPage(path, "index", inputs: inputs) {
                var part = homePage([area], path: path, coverage: coverage(of: members), printPages: printPages)
                (part.processCount, part.roles, part.unreadable, part.controlled) = (members.count, [], [], nil)
                part.areaTitle = areaName(area)
                return part
            }
        }
    }

    /// The home page of `areas` at `path`; `coverage` is the whole knowledge base's, or an area page's own;
    /// `printPages` the areas' print packs (`printAreaPages`).
    func homePage(_ areas: [String], path: String, coverage: Coverage, printPages: [String: String]) -> HomePage {
        let page = Shared(path)
        return HomePage(
            processCount: kb.processCount, coverage: coverage,
            areas: areas.map { area in
                HomePage.Area(name: areaName(area), anchor: layout.anchor(area),
                              processes: (layout.membersOfArea[area] ?? []).map { processLink($0, from: page) },
                              printHref: printPages[area].map { ContentPath.relativeURL(from: path, to: $0) })
            },
            roles: roles.roles.filter { !$0.path.isEmpty }.map { HomePage.RoleChip(name: $0.name, href: $0.page, count: $0.path.count) },
            unreadable: kb.unreadable.map { HomePage.Unreadable(file: $0.file, href: kb.unreadablePages[$0.file] ?? "gaps.html") },
            controlled: report.summary.controlled)
    }

    func rolesPage() -> RolesPage {
        RolesPage(roles: roles.roles.map { r in
            RolesPage.Role(name: r.name, href: r.page, description: kb.configuration.roleDescriptions[r.name],
                           owns: r.owns.count, accountable: r.accountable.count, responsible: r.responsible.count,
                           consulted: r.consulted.count, informed: r.informed.count)
        })
    }

    /// The page of a role, as seen from `path` (the role's page by default); with `area`, only the
    /// processes of that area, on its lists and its path. `printPage` is the role's pack (`printRolePage`).
    func rolePage(_ role: RoleIndex.Entry, printPage: String?, training: RolePage.Training? = nil, path: String? = nil,
                  area: String? = nil) -> RolePage {
        let page = Shared(path ?? role.page)
        let (r, a, c, inf, owns) = (Set(role.responsible), Set(role.accountable), Set(role.consulted), Set(role.informed), Set(role.owns))
        func letters(_ i: Int) -> String {
            [(r, "R"), (a, "A"), (c, "C"), (inf, "I")].compactMap { $0.0.contains(i) ? $0.1 : nil }.joined(separator: "/")
        }
        func inArea(_ list: [Int]) -> [Int] { area.map { area in list.filter { layout.areaOf[$0] == area } } ?? list }
        func group(_ key: String, _ list: [Int]) -> RolePage.Group {
            RolePage.Group(label: s(key), hint: s(key + "Hint"), processes: inArea(list).map { processLink($0, from: page) })
        }
        return RolePage(
            name: role.name, href: role.page, description: kb.configuration.roleDescriptions[role.name],
            path: inArea(role.path).map { RolePage.PathItem(link: processLink($0, from: page), letters: letters($0), owns: owns.contains($0)) },
            groups: [group("owns", role.owns), group("accountable", role.accountable), group("responsible", role.responsible),
                     group("consulted", role.consulted), group("informed", role.informed)],
            printHref: printPage.map { ContentPath.relativeURL(from: page.value, to: $0) },
            training: training)
    }

    /// Above this many SOPs on its reading path, a role's page on a split site (`Layout.splitsLists`) lists
    /// the path by area: the role's page links to a page per area, `roles/<role>/<area>.html`, each with
    /// the area's part of the path and of the lists. At 50,000 SOPs the founder's page, which lists its
    /// whole path twice, was 8.85 MB, and a title edit in `serve` rewrote every such page whole.
    static let rolePathLimit = 200

    /// The page of a role, and the area parts of a long path on a split site.
    func roleJobs(_ role: RoleIndex.Entry, training: TrainingMatrix?) -> [PageJob] {
        let completion = roleTraining(role.name, training, from: role.page)
        let printPage = printRolePage(role)
        // What the role's pages show of it: its lists (and so the letters of each process), and its pack.
        let own: @Sendable (inout Hasher) -> Void = { h in
            h.combine(role)
            h.combine(printPage)
        }
        // Every process of the role, some more than once: its path, and its lists (which keep the retired).
        let processes = [role.path, role.owns, role.responsible, role.accountable, role.consulted, role.informed].joined()
        guard layout.splitsLists, role.path.count > Self.rolePathLimit else {
            let inputs: @Sendable () -> Int = {
                self.inputs("role", members: processes, facts: .link) { h in
                    own(&h)
                    h.combine(completion)
                }
            }
            return [deferredPage(role.page, "role", inputs: inputs) { rolePage(role, printPage: printPage, training: completion) }]
        }
        var counts: [String: Int] = [:]
        for i in role.path { counts[layout.areaOf[i], default: 0] += 1 }
        let areas = layout.areas.filter { counts[$0] != nil }
        func partPath(_ area: String) -> String { layout.areaPage("roles/" + role.slug, area) }
        var main = RolePage(name: role.name, href: role.page, description: kb.configuration.roleDescriptions[role.name], path: [], groups: [],
                            training: completion)
        main.parts = areas.map { AreaPart(name: areaName($0), href: partPath($0), count: counts[$0] ?? 0) }
        return [page(role.page, "role", main)] + areas.map { area in
            let path = partPath(area)
            let inputs: @Sendable () -> Int = {
                self.inputs("role part", members: processes.filter { layout.areaOf[$0] == area }, facts: .link) { h in
                    own(&h)
                    h.combine(areaName(area))
                }
            }
            return deferredPage(path, "role", inputs: inputs) {
                var part = rolePage(role, printPage: printPage, path: path, area: area)
                part.areaTitle = areaName(area)
                return part
            }
        }
    }
}
