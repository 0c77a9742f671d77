/// Fingerprints of what each page is made from. Two builds that give a page the same key render it the
/// same, so `serve`'s incremental path skips it. Every key starts from `siteKey` (theme, settings, today,
/// the area navigation), and adds what the page shows of each process: the page's own file through its
/// content hash and rendered body, others through `linkKey` (what a link to them shows).
struct PageKeys {
    let renderer: SiteRenderer
    let siteKey: Int
    let linkKeys: [Int]
    let findingsByFile: [String: [Finding]]
    let homeKey: Int

    init(renderer: SiteRenderer, renderKey: Int, findingsByFile: [String: [Finding]]) {
        self.renderer = renderer
        self.findingsByFile = findingsByFile
        let kb = renderer.kb
        var site = Hasher()
        site.combine(renderKey)
        site.combine(renderer.today.description)
        for area in renderer.areas {
            site.combine(area)
            site.combine(renderer.areaName(area))
            site.combine(renderer.membersOfArea[area]?.count ?? 0)
        }
        // Role links on process pages go to role pages by slug.
        for role in renderer.roles.roles {
            site.combine(role.name)
            site.combine(role.slug)
        }
        siteKey = site.finalize()
        // Field by field: copying whole procedures was most of the cost of fingerprinting a large site.
        func linkKey(_ i: Int) -> Int {
            var h = Hasher()
            h.combine(kb.procedures[i].title)
            h.combine(kb.pages[i])
            h.combine(kb.procedures[i].status.rawValue)
            h.combine(kb.procedures[i].owner)
            h.combine(kb.procedures[i].summary)
            h.combine(renderer.areaOf[i])
            return h.finalize()
        }
        if let cache = renderer.cache, let patch = cache.lastPatch, var kept = cache.linkKeys, kept.count == kb.procedures.count {
            // A patch moves no page and no area: only the edited processes can show differently.
            for i in patch.edited { kept[i] = linkKey(i) }
            linkKeys = kept
        } else {
            linkKeys = kb.procedures.indices.map(linkKey)
        }
        renderer.cache?.linkKeys = linkKeys
        homeKey = PageKeys.home(renderer, siteKey: siteKey, linkKeys: linkKeys)
    }

    private func start(_ name: String) -> Hasher {
        var h = Hasher()
        h.combine(siteKey)
        h.combine(name)
        return h
    }

    func process(_ i: Int) -> Int {
        let kb = renderer.kb
        let file = kb.procedures[i].file
        var h = start("process")
        h.combine(kb.contentHashes.indices.contains(i) ? kb.contentHashes[i] : 0)
        h.combine(kb.procedures[i].bodyHash)
        h.combine(linkKeys[i])
        h.combine(findingsByFile[file] ?? [])
        for b in kb.backlinks[i] { h.combine(linkKeys[b]) }
        let folder = SiteRenderer.folder(of: file)
        h.combine(renderer.folderListKeys[folder])
        let siblings = renderer.membersOfFolder[folder] ?? []
        if let pos = siblings.firstIndex(of: i) {
            h.combine(pos > 0 ? linkKeys[siblings[pos - 1]] : 0)
            h.combine(pos + 1 < siblings.count ? linkKeys[siblings[pos + 1]] : 0)
        }
        h.combine(renderer.history.lastChange[file]?.date)
        h.combine(renderer.history.lastChange[file]?.author)
        return h.finalize()
    }

    func role(_ role: RoleIndex.Entry) -> Int {
        var h = start("role")
        h.combine(role.name)
        h.combine(role.slug)
        h.combine(renderer.kb.configuration.roleDescriptions[role.name])
        for list in [role.path, role.owns, role.accountable, role.responsible, role.consulted, role.informed] {
            h.combine(list.count)
            for i in list { h.combine(linkKeys[i]) }
        }
        return h.finalize()
    }

    func home() -> Int { homeKey }

    /// The pages made from every process: home, RACI matrix, gap report, search index, role list.
    private static func home(_ renderer: SiteRenderer, siteKey: Int, linkKeys: [Int]) -> Int {
        var h = Hasher()
        h.combine(siteKey)
        h.combine("home")
        let kb = renderer.kb
        for area in renderer.areas {
            for i in renderer.membersOfArea[area] ?? [] {
                h.combine(linkKeys[i])
                h.combine(kb.procedures[i].raci)
                h.combine(kb.procedures[i].quality.isEmpty)
                h.combine(kb.procedures[i].steps.count)
                for step in kb.procedures[i].steps where step.isUndocumented { h.combine(step.number) }
            }
        }
        for r in renderer.roles.roles {
            h.combine(r.name)
            h.combine(r.slug)
            h.combine(r.path.count)
        }
        h.combine(kb.unreadable.map(\.file))
        return h.finalize()
    }

    func raci() -> Int {
        var h = start("raci")
        let kb = renderer.kb
        for r in renderer.roles.roles {
            h.combine(r.name)
            h.combine(r.slug)
        }
        for area in renderer.areas {
            for i in renderer.membersOfArea[area] ?? [] {
                h.combine(linkKeys[i])
                h.combine(kb.procedures[i].raci)
            }
        }
        return h.finalize()
    }

    func gaps() -> Int {
        var h = start("gaps")
        h.combine(renderer.report.findings)
        h.combine(homeKey)
        return h.finalize()
    }

    func gapsJSON() -> Int {
        var h = start("gaps.json")
        h.combine(renderer.report.findings)
        h.combine(renderer.report.summary.processes)
        h.combine(renderer.report.summary.steps)
        h.combine(renderer.report.summary.owned)
        return h.finalize()
    }

    func rolesIndex() -> Int {
        var h = start("roles")
        for r in renderer.roles.roles {
            h.combine(r.name)
            h.combine(r.slug)
            h.combine(renderer.kb.configuration.roleDescriptions[r.name])
            for list in [r.owns, r.accountable, r.responsible, r.consulted, r.informed] { h.combine(list.count) }
        }
        return h.finalize()
    }

    func searchIndex() -> Int {
        var h = start("search")
        let kb = renderer.kb
        for i in kb.procedures.indices {
            h.combine(kb.contentHashes.indices.contains(i) ? kb.contentHashes[i] : 0)
            h.combine(kb.pages[i])
            h.combine(renderer.areaOf[i])
        }
        for r in renderer.roles.roles {
            h.combine(r.name)
            h.combine(r.slug)
        }
        return h.finalize()
    }

    func unreadable(_ file: UnreadableFile, page: String) -> Int {
        var h = start("unreadable")
        h.combine(file.file)
        h.combine(page)
        h.combine(findingsByFile[file.file] ?? [])
        return h.finalize()
    }

    func plain(_ name: String) -> Int {
        start(name).finalize()
    }
}
