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
    public static func build(_ workspace: Workspace, progress: BuildProgress? = nil) throws(BuildError) -> BuildOutcome {
        let start = DispatchTime.now()
        let theme: Theme
        do { theme = try Theme.load(overrides: workspace.templates) } catch {
            throw BuildError(description: error.description, isUsage: true)
        }
        let writer: OutputWriter
        do { writer = try OutputWriter(output: workspace.output, content: workspace.content) } catch {
            throw BuildError(description: error.description, isUsage: true)
        }
        let site = Site.load(.init(contentRoot: workspace.content, configuration: workspace.configuration,
                                   renderBodies: true, progress: progress))
        let report = site.check(today: workspace.today)
        do {
            try site.build(report: report, theme: theme, today: workspace.today, contentRoot: workspace.content,
                           writer: writer, progress: progress)
        } catch {
            throw BuildError(description: "the build failed and the previous output was left as it was: \(error.localizedDescription)",
                             isUsage: false)
        }
        let kb = site.knowledgeBase
        var pageOfFile: [String: String] = [:]
        for (i, p) in kb.procedures.enumerated() { pageOfFile[p.file] = kb.pages[i] }
        for (file, page) in kb.unreadablePages { pageOfFile[file] = page }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildOutcome(report: report, seconds: seconds, pageOfFile: pageOfFile)
    }
}
