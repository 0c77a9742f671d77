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
    /// Output page of each content file, for tools that show findings on pages (`serve`). Made at each
    /// call (a table of every file: call it once, not per finding); `build` exits without it.
    public func pageByFile() -> [String: String] {
        var pageOfFile = Dictionary(zip(files, pages), uniquingKeysWith: { _, last in last })
        for (file, page) in unreadablePages { pageOfFile[file] = page }
        return pageOfFile
    }
    var files: [String]
    var pages: [String]
    var unreadablePages: [String: String]
    /// The number of process pages (SOPs that could be read, and those that could not).
    public var processPages: Int
    /// What the build could not do as asked, once each (a shallow clone's incomplete history), with the fix.
    public var warnings: [String] = []
}

/// A build failed before or while writing; the previous output is untouched.
public struct BuildError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// `sopbook build`: the theme, the Git history and the pipeline, cold, into a staging folder swapped into place.
public enum SiteBuilder {
    public static func build(_ workspace: Workspace, progress: BuildProgress? = nil) throws(BuildError) -> BuildOutcome {
        let start = DispatchTime.now()
        let theme = try self.theme(workspace)
        let writer: OutputWriter
        do { writer = try OutputWriter(output: workspace.output, content: workspace.content) } catch {
            throw BuildError(description: error.description)
        }
        // `git log` runs while the content loads: it is another process, mostly waiting.
        let (outcome, built) = try build(workspace, theme: theme, writer: writer, history: .reading(workspace.content),
                                         stages: DirectStages(), progress: progress, start: start, bodies: writer.bodies)
        // The knowledge base and its pages' inputs are freed on another thread, as `check`'s are: freed
        // here, they held up the report and the exit.
        Release.inBackground(built)
        return outcome
    }

    /// The built-in theme with the workspace's overrides; a bad override stops the build before it writes.
    static func theme(_ workspace: Workspace) throws(BuildError) -> Theme {
        let timer = PhaseTimer()
        defer { timer.lap("theme") }
        do { return try Theme.load(overrides: workspace.templates) } catch {
            throw BuildError(description: error.description)
        }
    }

    /// One build through `stages`: `DirectStages` here, the memos of `Incremental/` for `serve`, which
    /// keeps what was built for the next save. The outcome's time runs from `start`. The rendered bodies
    /// wait for the write in `bodies` when given (a cold build's), else in memory.
    static func build(_ workspace: Workspace, theme: Theme, writer: any SiteWriter, history: GitHistory.Source, stages: some StageRunner,
                      progress: BuildProgress?, start: DispatchTime, bodies: BodyStore? = nil) throws(BuildError) -> (outcome: BuildOutcome, built: Pipeline.Built) {
        let timer = PhaseTimer()
        var input = Pipeline.Input(content: workspace.content, configuration: workspace.configuration, today: workspace.today,
                                   renderBodies: true, progress: progress, baseline: workspace.baseline, history: history)
        input.bodyStore = bodies
        let built: Pipeline.Built
        do {
            built = try Pipeline.build(input, theme: theme, writer: writer, stages: stages)
        } catch {
            throw failure(error, writer: writer)
        }
        timer.lap("pipeline")
        return (outcome(built.checked, since: start), built)
    }

    /// A build that failed while planning or writing through `writer`, and what became of the output.
    static func failure(_ error: any Error, writer: any SiteWriter) -> BuildError {
        // Patching in place cannot be undone file by file; the next build of `serve` writes every page.
        let outcome = writer.patchesInPlace ? "some pages may be from the previous build until the next save"
            : "the previous output was left as it was"
        // Our own errors say what failed; the file system's say it best in their localized text.
        let reason = (error as? BuildError)?.description ?? error.localizedDescription
        return BuildError(description: "the build failed and \(outcome): \(reason)")
    }

    /// What a build of `checked` tells its caller, timed from `start`.
    static func outcome(_ checked: Checked, since start: DispatchTime) -> BuildOutcome {
        let kb = checked.knowledgeBase
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildOutcome(report: checked.report, seconds: seconds, files: kb.procedures.map { $0.file }, pages: kb.pages,
                            unreadablePages: kb.unreadablePages, processPages: kb.processCount, warnings: checked.history.warnings)
    }
}

/// Reads the Git history on its own thread; `result()` waits for it.
final class GitHistoryReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var history = GitHistory()

    init(contentRoot: URL, revision: String) {
        Thread.detachNewThread { [self] in
            history = GitHistory.read(contentRoot: contentRoot, revision: revision)
            done.signal()
        }
    }

    func result() -> GitHistory {
        done.wait()
        done.signal()
        return history
    }
}

/// `SOPBOOK_TIMING=1` prints how long each phase of a build took (wall and CPU time: their ratio is how
/// many cores it kept busy), and the memory resident at its end, on stderr: for profiling, not for tests.
final class PhaseTimer: @unchecked Sendable {
    private let enabled = ProcessInfo.processInfo.environment["SOPBOOK_TIMING"] == "1"
    private var last: DispatchTime
    private var lastCPU = PhaseTimer.cpuSeconds()

    /// The first lap's wall time counts from `start` (by default, now); its CPU time from now.
    init(since start: DispatchTime = .now()) {
        last = start
    }

    func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now(), cpu = Self.cpuSeconds()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        FileHandle.standardError.write(Data(String(format: "%8.1f ms %8.1f ms CPU %6d MB  %@\n", ms, (cpu - lastCPU) * 1000,
                                                   Self.residentMB(), name).utf8))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF, whose type differs between Glibc and Darwin
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The resident set now, from /proc/self/statm (0 where there is none).
    private static func residentMB() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
