import Foundation

/// The keys of the site-wide pages made from many processes (`Deferred` with `inputs`): a hash of what
/// each page's model is made from, taken without making the model. `serve` compares keys to find the
/// pages a save changed; a title edit at 10,000 SOPs made every area's, role's and print volume's model
/// for that. A page's inputs are the site's (`PageInputs.site`), the processes it may show with the facts
/// it reads of each (`PageInputs.link` and the like), and its own values (its area, role, volume).
/// A key that leaves out something its model reads would keep a stale page: `IncrementalPropertyTests`
/// compares a split site patched by random edits with a cold build.
struct PageInputs: Sendable {
    /// What every such page may read besides its processes: the configuration (title, language and so
    /// the strings, roles' descriptions, fields), the Markdown settings, the date, whether the lists are
    /// split, and the Git history's head and kind.
    var site: Int
    /// By process index, the hash of what a page reads of it, taken once per plan rather than once per page
    /// that shows it: at 10,000 SOPs the role pages and print packs read some 300,000 members at every
    /// title edit. What a link to the process shows (`processLink`): all that a role page or a RACI matrix
    /// reads of it.
    var link: [Int] = []
    /// A link, and what an area's coverage counts of the process (`coverage(of:)`).
    var coverage: [Int] = []
    /// A link, and the fields of the process's row in the register (`registerRow`).
    var register: [Int] = []
    /// What an area's coverage counts of the process, alone (`Coverage`): the gap report's areas.
    var counts: [Int] = []
    /// Everything a print pack shows of the process (`printEntry`): its source (its procedure is parsed
    /// from it with the settings), its page, what links to it show, its body's HTML and its revisions.
    var print: [Int] = []

    /// What a page reads of each process it shows.
    enum Fact {
        case link, coverage, register, counts, print
        /// Nothing: a page whose members are its own values.
        case none
    }

    /// What the processes' digests are made from, by process index.
    struct Processes: Sendable {
        var procedures: [Procedure]
        var pages: [String]
        var sources: [SourceFile]
        var parsed: [ParsedBody]
        /// With their facts when keys are taken (`ProcessSummary.facts`).
        var summaries: [ProcessSummary]
    }

    /// Made the first time a key asks for it: only `serve` takes keys. A planner whose bodies are replaced
    /// (`SitePlanner.replacingBodies`) makes its own.
    static func lazy(configuration: Configuration, settings: Shared<MarkdownSettings>, history: GitHistory, today: CivilDate,
                     splits: Bool, processes: Processes) -> Lazy<PageInputs> {
        Lazy {
            var site = Hasher()
            site.combine(configuration)
            site.combine(settings)
            site.combine(today)
            site.combine(splits)
            site.combine(history.head)
            site.combine(history.isRepository)
            site.combine(history.isShallow)
            var inputs = PageInputs(site: site.finalize())
            for i in processes.procedures.indices { inputs.add(i, of: processes, history: history) }
            return inputs
        }
    }

    /// Reads the fields it needs in place: copies of the procedure and the summary (retains and releases)
    /// were some 40% of its samples in `perf`.
    private mutating func add(_ i: Int, of processes: Processes, history: GitHistory) {
        let target = processes.summaries[i].target
        let revisions = history.revisions.isEmpty ? nil : history.revisions[processes.procedures[i].file]
        var h = Hasher()
        h.combine(target)
        link.append(h.finalize())
        let facts = processes.summaries[i].facts ?? Shared(ProcessSummary.Facts(processes.procedures[i]))
        counts.append(facts.value.coverage.hashValue)
        h = Hasher()
        h.combine(target)
        h.combine(facts)
        var row = h
        coverage.append(h.finalize())
        row.combine(revisions?.count)
        row.combine(revisions?.first?.date)
        register.append(row.finalize())
        h = Hasher()
        h.combine(processes.sources[i])
        h.combine(processes.pages[i])
        h.combine(target)
        h.combine(processes.parsed[i].html)
        h.combine(revisions)
        print.append(h.finalize())
    }
}

extension SitePlanner {
    /// The key of a page of `kind` that shows `members` (in that order), with what it reads of each member
    /// (`facts`) and its own values (`own`).
    func inputs(_ kind: String, members: some Sequence<Int>, facts: PageInputs.Fact,
                _ own: (inout Hasher) -> Void = { _ in }) -> Int {
        let given = pageInputs.value
        let digests: [Int]
        switch facts {
        case .link: digests = given.link
        case .coverage: digests = given.coverage
        case .register: digests = given.register
        case .counts: digests = given.counts
        case .print: digests = given.print
        case .none: digests = []
        }
        var h = Hasher()
        h.combine(kind)
        h.combine(given.site)
        for i in members {
            h.combine(i)
            if !digests.isEmpty { h.combine(digests[i]) }
        }
        h.combine(-1)  // the end of the members, before the page's own values
        own(&h)
        return h.finalize()
    }
}
