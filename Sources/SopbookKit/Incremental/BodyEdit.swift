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

    /// Whether `workspace` builds from the same configuration, date, baseline, theme and history into the
    /// same folders: then only the content may differ.
    func sameInputs(_ workspace: Workspace, theme: Theme, stamp: String?) -> Bool {
        let a = self.workspace, b = workspace
        return a.content == b.content && a.output.standardizedFileURL.path == b.output.standardizedFileURL.path
            && a.today == b.today && a.baseline == b.baseline && a.configuration == b.configuration
            && self.theme == theme && self.stamp == stamp
    }
}

/// Salsa's early cut-off, for the commonest save in `serve`: a writer changes the prose of an SOP. Its
/// body is parsed again; when the procedure made from it equals the last build's (title, outline, steps,
/// links, every position a finding points at), nothing the other stages read has changed. Their results
/// are the last build's, so only the files that show the body are made again: its page and the print
/// volumes that hold it (`SitePlanner.bodyJobs`). Anything else falls back to the whole pipeline.
struct BodyEdit {
    /// The last walk, with the changed sources read again.
    var content: LoadedContent
    /// By process index: the body parsed again, and the source (without its bytes) it was parsed from.
    var bodies: [Int: (parsed: ParsedBody, source: SourceFile)]

    /// Nil unless every file of `changed` is a readable SOP of the last build whose procedure stays.
    init?(_ changed: Set<String>, content last: LoadedContent, built: Pipeline.Built, configuration: Configuration) {
        let kb = built.checked.knowledgeBase
        guard !changed.isEmpty, changed.allSatisfy({ kb.indexByFile[$0] != nil }),
              let content = IncrementalSession.reread(changed, in: last, root: built.checked.contentRoot) else { return nil }
        var bodies: [Int: (parsed: ParsedBody, source: SourceFile)] = [:]
        for path in changed {
            let n = content.sources.partitionPoint { $0.path.utf8.lexicographicallyPrecedes(path.utf8) }
            guard let i = kb.indexByFile[path], n < content.sources.count, content.sources[n].path == path,
                  case .success(let source) = FrontMatterStage.read(content.sources[n], fields: configuration.fields) else { return nil }
            let parsed = BodyStage.parse(BodyInput(source: source, settings: built.planner.settings,
                                                   html: (kb.pages[i], kb.pageTable, built.scope)))
            guard Self.keepsOutline(parsed.procedure, was: kb.procedures[i], configuration: configuration) else { return nil }
            bodies[i] = (parsed, source.source.identity)
        }
        self.content = content
        self.bodies = bodies
    }

    /// Whether every page but the body's own shows the same of `new` as of `old`. The content hash is
    /// read only against an acknowledgement of the SOP (the training matrix), so it may move when none names it.
    static func keepsOutline(_ new: Procedure, was old: Procedure, configuration: Configuration) -> Bool {
        if new.contentHash == old.contentHash { return new == old }
        let acknowledged = configuration.acknowledgements.contains { record in record.entries.contains { $0.sop == old.id } }
        var same = new
        same.contentHash = old.contentHash
        return !acknowledged && same == old
    }
}

extension IncrementalSession {
    /// A save that changed only bodies (`BodyEdit`): their pages written into the live folder, and the
    /// last build kept with the new bodies. Nil when the save is anything else, or the live folder cannot
    /// be patched: then the whole pipeline runs.
    func patchBodies(_ workspace: Workspace, changed: Set<String>, theme: Theme, stamp: String?,
                     start: DispatchTime) throws(BuildError) -> BuildOutcome? {
        let target = workspace.output.standardizedFileURL.path
        guard let (last, content) = lock.withLock({ () -> (LastBuild, LoadedContent)? in
            guard let last, let lastContent, output == target, !pageKeys.isEmpty else { return nil }
            return (last, lastContent)
        }), last.sameInputs(workspace, theme: theme, stamp: stamp),
        let edit = BodyEdit(changed, content: content, built: last.built, configuration: workspace.configuration),
        let patcher = OutputPatcher(output: workspace.output) else { return nil }
        var built = last.built
        built.planner = built.planner.replacingBodies(edit.bodies)
        built.checked.knowledgeBase = built.planner.kb
        let jobs = built.planner.bodyJobs(of: Set(edit.bodies.keys), printOrder: built.printOrder)
        let keys = jobs.map { $0.key(theme: theme) }
        let previous = lock.withLock { pageKeys }
        let selection = PageSelection(write: jobs.indices.filter { previous[jobs[$0].path] != keys[$0] }, remove: [])
        do {
            try SiteWrite.write(jobs, selection, theme: theme, writer: patcher, progress: nil)
        } catch {
            // Some pages may be written: the next build writes a fresh folder, as after any failed build.
            lock.withLock {
                pageKeys = [:]
                self.last = nil
            }
            throw BuildError(description: "the build failed and some pages may be from the previous build until the next save: "
                             + ((error as? BuildError)?.description ?? error.localizedDescription))
        }
        var outcome = last.outcome
        outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        lock.withLock {
            for n in selection.write { pageKeys[jobs[n].path] = keys[n] }
            lastContent = edit.content
            self.last = LastBuild(built: built, theme: theme, workspace: workspace, stamp: stamp, outcome: outcome)
        }
        Release.inBackground(last)
        stats = Stats(read: changed.count, parsed: changed.count, resolved: 0, written: selection.write.count, removed: 0,
                      incremental: true, bodiesOnly: true)
        return outcome
    }
}
