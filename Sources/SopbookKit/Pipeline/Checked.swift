import Foundation

extension Pipeline {
    /// What one run of the pipeline reads besides the files: the settings and the date.
    public struct Input: Sendable {
        public var content: URL
        public var configuration: Configuration
        public var today: CivilDate
        /// Render each body to HTML while it is parsed (the build needs it, `check` does not).
        public var renderBodies: Bool
        public var progress: BuildProgress?
        /// The findings to count as known (`sopbook-baseline.json`), when one is in use.
        public var baseline: Baseline?
        /// The content's Git history, read once per run (rules and pages both use it); none by default.
        public var history: GitHistory.Source
        /// Whether each procedure's `contentHash` is taken: by default when the configuration has training
        /// records (`Configuration.readsContentHashes`); `impact` always, to tell revisions apart.
        public var hashesContent: Bool
        /// Where the rendered bodies wait for the write: a cold build's store, or nil to keep them in memory.
        var bodyStore: BodyStore? = nil

        public init(content: URL, configuration: Configuration, today: CivilDate, renderBodies: Bool, progress: BuildProgress? = nil,
                    baseline: Baseline? = nil, history: GitHistory.Source = .none, hashesContent: Bool? = nil) {
            self.content = content
            self.configuration = configuration
            self.today = today
            self.renderBodies = renderBodies
            self.progress = progress
            self.baseline = baseline
            self.history = history
            self.hashesContent = hashesContent ?? configuration.readsContentHashes
        }
    }
}

/// The knowledge base after stages 1 to 6, and its findings.
public struct Checked: Sendable {
    public var knowledgeBase: KnowledgeBase
    public var report: Report
    /// The content folder, as the loader resolved it.
    public var contentRoot: URL
    /// The Git history the rules read, with its approval changes; the pages show it.
    public var history = GitHistory()
}
