import Foundation

/// The keys of the site-wide pages made from many processes (`Deferred` with `inputs`): a hash of what
/// each page's model is made from, taken without making the model. `serve` compares keys to find the
/// pages a save changed; a title edit at 10,000 SOPs made every area's, role's and print volume's model
/// for that. A page's inputs are the site's (`PageInputs.site`), the processes it may show with the facts
/// it reads of each (`SitePlanner.linkFacts` and the like), and its own values (its area, role, volume).
/// A key that leaves out something its model reads would keep a stale page: `IncrementalPropertyTests`
/// compares a split site patched by random edits with a cold build.
struct PageInputs: Sendable {
    /// What every such page may read besides its processes: the configuration (title, language and so
    /// the strings, roles' descriptions, fields), the Markdown settings, the date, whether the lists are
    /// split, and the Git history's head and kind.
    var site: Int

    /// Made the first time a key asks for it: only `serve` takes keys.
    static func lazy(configuration: Configuration, settings: Shared<MarkdownSettings>, history: GitHistory, today: CivilDate,
                     splits: Bool) -> Lazy<PageInputs> {
        Lazy {
            var site = Hasher()
            site.combine(configuration)
            site.combine(settings)
            site.combine(today)
            site.combine(splits)
            site.combine(history.head)
            site.combine(history.isRepository)
            site.combine(history.isShallow)
            return PageInputs(site: site.finalize())
        }
    }
}

extension SitePlanner {
    /// The key of a page of `kind` that shows `members` (in that order), with what it reads of each member
    /// (`facts`) and its own values (`own`).
    func inputs(_ kind: String, members: some Sequence<Int>, facts: (Int, inout Hasher) -> Void,
                _ own: (inout Hasher) -> Void = { _ in }) -> Int {
        var h = Hasher()
        h.combine(kind)
        h.combine(pageInputs.value.site)
        for i in members {
            h.combine(i)
            facts(i, &h)
        }
        h.combine(-1)  // the end of the members, before the page's own values
        own(&h)
        return h.finalize()
    }

    /// What a link to process `i` shows (`processLink`): all that a role page or a RACI matrix reads of it.
    func linkFacts(_ i: Int, _ h: inout Hasher) {
        h.combine(summaries[i].target)
    }

    /// A link, and what an area's coverage counts of the process (`coverage(of:)`).
    func coverageFacts(_ i: Int, _ h: inout Hasher) {
        h.combine(summaries[i].target)
        h.combine(facts(i))
    }

    /// A link, and the fields of the process's row in the register (`registerRow`).
    func registerFacts(_ i: Int, _ h: inout Hasher) {
        h.combine(summaries[i].target)
        h.combine(facts(i))
        guard !history.revisions.isEmpty else { return }
        let revisions = history.revisions[kb.procedures[i].file]
        h.combine(revisions?.count)
        h.combine(revisions?.first?.date)
    }

    /// The summary's facts of process `i`: made with it when keys are taken, else made here.
    private func facts(_ i: Int) -> Shared<ProcessSummary.Facts> {
        summaries[i].facts ?? Shared(ProcessSummary.Facts(kb.procedures[i]))
    }

    /// Everything a print pack shows of the process (`printEntry`): its source (its procedure is parsed
    /// from it with the settings), its page, what links to it show, its body's HTML and its revisions.
    func printFacts(_ i: Int, _ h: inout Hasher) {
        h.combine(sources[i])
        h.combine(kb.pages[i])
        h.combine(summaries[i].target)
        h.combine(parsed[i].html)
        if !history.revisions.isEmpty { h.combine(history.revisions[kb.procedures[i].file]) }
    }
}
