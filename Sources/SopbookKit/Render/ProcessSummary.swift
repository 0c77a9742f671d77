import Foundation

/// What the site-wide pages show of one process: the link to it, and its entry in the search index. Made
/// once per process (and kept by `serve` while its source, page and area stay), and shared by every page.
struct ProcessSummary: Sendable {
    var target: Shared<LinkTarget>
    var entry: Shared<SearchIndex.Entry>
    /// What the role index reads of the process.
    var roleFacts: Shared<RoleIndex.Facts>
    /// What an area's list and the register show of the process besides the link, made for a runner that
    /// keys pages (`serve`), whose keys of those pages read its digest, taken once, rather than the
    /// procedure's fields at every save. A cold build makes none: 10,000 of them were 3 MB of its peak.
    var facts: Shared<Facts>?

    struct Facts: Hashable, Sendable {
        var id: String
        var title: String
        var owner: String?
        var status: ProcedureStatus
        var effective: CivilDate?
        var approval: Approval?
        var review: Review?
        var coverage: Coverage

        init(_ p: Procedure) {
            (id, title, owner, status, effective, approval, review) = (p.id, p.title, p.owner, p.status, p.effective, p.approval, p.review)
            coverage = Coverage(p)
        }
    }

    /// A summary is made from the process (its source, read with the settings), its page, its area's name
    /// and the language of the status labels.
    struct Key: Sendable, Hashable {
        var source: SourceFile
        var settings: Shared<MarkdownSettings>
        var page: String
        var area: String
        var language: String
    }

    static func make(_ p: Procedure, page: String, area: String, statusLabel: String, withFacts: Bool) -> ProcessSummary {
        let target = LinkTarget(title: p.title, page: page, status: p.status, statusLabel: statusLabel, area: area,
                                owner: p.owner, summary: p.summary.flatMap { $0.isEmpty ? nil : $0 }, raci: p.raci)
        // A step of at most 300 bytes has at most 300 characters: its text is shared, not copied (a copy of
        // every step was 4 MB of `build`'s peak at 10,000 SOPs).
        let steps = p.steps.map { $0.text.utf8.count <= 300 ? $0.text : String($0.text.prefix(300)) }
        let entry = SearchIndex.Entry(title: p.title, url: page, summary: p.summary ?? "", owner: p.owner ?? "",
                                      roles: p.roles.joined(separator: " · "), tags: p.tags.joined(separator: " "),
                                      area: area, steps: steps, retired: p.status == .retired)
        return ProcessSummary(target: Shared(target), entry: Shared(entry),
                              roleFacts: Shared(RoleIndex.Facts(owner: p.owner, raci: p.raci, status: p.status)),
                              facts: withFacts ? Shared(Facts(p)) : nil)
    }

    /// What the site-wide pages show of each process, through the stage runner.
    static func all(_ kb: KnowledgeBase, sources: [SourceFile], settings: Shared<MarkdownSettings>,
                    stages: some StageRunner) -> [ProcessSummary] {
        let language = kb.configuration.language
        let labels = Strings.table(for: language)
        let general = labels["general"] ?? "General"
        // The name `Layout` gives the area, made here from the file alone: summaries come before the layout.
        // Named once per area, not once per process at every save.
        let folders = kb.procedures.map { Layout.area(of: $0.file) }
        let names = Dictionary(Set(folders).map { ($0, Layout.areaName($0, general: general)) }, uniquingKeysWith: { a, _ in a })
        let area: @Sendable (Int) -> String = { names[folders[$0]] ?? Layout.areaName(folders[$0], general: general) }
        return stages.map(.summaries, kb.procedures.count, key: { i in
            Key(source: sources[i], settings: settings, page: kb.pages[i], area: area(i), language: language)
        }) { i in
            let status = kb.procedures[i].status
            return make(kb.procedures[i], page: kb.pages[i], area: area(i), statusLabel: labels["status.\(status.rawValue)"] ?? status.rawValue,
                        withFacts: stages.makesKeys)
        }
    }
}
