import Foundation

/// Sopbook, top to bottom: read → front matter → page table → parse bodies → resolve links → validate →
/// plan the site → write. Each stage is a pure function of its inputs; `stages` runs them, directly or
/// through the memos of `Incremental/`. `check` is the pipeline stopped before the plan.
public enum Pipeline {
    public static func check(_ input: Input) -> Checked { check(input, stages: DirectStages()).checked }

    /// `check`, with what the plan is made from besides the checked knowledge base.
    struct CheckRun: Sendable {
        var checked: Checked
        var parsed: [ParsedBody]
        var sources: [SourceFile]
        var settings: Shared<MarkdownSettings>
        /// What the bodies' links were rewritten against, with the page table.
        var scope: Shared<LinkScope>
    }

    static func check(_ input: Input, stages: some StageRunner) -> CheckRun {
        let timer = PhaseTimer()
        let loader = ContentLoader(root: input.content, links: input.configuration.links,
                                   excluding: Set([input.configuration.navigationSource].compactMap { $0 }))
        let loaded = stages.read(loader).adding(input.configuration.navigationProblems.map(Finding.init(navigation:))) // 1. read
        timer.lap("read")
        input.progress?.setTotal(loaded.sources.count)
        let (fields, hashes) = (input.configuration.fields, input.hashesContent)
        let fronts = stages.map(.frontMatter, loaded.sources.count,
                                key: { FrontMatterStage.Key(source: loaded.sources[$0], fields: fields, hashesContent: hashes) }) {
            FrontMatterStage.read(loaded.sources[$0], fields: fields, hashesContent: hashes)  // 2. front matter
        }
        let (sources, unreadable) = FrontMatterStage.partition(fronts)
        // Each source holds its own bytes from here on, released as its body is parsed when no key needs them.
        let content = stages.makesKeys ? loaded : loaded.withoutSources
        timer.lap("front matter")
        let scope = Shared(LinkScope(conventions: input.configuration.links, attachments: content.attachments))
        let settings = Shared(MarkdownSettings(configuration: input.configuration))
        let (table, parsed) = tableAndBodies(input, sources: sources, unreadable: unreadable, settings: settings, scope: scope, // 3, 4
                                             stages: stages, timer: timer)
        let procedures = parsed.map(\.procedure)
        let links = Shared(LinkStage.Context(table: table, attachments: content.attachments, unreadable: Set(unreadable.map(\.file)),
                                                    conventions: input.configuration.links))
        let kb = LinkStage.resolve(input, content: content, sources: sources, parsed: procedures, // 5. resolve links
                                   unreadable: unreadable, context: links, settings: settings, loader: loader, stages: stages)
        timer.lap("links")
        // Waited for only now: `git log` ran while the content was read and parsed.
        let read = input.history.value, approvals = Self.approvals(sources)
        let history = read.with(approvalChanges: stages.run(.approvals, key: { GitHistory.ApprovalKey(read, approvals: approvals) }) {
            read.changes(after: approvals, contentRoot: loader.root)
        })
        let context = RuleContext(knowledgeBase: kb, today: input.today, history: history)
        let rules = Shared(Validator.ProcessKey.Settings(configuration: input.configuration, today: input.today, links: links))
        let findings = Validator.validate(context, processFindings: stages.map(.findings, kb.procedures.count, key: { // 6. validate
            Validator.ProcessKey(index: $0, links: kb.links[$0], sources: sources, settings: rules, history: history)
        }) { Validator.processFindings($0, context) })
        timer.lap("validate")
        let checked = Checked(knowledgeBase: kb, report: Report(knowledgeBase: kb, findings: findings, baseline: input.baseline, history: history),
                              contentRoot: loader.root, history: history)
        return CheckRun(checked: checked, parsed: parsed, sources: sources.map(\.source), settings: settings, scope: scope)
    }

    /// Stages 3 and 4: the page table, and the bodies parsed (rendered, for a build, with their links
    /// rewritten through the table). Without HTML no body reads the table: it is made meanwhile, on another thread.
    private static func tableAndBodies(_ input: Input, sources: [SourceProcedure], unreadable: [UnreadableFile], settings: Shared<MarkdownSettings>,
                                       scope: Shared<LinkScope>, stages: some StageRunner, timer: PhaseTimer) -> (Shared<PageTable>, [ParsedBody]) {
        let make: @Sendable () -> Shared<PageTable> = {
            let tableInput = PageTable.Input(sources, unreadable: unreadable)
            return stages.run(.pageTable, key: { tableInput }) { Shared(PageTable(tableInput)) }
        }
        let table = input.renderBodies ? Lazy(make) : Lazy.started(make)                                       // 3. page table
        let rewriting = input.renderBodies ? table.value : nil
        timer.lap("page table")
        let bodies = sources.indices.map { i in
            BodyInput(source: sources[i], settings: settings, html: rewriting.map { ($0.value.pages[i], $0, scope, input.bodyStore) })
        }
        let releases = !stages.makesKeys
        let parsed = stages.map(.body, bodies, contention: MarkdownDocument.contention { bodies[$0].source.source.bytes }) { i in // 4. parse bodies
            defer { input.progress?.parsed() }
            let body = BodyStage.parse(bodies[i])
            if releases { bodies[i].source.releaseBytes() }
            return body
        }
        timer.lap("Markdown")
        return (table.value, parsed)
    }

    /// The `approval.on` of each approved SOP, by file.
    static func approvals(_ sources: [SourceProcedure]) -> [String: CivilDate] {
        Dictionary(sources.compactMap { s in s.procedure.approval.map { (s.procedure.file, $0.on) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The whole pipeline, cold, through `writer` (a staging folder swapped into place): for tools outside
    /// the package that hold an input rather than a workspace (the fuzz harness).
    public static func build(_ input: Input, theme: Theme, writer: OutputWriter) throws -> Checked {
        var input = input
        input.bodyStore = writer.bodies
        return try build(input, theme: theme, writer: writer, stages: DirectStages()).checked
    }

    /// The whole pipeline: `check`, then the plan of the site, then the write through `writer` (a staging
    /// folder swapped into place, or for `serve` the live folder patched in place).
    static func build(_ input: Input, theme: Theme, writer: any SiteWriter, stages: some StageRunner) throws -> Built {
        try planAndWrite(checkForPlan(input, stages: stages), theme: theme, today: input.today, writer: writer, stages: stages,
                         progress: input.progress)
    }

    /// Stages 7 and 8 on a checked knowledge base: a build's, or for `serve` the last one with new
    /// procedures (`Incremental/BodyEdit.swift`).
    static func planAndWrite(_ run: CheckRun, theme: Theme, today: CivilDate, writer: any SiteWriter, stages: some StageRunner,
                             progress: BuildProgress?) throws -> Built {
        let plan = SitePlanner.plan(run.checked, parsed: run.parsed, sources: run.sources, settings: run.settings, theme: theme, // 7. plan
                                    today: today, history: run.checked.history, stages: stages)
        try SiteWrite.write(plan.jobs, theme: theme, writer: writer, stages: stages, progress: progress) // 8. write
        Release.inBackground(plan.jobs)
        return Built(planner: plan.planner, printOrder: plan.printOrder, scope: run.scope)
    }

    /// What a build made besides its files: what its pages were planned from, the checked knowledge base
    /// among it. `serve` keeps the last one, to cut a save of prose or titles short (`Incremental/BodyEdit.swift`).
    struct Built: Sendable {
        var planner: SitePlanner
        var printOrder: SitePlanner.PrintOrder
        var scope: Shared<LinkScope>

        /// The checked knowledge base the planner holds.
        var checked: Checked {
            Checked(knowledgeBase: planner.kb, report: planner.report, contentRoot: planner.contentRoot, history: planner.history)
        }

        /// What the plan was made from, for planning again.
        var run: CheckRun {
            CheckRun(checked: checked, parsed: planner.parsed, sources: planner.sources, settings: planner.settings, scope: scope)
        }
    }

    /// `check`, with the sources as the plan needs them: without their bytes, which the plan's keys stand
    /// for but never read, so that they are freed before the pages are made (40 MB at 10,000 SOPs). A run
    /// that makes no keys plans from procedures without what only the rules read (`Procedure.forPlan`), and
    /// of the resolved links keeps those to attachments (the files the plan copies): the knowledge base it
    /// returns holds those.
    private static func checkForPlan(_ input: Input, stages: some StageRunner) -> CheckRun {
        var run = check(input, stages: stages)
        run.sources = run.sources.map(\.identity)
        guard !stages.makesKeys else { return run }
        // What the plan does without: freed on another thread, as the plan starts. Freed here, ten thousand
        // full procedures and their links were 20 ms that the plan waited for on one core.
        let replaced = (run.checked.knowledgeBase.procedures, run.checked.knowledgeBase.links, run.parsed)
        let procedures = Parallel.map(run.checked.knowledgeBase.procedures) { $0.forPlan() }
        run.checked.knowledgeBase.procedures = procedures
        run.checked.knowledgeBase.links = run.checked.knowledgeBase.links.map { list in
            list.filter { if case .attachment = $0.target { true } else { false } }
        }
        run.parsed = zip(procedures, run.parsed).map { ParsedBody(procedure: $0, html: $1.html) }
        Release.inBackground(replaced)
        return run
    }
}
