import Foundation

/// What the last build of a session made, and from what: the inputs a save must leave alone for
/// `patchBodies` to keep the rest of the site.
struct LastBuild: Sendable {
    var built: Pipeline.Built
    var theme: Theme
    var workspace: Workspace
    /// HEAD (and the clone's depth) when the history was read.
    var stamp: String?
    var outcome: BuildOutcome

    /// Whether `workspace` builds from the same configuration, date, baseline, templates and history into
    /// the same folders: then only the content may differ. The theme is not loaded again to compare it:
    /// a save of a template is not a save of SOPs only, which is all `BodyEdit` accepts (a template
    /// outside the content folder makes the watcher's list of changed files nil; one inside it is not an SOP).
    func sameInputs(_ workspace: Workspace, stamp: String?) -> Bool {
        let a = self.workspace, b = workspace
        return a.content == b.content && a.output.standardizedFileURL.path == b.output.standardizedFileURL.path
            && a.templates == b.templates && a.today == b.today && a.baseline == b.baseline
            && a.configuration == b.configuration && self.stamp == stamp
    }
}

/// Salsa's early cut-off, for the commonest saves in `serve`: a writer changes the prose of an SOP, or
/// its title. The changed bodies are parsed again and their procedures compared with the last build's:
/// - equal (title, outline, steps, links, every position a finding points at): nothing the other stages
///   read has changed, so only the files that show the bodies are made again, their pages and the print
///   volumes that hold them (`SitePlanner.bodyJobs`);
/// - equal but for the title: no link, anchor, page or finding reads a title, so the checked knowledge
///   base is the last one with the new procedures, and only the plan and the write run (through the memos).
/// Anything else falls back to the whole pipeline.
struct BodyEdit {
    /// What the save changed beyond the prose of the bodies.
    enum Reach: Comparable { case prose, titles }

    /// The last walk, with the changed sources read again.
    var content: LoadedContent
    /// By process index: the body parsed again, and the source (without its bytes) it was parsed from.
    var bodies: [Int: (parsed: ParsedBody, source: SourceFile)]
    var reach = Reach.prose

    /// Nil unless every file of `changed` is a readable SOP of the last build whose procedure stays, but
    /// for its title.
    init?(_ changed: Set<String>, content last: LoadedContent, built: Pipeline.Built, configuration: Configuration) {
        let kb = built.checked.knowledgeBase
        guard !changed.isEmpty, changed.allSatisfy({ kb.indexByFile[$0] != nil }),
              let content = IncrementalSession.reread(changed, in: last, root: built.checked.contentRoot) else { return nil }
        var bodies: [Int: (parsed: ParsedBody, source: SourceFile)] = [:]
        for path in changed {
            let n = content.sources.partitionPoint { $0.path.utf8.lexicographicallyPrecedes(path.utf8) }
            guard let i = kb.indexByFile[path], n < content.sources.count, content.sources[n].path == path,
                  case .success(let source) = FrontMatterStage.read(content.sources[n], fields: configuration.fields,
                                                                    hashesContent: configuration.readsContentHashes) else { return nil }
            let parsed = BodyStage.parse(BodyInput(source: source, settings: built.planner.settings,
                                                   html: (kb.pages[i], kb.pageTable, built.scope, nil)))
            guard let reach = Self.reach(parsed.procedure, was: kb.procedures[i], configuration: configuration) else { return nil }
            self.reach = max(self.reach, reach)
            bodies[i] = (parsed, source.source.identity)
        }
        self.content = content
        self.bodies = bodies
    }

    /// How far the change from `old` to `new` shows: in the body alone, in what shows the title too, or
    /// (nil) further. The content hash is read only against an acknowledgement of the SOP (the training
    /// matrix), so it may move when none names it.
    static func reach(_ new: Procedure, was old: Procedure, configuration: Configuration) -> Reach? {
        var same = new
        if new.contentHash != old.contentHash {
            guard !configuration.acknowledgements.contains(where: { record in record.entries.contains { $0.sop == old.id } }) else { return nil }
            same.contentHash = old.contentHash
        }
        if same == old { return .prose }
        same.title = old.title
        return same == old ? .titles : nil
    }
}

extension IncrementalSession {
    /// A save that changed only bodies or titles (`BodyEdit`): the pages it changes written into the live
    /// folder, and the last build kept with the new procedures. Nil when the save is anything else, or
    /// the live folder cannot be patched: then the whole pipeline runs.
    func patchBodies(_ workspace: Workspace, changed: Set<String>, stamp: String?,
                     start: DispatchTime) throws(BuildError) -> BuildOutcome? {
        let timer = PhaseTimer(since: start)
        let target = workspace.output.standardizedFileURL.path
        guard let (last, content) = lock.withLock({ () -> (LastBuild, LoadedContent)? in
            guard let last, let lastContent, output == target, !pageKeys.isEmpty else { return nil }
            return (last, lastContent)
        }), last.sameInputs(workspace, stamp: stamp),
        let edit = BodyEdit(changed, content: content, built: last.built, configuration: workspace.configuration),
        let patcher = OutputPatcher(output: workspace.output) else { return nil }
        timer.lap("save: the changed files read and parsed")
        let theme = last.theme
        var built = last.built
        built.planner = built.planner.replacingBodies(edit.bodies)
        memo.resetCounts()
        stats = Stats(read: changed.count, parsed: changed.count, incremental: true, cutOff: edit.reach == .prose ? .bodies : .titles)
        do {
            switch edit.reach {
            case .prose: try writeBodies(edit, of: built, theme: theme, writer: patcher)
            case .titles: built = try replan(built, today: workspace.today, theme: theme, writer: patcher)
            }
        } catch {
            memo.abandonBuild()
            // Some pages may be written: the next build writes a fresh folder, as after any failed build.
            lock.withLock {
                pageKeys = [:]
                self.last = nil
            }
            throw SiteBuilder.failure(error, writer: patcher)
        }
        timer.lap("save: planned and written")
        var outcome = last.outcome
        outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        lock.withLock {
            lastContent = edit.content
            self.last = LastBuild(built: built, theme: theme, workspace: workspace, stamp: stamp, outcome: outcome)
        }
        Release.inBackground(last)
        return outcome
    }

    /// The pages and print volumes that show the bodies, those whose key moved.
    private func writeBodies(_ edit: BodyEdit, of built: Pipeline.Built, theme: Theme, writer: OutputPatcher) throws {
        let jobs = built.planner.bodyJobs(of: Set(edit.bodies.keys), printOrder: built.printOrder)
        let selection = select(jobs, theme: theme, writer: writer, wholeSite: false)
        try SiteWrite.write(jobs, selection, theme: theme, writer: writer, progress: nil)
        wrote(selection)
    }

    /// Stages 7 and 8 on the last checked knowledge base with the new procedures, through the memos; the
    /// stages skipped keep their memos for the next build.
    private func replan(_ built: Pipeline.Built, today: CivilDate, theme: Theme, writer: OutputPatcher) throws -> Pipeline.Built {
        let replanned = try Pipeline.planAndWrite(built.run, theme: theme, today: today, writer: writer, stages: MemoStages(session: self),
                                                  progress: nil)
        memo.endBuild()
        return replanned
    }
}
