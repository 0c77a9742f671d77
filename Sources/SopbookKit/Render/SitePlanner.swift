import Foundation

/// Stage 7: the plan of the site, a list of page jobs each carrying the model of its page. Pure: reads the
/// checked knowledge base, renders no template but the sidebar lists of the layout, writes nothing.
struct SitePlanner {
    /// Variables for `replacingBodies`; nothing else changes them.
    private(set) var kb: KnowledgeBase
    let contentRoot: URL
    /// The parsed bodies, sources and settings of the processes, for the inputs of their pages.
    private(set) var parsed: [ParsedBody]
    private(set) var sources: [SourceFile]
    let settings: Shared<MarkdownSettings>
    let report: Report
    let theme: Theme
    let today: CivilDate
    let history: GitHistory
    let layout: Layout
    let roles: RoleIndex
    let strings: [String: String]
    let site: Shared<PageFrame.Site>
    /// The page of each role, shared by the inputs of every process page.
    let rolePages: Shared<[String: String]>
    /// The navigation of pages outside any process, and of each folder's pages.
    let plainNav: Shared<PageFrame.Navigation>
    /// What a link to each process shows, and its search entry, by procedure index.
    let summaries: [ProcessSummary]
    let folderNav: [FolderPart: Shared<PageFrame.Navigation>]
    /// The range of each file's findings in the report (`findings(of:)`).
    let findingsOfFile: [String: Range<Int>]
    /// What the keys of the site-wide pages are made from (`Incremental/PageInputs.swift`), made when `serve`
    /// first asks for one.
    private(set) var pageInputs: Lazy<PageInputs>

    init(_ checked: Checked, parsed: [ParsedBody], sources: [SourceFile], settings: Shared<MarkdownSettings>,
         summaries: [ProcessSummary], theme: Theme, today: CivilDate, history: GitHistory, layout: Layout, roles: RoleIndex) {
        self.parsed = parsed
        self.sources = sources
        self.settings = settings
        self.summaries = summaries
        let kb = checked.knowledgeBase
        self.kb = kb
        self.contentRoot = checked.contentRoot
        self.report = checked.report
        self.theme = theme
        self.today = today
        self.history = history
        self.layout = layout
        self.roles = roles
        let strings = Strings.table(for: kb.configuration.language)
        self.strings = strings
        self.site = Shared(PageFrame.Site(title: kb.configuration.title, language: kb.configuration.language, strings: strings,
                                          hasTraining: !kb.configuration.people.isEmpty))
        self.rolePages = Shared(Dictionary(uniqueKeysWithValues: roles.roles.map { ($0.name, $0.page) }))
        self.plainNav = Shared(PageFrame.Navigation(SitePlanner.nav(layout, folder: nil)))
        let parts = layout.folderLists.flatMap { folder, lists in lists.indices.map { FolderPart(folder: folder, part: $0) } }
        let navs = Parallel.map(parts) { Shared(PageFrame.Navigation(SitePlanner.nav(layout, folder: $0))) }
        self.folderNav = Dictionary(uniqueKeysWithValues: zip(parts, navs))
        self.findingsOfFile = Self.findingRanges(checked.report.findings)
        self.pageInputs = Self.pageInputs(kb, parsed: parsed, sources: sources, settings: settings, summaries: summaries,
                                          history: history, today: today, splits: layout.splitsLists)
    }

    static func pageInputs(_ kb: KnowledgeBase, parsed: [ParsedBody], sources: [SourceFile], settings: Shared<MarkdownSettings>,
                           summaries: [ProcessSummary], history: GitHistory, today: CivilDate, splits: Bool) -> Lazy<PageInputs> {
        PageInputs.lazy(configuration: kb.configuration, settings: settings, history: history, today: today, splits: splits,
                        processes: .init(procedures: kb.procedures, pages: kb.pages, sources: sources, parsed: parsed, summaries: summaries))
    }

    /// One part of a folder's sidebar list (`Layout.sidebarParts`).
    struct FolderPart: Hashable, Sendable {
        var folder: String
        var part: Int
    }

    static func nav(_ layout: Layout, folder: FolderPart?) -> [PageFrame.NavArea] {
        let currentArea = folder.map { Layout.area(of: $0.folder + "/") }
        return layout.areas.map { area in
            let isCurrent = area == currentArea
            return PageFrame.NavArea(name: layout.areaNames[area] ?? area, href: layout.areaHref(area),
                                     count: layout.membersOfArea[area]?.count ?? 0, current: isCurrent,
                                     folderList: isCurrent ? folder.flatMap { f in layout.folderLists[f.folder].flatMap { f.part < $0.count ? $0[f.part] : nil } } : nil)
        }
    }

    /// Every file of the site. The largest site-wide pages come first, so that they overlap the process
    /// pages on the other core. The groups of site-wide pages are independent: they are made in parallel.
    func jobs(processPages: [ProcessPage.Input], printOrder: PrintOrder, stages: some StageRunner) -> [PageJob] {
        let timer = PhaseTimer()
        defer { timer.lap("plan: pages") }
        // One matrix for the register's `acknowledged` column, the training pages and the role pages.
        let training = trainingMatrix()
        // The largest files first (print volumes, role pages, the search index), the ten thousand small
        // process pages after them: the write stage takes the jobs in this order, so that its cores end
        // together on small pages rather than one core on the last print volume.
        var siteWide: [@Sendable () -> [PageJob]] = [
            { printJobs(printOrder) },
            { roles.roles.flatMap { roleJobs($0, training: training) } },
            { searchIndexJobs() + [deferredPage("gaps.html", "gaps", inputs: { gapsInputs() }) { gapsPage() }] },
            { homeJobs(printPages: printOrder.areaPages) + raciJobs() },
            { registerJobs(training, stages: stages) + trainingJobs(training) },
            // The report is the last build's when a save changed titles only (`Incremental/BodyEdit.swift`).
            { [PageJob(path: "gaps.json", content: .data(stages.run(.reportJSON, key: { report }) { Data(JSONReport.render(report).utf8) })),
               page("roles.html", "roles", rolesPage()), page("404.html", "404", NotFoundPage())] },
        ]
        // The keys of the site-wide pages read it: made beside the other tasks, rather than on one core
        // while the keys wait for it.
        if stages.makesKeys { siteWide.append { _ = pageInputs.value; return [] } }
        let made = Parallel.all(siteWide)
        timer.lap("plan: site-wide pages")
        var jobs = Array(made.joined())
        jobs += Parallel.map(Array(kb.procedures.indices)) { i in page(kb.pages[i], "process", processPages[i], current: i) }
        for u in kb.unreadable {
            guard let path = kb.unreadablePages[u.file] else { continue }
            let known = known(of: u.file)
            let items = findings(of: u.file).enumerated().map { n, f in FindingItem(f, known: known.indices.contains(n) && known[n]) }
            jobs.append(page(path, "unreadable", UnreadablePage(file: u.file, findings: items)))
        }
        for (path, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            jobs.append(PageJob(path: "_sopbook/" + path, content: .data(data)))
        }
        // Static hosts such as GitHub Pages would otherwise hide the `_sopbook/` folder.
        jobs.append(PageJob(path: ".nojekyll", content: .data(Data())))
        var copied = Set<String>()
        for list in kb.links {
            for link in list {
                guard case .attachment(let path) = link.target, copied.insert(path).inserted else { continue }
                let source = contentRoot.appendingPathComponent(path)
                jobs.append(PageJob(path: path, content: .copy(source, stamp: FolderStamps.stamp(of: source.path))))
            }
        }
        return jobs
    }

    /// The files that show the bodies of `changed` (process indices): their pages and the print volumes
    /// that hold them. Every other job reads the outline alone (the procedure), never `parsed[i].html`.
    func bodyJobs(of changed: Set<Int>, printOrder: PrintOrder) -> [PageJob] {
        changed.sorted().map { page(kb.pages[$0], "process", processInput($0), current: $0) }
            + printJobs(printOrder, holding: changed)
    }

    /// The planner with the bodies of some processes parsed again from new sources, their procedures
    /// unchanged but for what no page shows (`Incremental/BodyEdit.swift` decides that).
    func replacingBodies(_ bodies: [Int: (parsed: ParsedBody, source: SourceFile)]) -> SitePlanner {
        var planner = self
        for (i, body) in bodies {
            planner.parsed[i] = body.parsed
            planner.sources[i] = body.source
            planner.kb.procedures[i] = body.parsed.procedure
        }
        planner.pageInputs = Self.pageInputs(planner.kb, parsed: planner.parsed, sources: planner.sources, settings: settings,
                                             summaries: summaries, history: history, today: today, splits: layout.splitsLists)
        return planner
    }

    func page(_ path: String, _ template: String, _ content: some TemplateModel, current: Int? = nil) -> PageJob {
        let folder = current.map { FolderPart(folder: Layout.folder(of: kb.procedures[$0].file), part: layout.sidebarPart(of: $0)) }
        let frame = PageFrame(site: site, root: ContentPath.rootPrefix(forPage: path),
                              nav: folder.flatMap { folderNav[$0] } ?? plainNav, currentItem: current,
                              section: template == "index" ? "home" : template == "role" ? "roles" : template)
        return PageJob(path: path, content: .page(template: template, model: PageModel(frame: frame, content: content)))
    }

    /// A page whose model is made when it is written (`Deferred`): the site-wide pages, each made from many
    /// processes; keyed by `inputs` when given (`Incremental/PageInputs.swift`), else by the model.
    func deferredPage(_ path: String, _ template: String, inputs: (@Sendable () -> Int)? = nil,
                      _ make: @escaping @Sendable () -> some TemplateModel) -> PageJob {
        page(path, template, Deferred(inputs: inputs, make))
    }

    func s(_ key: String) -> String { strings[key] ?? key }

    func areaName(_ area: String) -> String {
        layout.areaNames[area] ?? Layout.areaName(area, general: s("general"))
    }

    func processLink(_ i: Int, from page: Shared<String>) -> ProcessLink {
        ProcessLink(target: summaries[i].target, from: page)
    }
}
