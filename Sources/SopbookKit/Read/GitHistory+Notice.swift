/// When the history cannot be shown as the file's: pages say so instead of a wrong history, and the
/// build says once how to fix it.
extension GitHistory {
    public enum Completeness: String, Sendable, Hashable {
        case complete
        /// A shallow clone: the oldest commits it holds are not the files' first.
        case shallow
        /// Not a Git repository, or Git does not run.
        case outside
    }

    public var completeness: Completeness {
        !isRepository ? .outside : isShallow ? .shallow : .complete
    }

    /// One line for the whole build, naming the fix; none when the history is complete.
    public var warnings: [String] {
        switch completeness {
        case .complete: []
        case .shallow: ["the content is in a shallow clone: the revision history is incomplete; fetch the whole history "
                        + "(`git fetch --unshallow`, or actions/checkout with fetch-depth: 0)"]
        case .outside: ["the content is not in a Git repository: pages show no revision history; build from a clone of "
                        + "the repository (and install Git)"]
        }
    }
}
