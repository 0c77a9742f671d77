/// What every rule sees: the resolved knowledge base and the date "today" is.
public struct RuleContext: Sendable {
    public var knowledgeBase: KnowledgeBase
    public var today: CivilDate
    /// The content's Git history, with the approval changes (empty outside Git).
    public var history = GitHistory()
}

/// One check of the spec's table. Each rule lives in its own file under `Rules/`.
public protocol Rule: Sendable {
    static var id: String { get }
    static var defaultSeverity: Severity { get }
    /// One line: what the rule reports. Used by `--help`, SARIF and the docs.
    static var summary: String { get }
    func check(_ context: RuleContext) -> [Finding]
}

/// A rule whose findings on a process depend only on that process (its file, its resolved links and what
/// they land on), the configuration and today. `serve` runs it again only for the processes an edit touched.
protocol ProcessRule: Rule {
    func check(_ index: Int, _ context: RuleContext) -> [Finding]
    /// Findings of this rule that belong to no readable process (the walk's, unreadable files').
    func globalFindings(_ context: RuleContext) -> [Finding]
}

extension ProcessRule {
    func globalFindings(_ context: RuleContext) -> [Finding] { [] }

    func check(_ context: RuleContext) -> [Finding] {
        globalFindings(context) + context.knowledgeBase.procedures.indices.flatMap { check($0, context) }
    }
}

extension Rule {
    /// A finding of this rule; the validator applies the configured severity afterwards.
    /// `subject` tells apart two findings of this rule on one process (see `Finding.fingerprint`).
    func finding(_ procedure: Procedure, at location: SourceLocation, to end: SourceLocation? = nil, _ message: String,
                 subject: String? = nil, notes: [Finding.Note] = [], fixes: [Finding.Fix] = []) -> Finding {
        Finding(rule: Self.id, severity: Self.defaultSeverity, file: procedure.file, location: location, end: end,
                process: procedure.id, message: message, notes: notes, fixes: fixes, subject: subject)
    }

    /// A fix that replaces `start..<end` of the procedure's file with `text`; nil when the end is unknown,
    /// since a replacement without a known range would be a guess.
    func replacing(in procedure: Procedure, from start: SourceLocation, to end: SourceLocation?,
                   with text: String, old: String) -> Finding.Fix? {
        guard let end else { return nil }
        return Finding.Fix(description: "Replace `\(old)` with `\(text)`",
                           replacements: [Finding.Replacement(file: procedure.file, start: start, end: end, text: text)])
    }

    func finding(file: String, at location: SourceLocation, _ message: String, fixes: [Finding.Fix] = []) -> Finding {
        Finding(rule: Self.id, severity: Self.defaultSeverity, file: file, location: location, process: nil, message: message, fixes: fixes)
    }

    /// The findings of this rule on files that could not be read as SOPs (their one finding each).
    func unreadableFindings(_ kb: KnowledgeBase) -> [Finding] {
        kb.unreadable.filter { $0.problem.rule == Self.id }.map { finding(file: $0.file, at: $0.problem.location, $0.problem.message) }
    }
}

/// Every rule, in the order of the spec's table.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        InvalidFrontMatterRule(), InvalidEncodingRule(), UnreadableFileRule(), MissingOwnerRule(), DuplicateIDRule(),
        BrokenLinkRule(), BrokenAnchorRule(), LinkOutsideContentRule(), RaciAccountableRule(),
        MissingRaciRule(), MissingResponsibleRule(), NoStepsRule(), UndocumentedStepRule(),
        MissingQualityRule(), ReviewOverdueRule(), UnknownFieldRule(), UnknownRoleRule(), OrphanRule(), PageCollisionRule(), FileTooLargeRule(),
        UncheckableLinkRule(), ApprovalOutdatedRule(), MissingApprovalRule(),
        LinkToRetiredRule(), SupersededByUnknownRule(),
        InvalidAcknowledgementRule(), AcknowledgementOutdatedRule(), OwnerWithoutHandleRule(),
    ]

    public static var ids: [String] { all.map { type(of: $0).id } }

    /// The per-process rules of `all`, in its order: cast once, not for each process (the casts were 2% of
    /// `sopbook check`).
    static let processRules: [any ProcessRule] = all.compactMap { $0 as? any ProcessRule }
}
