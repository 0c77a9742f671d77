import Foundation

extension SitePlanner {
    /// Stage 7, the plan: what each process shows in lists, the layout, the role index, the process pages,
    /// then every page job. The parts a rebuild may keep go through the stage runner, keyed by their inputs.
    static func plan(_ checked: Checked, parsed: [ParsedBody], sources: [SourceFile], settings: Shared<MarkdownSettings>,
                     theme: Theme, today: CivilDate, history: GitHistory, stages: some StageRunner) -> SitePlan {
        let kb = checked.knowledgeBase
        let timer = PhaseTimer()
        let summaries = ProcessSummary.all(kb, sources: sources, settings: settings, stages: stages)
        let targets = summaries.map(\.target)
        let layoutInput = Layout.Input(kb, targets: targets, theme: theme)
        let ids = kb.procedures.map { $0.id }
        // The layout beside the role index and the print anchors: each has parts that run on one core.
        let (layout, (roles, anchors)) = Parallel.pair({ Layout.make(layoutInput, stages: stages) }, {
            (stages.run(.roles, key: {
                RoleIndex.Key(table: kb.pageTable, facts: summaries.map(\.roleFacts), roles: kb.configuration.roles,
                              readingOrder: kb.configuration.readingOrder)
            }) { RoleIndex(knowledgeBase: kb) },
             stages.run(.printAnchors, key: { ids }) { SitePlanner.printAnchors(ids) })
        })
        timer.lap("plan: layout, roles, summaries")
        let planner = SitePlanner(checked, parsed: parsed, sources: sources, settings: settings, summaries: summaries,
                                  theme: theme, today: today, history: history, layout: layout, roles: roles)
        // A process page's model is made from its input when the page is written (`ProcessPage.Input`).
        let inputs = Parallel.map(Array(kb.procedures.indices)) { planner.processInput($0) }
        timer.lap("plan: process page inputs")
        let printOrder = planner.printOrder(anchors: anchors)
        timer.lap("plan: print order")
        return SitePlan(planner: planner, printOrder: printOrder, jobs: planner.jobs(processPages: inputs, printOrder: printOrder, stages: stages))
    }
}

/// The plan: every page job, and the planner and print order they were made with (what `bodyJobs` needs).
struct SitePlan: Sendable {
    var planner: SitePlanner
    var printOrder: SitePlanner.PrintOrder
    var jobs: [PageJob]
}
