import Foundation

/// `sopbook serve`'s memory between builds: the sources read, the stage memos, and the key of every file
/// in the live output folder. A build through a session runs the same pipeline as a cold one; a stage is
/// skipped when its key equals the last build's, and a file is written only when its key moved.
/// Builds through one session run one after another (`serve` awaits each rebuild); the lock guards what
/// the parallel parts of a build read.
public final class IncrementalSession: @unchecked Sendable {
    /// What the last build did, for `serve`'s log line and for tests.
    public struct Stats: Sendable, Equatable {
        public var read = 0
        public var parsed = 0
        public var resolved = 0
        public var written = 0
        public var removed = 0
        /// False when the build wrote a fresh output folder (the first one, or after a failure).
        public var incremental = false
        /// Where `BodyEdit` cut the pipeline short: after a save that changed only bodies (only the pages
        /// that show them were made again), or only bodies and titles (only the plan and the write ran).
        /// Nil when the whole pipeline ran.
        public var cutOff: CutOff?

        public enum CutOff: Sendable, Equatable { case bodies, titles }
    }

    let memo = Memo()
    let lock = NSLock()
    /// The last build's walk of the content folder, and the files the watcher saw change since.
    var lastContent: LoadedContent?
    private var changedFiles: Set<String>?
    /// The key of every file in the live output folder.
    var pageKeys: [String: Int] = [:]
    /// The keys of the files the current build plans, kept once they are written.
    private var plannedKeys: [String: Int] = [:]
    var output: String?
    private var history: (stamp: String?, value: GitHistory)?
    /// What the last build made and from what, for `patchBodies`; nil after a failed build.
    var last: LastBuild?
    public internal(set) var stats = Stats()

    public init() {}

    /// One build of `workspace`. The Git history moves with commits, not with saves: it is read again only
    /// when HEAD (or the clone's depth) moved since the last build. `changedFiles` (content-relative), when the watcher saw no file added or removed,
    /// are the only files whose stamps moved: the folder is then not walked again, and when they are SOPs
    /// whose prose or titles alone changed, the pipeline is cut short (`patchBodies`).
    public func build(_ workspace: Workspace, changedFiles: Set<String>? = nil,
                      progress: BuildProgress? = nil) throws(BuildError) -> BuildOutcome {
        let start = DispatchTime.now()
        let stamp = GitHistory.stamp(contentRoot: workspace.content)
        if let changedFiles, let outcome = try patchBodies(workspace, changed: changedFiles, stamp: stamp, start: start) {
            return outcome
        }
        let theme = try SiteBuilder.theme(workspace)
        lock.withLock { self.changedFiles = changedFiles }
        // By path: a URL gains a trailing slash once its folder exists.
        let target = workspace.output.standardizedFileURL.path
        let patcher = lock.withLock { output == target && !pageKeys.isEmpty } ? OutputPatcher(output: workspace.output) : nil
        let writer: any SiteWriter
        if let patcher {
            writer = patcher
        } else {
            do { writer = try OutputWriter(output: workspace.output, content: workspace.content) } catch {
                throw BuildError(description: error.description)
            }
            lock.withLock { pageKeys = [:] }
        }
        let history = self.history.flatMap { $0.stamp == stamp ? $0.value : nil } ?? GitHistory.read(contentRoot: workspace.content)
        memo.resetCounts()
        stats = Stats()
        do {
            let (outcome, built) = try SiteBuilder.build(workspace, theme: theme, writer: writer, history: .given(history),
                                                         stages: MemoStages(session: self), progress: progress, start: start)
            memo.endBuild()
            self.history = (stamp, history)
            let replaced = lock.withLock {
                output = target
                defer { last = LastBuild(built: built, theme: theme, workspace: workspace, stamp: stamp, outcome: outcome) }
                return last
            }
            Release.inBackground(replaced)
            stats.parsed = memo.misses[.body] ?? 0
            stats.resolved = memo.misses[.links] ?? 0
            stats.incremental = writer.patchesInPlace
            return outcome
        } catch {
            memo.abandonBuild()
            // The live folder may hold some of the new pages: the next build writes a fresh one.
            lock.withLock {
                pageKeys = [:]
                last = nil
            }
            throw error
        }
    }

    /// Sources whose stamp did not move are taken from the last build instead of being read again.
    func read(_ loader: ContentLoader) -> LoadedContent {
        let (last, changed) = lock.withLock { (lastContent, changedFiles) }
        if let last, let changed, let content = IncrementalSession.reread(changed, in: last, root: loader.root) {
            stats.read = changed.count
            lock.withLock { lastContent = content }
            return content
        }
        let known = Dictionary((last?.sources ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var content = loader.load(unchanged: { path, stamp in known[path]?.stamp == stamp })
        var read = 0
        for i in content.sources.indices {
            if content.sources[i].isUnchanged, let kept = known[content.sources[i].path] {
                content.sources[i] = kept
            } else {
                read += 1
            }
        }
        lock.withLock { lastContent = content }
        stats.read = read
        return content
    }

    /// The last walk with the changed sources read again; nil when a change is not a plain edit of a file
    /// the walk found (then the folder is walked). Attachments are copied by their stamp, read at plan time.
    static func reread(_ changed: Set<String>, in last: LoadedContent, root: URL) -> LoadedContent? {
        var content = last
        for path in changed where !last.attachments.contains(path) {
            // The walk sorts sources by path bytes: a binary search, not a table of every file per save.
            let i = last.sources.partitionPoint { $0.path.utf8.lexicographicallyPrecedes(path.utf8) }
            guard i < last.sources.count, last.sources[i].path == path, last.sources[i].problem == nil else { return nil }
            let full = root.appendingPathComponent(path).path
            var info = stat()
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= ContentLoader.maximumFileSize,
                  let bytes = ContentLoader.readAll(full, sizeHint: Int(info.st_size)) else { return nil }
            content.sources[i] = SourceFile(path: path, bytes: bytes, stamp: FileStamp(info))
        }
        return content
    }

    /// The jobs whose key moved since they were last written, and the files no longer planned; with
    /// `wholeSite` false, `jobs` are some files of the site only, and no other file is removed.
    func select(_ jobs: [PageJob], theme: Theme, writer: any SiteWriter, wholeSite: Bool = true) -> PageSelection {
        let keys = Parallel.map(jobs) { $0.key(theme: theme) }
        let byPath = Dictionary(zip(jobs.map(\.path), keys), uniquingKeysWith: { a, _ in a })
        let previous = lock.withLock {
            plannedKeys = byPath
            return pageKeys
        }
        guard writer.patchesInPlace else { return PageSelection(write: Array(jobs.indices), remove: [], isWholeSite: wholeSite) }
        let write = jobs.indices.filter { previous[jobs[$0].path] != keys[$0] }
        let remove = wholeSite ? previous.keys.filter { byPath[$0] == nil }.sorted() : []
        return PageSelection(write: write, remove: remove, isWholeSite: wholeSite)
    }

    func wrote(_ selection: PageSelection) {
        lock.withLock {
            if selection.isWholeSite { pageKeys = plannedKeys } else { pageKeys.merge(plannedKeys) { _, new in new } }
        }
        stats.written = selection.write.count
        stats.removed = selection.remove.count
    }
}

/// The pipeline's stages through a session's memos.
struct MemoStages: StageRunner {
    let session: IncrementalSession

    func read(_ loader: ContentLoader) -> LoadedContent { session.read(loader) }

    var makesKeys: Bool { true }

    func map<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ count: Int, key: @Sendable (Int) -> Key,
                                                        contention: Parallel.Contention<Int>?, _ compute: @Sendable (Int) -> Output) -> [Output] {
        session.memo.map(stage, count, key: key, contention: contention, compute)
    }

    func select(_ jobs: [PageJob], theme: Theme, writer: any SiteWriter) -> PageSelection {
        session.select(jobs, theme: theme, writer: writer)
    }

    func wrote(_ selection: PageSelection) { session.wrote(selection) }
}
