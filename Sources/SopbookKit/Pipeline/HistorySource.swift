import Foundation

extension GitHistory {
    /// Where a run gets its history: none (tests, folders known not to be in Git), a value (`serve`
    /// keeps the last one while HEAD has not moved), or read on another thread from the start of the run,
    /// so that `git log` overlaps the reading of the content.
    public struct Source: Sendable {
        let make: @Sendable () -> GitHistory

        public var value: GitHistory { make() }

        public static let none = Source { GitHistory() }

        public static func given(_ history: GitHistory) -> Source { Source { history } }

        /// Starts `git log` now; `value` waits for it.
        public static func reading(_ contentRoot: URL, revision: String = "HEAD") -> Source {
            let reader = GitHistoryReader(contentRoot: contentRoot, revision: revision)
            return Source { reader.result() }
        }
    }
}
