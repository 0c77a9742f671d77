/// What a change of the knowledge base (a pull request) does: the processes it changes, who must be
/// consulted, informed or must read again, and the findings it adds and fixes. Every format renders this.
public struct ImpactReport: Sendable {
    /// One side of the comparison: a commit, or the working tree.
    public struct Revision: Sendable, Hashable {
        /// As the user wrote it (`origin/main`), or "working tree".
        public var name: String
        public var commit: String?

        public init(name: String, commit: String?) {
            self.name = name
            self.commit = commit
        }

        /// `origin/main (1a2b3c4)`, or `working tree`.
        public var label: String {
            guard let commit else { return name }
            let short = String(commit.prefix(7))
            return name.hasPrefix(short) || name == commit ? short : "\(name) (\(short))"
        }
    }

    /// A role or person, and the processes (ids) that concern them.
    public struct Party: Sendable, Hashable {
        public var name: String
        public var processes: [String]
    }

    public var base: Revision
    public var head: Revision
    /// The content folder inside the repository (`Content/`), to name files as a reviewer sees them.
    public var contentPrefix: String
    public var processes: [ProcessChange] = []
    public var consult: [Party] = []
    public var inform: [Party] = []
    /// People who acknowledged the base revision of a process this change rewrites.
    public var reread: [Party] = []
    /// People whose roles put a new process on their onboarding path.
    public var firstRead: [Party] = []
    /// Findings of the head that the base did not have, and findings of the base the head no longer has
    /// (matched by fingerprint, as the baseline does; a moved file's findings follow it).
    public var newFindings: [Finding] = []
    public var fixedFindings: [Finding] = []
    /// What the comparison could not do as asked (the base's configuration could not be read…).
    public var notes: [String] = []

    public init(base: Revision, head: Revision, contentPrefix: String) {
        self.base = base
        self.head = head
        self.contentPrefix = contentPrefix
    }

    /// The four lists of people, titled as every format shows them, in that order.
    public var audience: [(title: String, parties: [Party])] {
        [("Consult", consult), ("Inform", inform), ("Must re-read", reread), ("New SOPs to read", firstRead)]
    }

    /// Whether a new finding is at or above `threshold` (nil: never fails).
    public func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return newFindings.contains { $0.severity >= threshold }
    }

    /// How many processes of each kind changed, in the order of `ProcessChange.Kind`.
    public var counts: [(kind: ProcessChange.Kind, count: Int)] {
        ProcessChange.Kind.allCases.compactMap { kind in
            let n = processes.count { $0.kind == kind }
            return n == 0 ? nil : (kind, n)
        }
    }

    /// "3 processes changed (1 added, 2 changed)", or "no process changed".
    public var headline: String {
        guard !processes.isEmpty else { return "no process changed" }
        let parts = counts.map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ")
        return "\(processes.count) \(processes.count == 1 ? "process" : "processes") changed (\(parts))"
    }

    /// "2 new findings (1 error, 1 warning), 1 fixed".
    public var findingsLine: String {
        func severities(_ findings: [Finding]) -> String {
            let parts = [Severity.error, .warning, .info].compactMap { s -> String? in
                let n = findings.count { $0.severity == s }
                return n == 0 ? nil : "\(n) \(s.rawValue)\(n == 1 ? "" : "s")"
            }
            return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
        }
        let new = newFindings.count == 1 ? "1 new finding" : "\(newFindings.count) new findings"
        return "\(new)\(severities(newFindings)), \(fixedFindings.count) fixed"
    }
}
