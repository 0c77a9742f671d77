/// The outcome of validation, with the figures every report shows.
public struct Report: Sendable, Hashable {
    public struct Summary: Sendable, Hashable {
        public var processes = 0
        public var steps = 0
        public var errors = 0
        public var warnings = 0
        public var infos = 0
        public var owned = 0
        public var undocumentedSteps = 0
        public var brokenLinks = 0
        /// Document control and training figures, when the handbook uses them (approvals, retired SOPs,
        /// `document_control` or `people:`); nil otherwise, so other reports keep their bytes.
        public var controlled: Controlled?
    }

    public struct Controlled: Sendable, Hashable {
        /// Active SOPs (not retired) and how many carry an approval the content has not moved from since.
        public var active = 0
        public var approved = 0
        public var approvalOutdated = 0
        public var retired = 0
        /// Acknowledgements of the current revision, out of those `people:` and their roles call for.
        public var trainingCurrent = 0
        public var trainingDue = 0
        /// The revision figures: whether the history is complete, shallow or absent, and how many SOPs
        /// have at least one revision in it.
        public var history = GitHistory.Completeness.outside
        public var revised = 0
    }

    public var summary: Summary
    /// Sorted by file, line, column, rule.
    public var findings: [Finding]
    /// How the findings stand against the baseline, when one is in use: `baseline.states[i]` is the
    /// state of `findings[i]`. Nil without a baseline (none on disk, or `--no-baseline`).
    public var baseline: BaselineComparison?

    public init(knowledgeBase kb: KnowledgeBase, findings: [Finding], baseline: Baseline? = nil, history: GitHistory = GitHistory()) {
        var s = Summary()
        s.processes = kb.processCount
        // Field by field rather than `filter`/`reduce` over whole procedures, which copy each one.
        for i in kb.procedures.indices {
            s.steps += kb.procedures[i].steps.count
            if kb.procedures[i].owner != nil { s.owned += 1 }
            for step in kb.procedures[i].steps where step.isUndocumented { s.undocumentedSteps += 1 }
        }
        for f in findings {
            switch f.severity {
            case .error: s.errors += 1
            case .warning: s.warnings += 1
            case .info: s.infos += 1
            case .off: break
            }
            if f.rule == "broken-link" || f.rule == "broken-anchor" { s.brokenLinks += 1 }
        }
        s.controlled = Report.controlled(kb, findings, history)
        self.summary = s
        self.findings = findings
        self.baseline = baseline?.compare(findings)
    }

    static func controlled(_ kb: KnowledgeBase, _ findings: [Finding], _ history: GitHistory) -> Controlled? {
        let configuration = kb.configuration
        let inUse = configuration.documentControl || !configuration.people.isEmpty
            || kb.procedures.contains { $0.approval != nil || $0.status == .retired }
        guard inUse else { return nil }
        var c = Controlled()
        c.history = history.completeness
        // By index, field by field: copying each procedure out of the array retains all it holds.
        c.revised = kb.procedures.indices.count { !(history.revisions[kb.procedures[$0].file] ?? []).isEmpty }
        let outdated = Set(findings.filter { $0.rule == "approval-outdated" }.compactMap(\.process))
        for i in kb.procedures.indices {
            if kb.procedures[i].status == .retired { c.retired += 1; continue }
            c.active += 1
            if kb.procedures[i].approval != nil { outdated.contains(kb.procedures[i].id) ? (c.approvalOutdated += 1) : (c.approved += 1) }
        }
        if !configuration.people.isEmpty {
            for row in TrainingMatrix(kb).rows {
                c.trainingDue += row.cells.count
                c.trainingCurrent += row.current
            }
        }
        return c
    }

    /// Whether `findings[i]` is held by the baseline (and so does not fail the run).
    public func isKnown(_ i: Int) -> Bool {
        guard let states = baseline?.states, states.indices.contains(i) else { return false }
        return states[i] == .known
    }

    /// Whether the run fails at this threshold (`--fail-on`); nil threshold means never. Known findings
    /// never fail it: that is what a baseline is for.
    public func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return findings.indices.contains { i in findings[i].severity >= threshold && findings[i].severity != .off && !isKnown(i) }
    }

    /// The findings with whether each is known, known ones first (see `TextReport.render`), each group
    /// in report order.
    public var knownFirst: [(finding: Finding, known: Bool)] {
        let all = findings.indices.map { (finding: findings[$0], known: isKnown($0)) }
        return all.filter(\.known) + all.filter { !$0.known }
    }
}

public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, github, junit, sarif, codeclimate

    /// `pathPrefix` (the content folder as seen from where CI runs, e.g. `Content/`) is put in front of
    /// file names in the formats whose consumers resolve paths from the repository root: GitHub
    /// annotations, SARIF and GitLab's code quality report. Text, JSON and JUnit keep the spec's
    /// content-relative paths.
    public func render(_ report: Report, pathPrefix: String = "") -> String {
        switch self {
        case .text: TextReport.render(report)
        case .json: JSONReport.render(report)
        case .github: GitHubReport.render(report, contentPrefix: pathPrefix)
        case .junit: JUnitReport.render(report)
        case .sarif: SARIFReport.render(report, pathPrefix: pathPrefix)
        case .codeclimate: CodeClimateReport.render(report, pathPrefix: pathPrefix)
        }
    }
}
