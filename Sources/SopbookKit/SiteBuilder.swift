import Foundation

/// Counters the pipeline bumps as it goes, for a progress line on a terminal. Shared across threads.
public final class BuildProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var _parsed = 0
    private var _written = 0
    private var _total = 0

    public init() {}

    public var snapshot: (parsed: Int, written: Int, total: Int) {
        lock.withLock { (_parsed, _written, _total) }
    }

    func setTotal(_ n: Int) { lock.withLock { _total = n } }
    func parsed(_ n: Int = 1) { lock.withLock { _parsed += n } }
    func wrote(_ n: Int = 1) { lock.withLock { _written += n } }
}

/// What a build produced.
public struct BuildOutcome: Sendable {
    public var report: Report
    public var seconds: Double
    /// Output page of each content file, for tools that show findings on pages (`serve`).
    public var pageOfFile: [String: String]
}

/// A build failed before or while writing; the previous output is untouched.
public struct BuildError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// True when the problem is in how the build was asked for (exit 2), not in the content.
    public var isUsage: Bool

    public init(description: String, isUsage: Bool) {
        self.description = description
        self.isUsage = isUsage
    }
}

/// Load, validate, render and write, as `sopbook build` and `sopbook serve` both do it.
public enum SiteBuilder {
    /// With a `cache` (serve), a rebuild after an edit reads, parses and renders only what the edit changed,
    /// and patches the live output folder in place; without one, everything is built into a fresh folder.
    /// `changedFiles` (content-relative), when the caller knows them, lets an edit skip the walk of the folder.
    public static func build(_ workspace: Workspace, progress: BuildProgress? = nil,
                             cache: BuildCache? = nil, changedFiles: Set<String>? = nil) throws(BuildError) -> BuildOutcome {
        let start = DispatchTime.now()
        let theme: Theme
        do { theme = try Theme.load(overrides: workspace.templates) } catch {
            throw BuildError(description: error.description, isUsage: true)
        }
        let renderKey = Site.renderKey(theme: theme, configuration: workspace.configuration)
        let writer: any SiteWriter
        var history: GitHistory?
        if let cache, cache.renderKey == renderKey, cache.output?.standardizedFileURL.path == workspace.output.standardizedFileURL.path,
           !cache.pageKeys.isEmpty,
           let patcher = OutputPatcher(output: workspace.output) {
            writer = patcher
            // Git's "last changed" dates move with commits, not with saves: read once per session.
            history = cache.history
        } else {
            do { writer = try OutputWriter(output: workspace.output, content: workspace.content) } catch {
                throw BuildError(description: error.description, isUsage: true)
            }
            cache?.pageKeys = [:]
        }
        cache?.output = workspace.output
        // `git log` runs while the content loads: it is another process, mostly waiting.
        let gitHistory = history == nil ? GitHistoryReader(contentRoot: workspace.content) : nil
        let options = Site.Options(contentRoot: workspace.content, configuration: workspace.configuration,
                                   renderBodies: true, progress: progress)
        var patched: Site?
        if let cache, let changedFiles, writer.patchesInPlace {
            patched = Site.patch(options, cache: cache, changed: changedFiles)
        }
        let site = patched ?? Site.load(options, cache: cache)
        let report = site.check(today: workspace.today, cache: cache)
        do {
            try site.build(report: report, theme: theme, today: workspace.today, contentRoot: workspace.content,
                           writer: writer, history: history ?? gitHistory?.result(), progress: progress, cache: cache)
        } catch {
            // Patching in place cannot be undone file by file; the cache was cleared, so the next build is whole.
            let outcome = writer.patchesInPlace ? "some pages may be from the previous build until the next save"
                : "the previous output was left as it was"
            throw BuildError(description: "the build failed and \(outcome): \(error.localizedDescription)", isUsage: false)
        }
        let kb = site.knowledgeBase
        var pageOfFile: [String: String] = [:]
        for i in kb.procedures.indices { pageOfFile[kb.procedures[i].file] = kb.pages[i] }
        for (file, page) in kb.unreadablePages { pageOfFile[file] = page }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildOutcome(report: report, seconds: seconds, pageOfFile: pageOfFile)
    }
}

/// Reads the Git history on its own thread; `result()` waits for it.
final class GitHistoryReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var history = GitHistory()

    init(contentRoot: URL) {
        Thread.detachNewThread { [self] in
            history = GitHistory.read(contentRoot: contentRoot)
            done.signal()
        }
    }

    func result() -> GitHistory {
        done.wait()
        done.signal()
        return history
    }
}
