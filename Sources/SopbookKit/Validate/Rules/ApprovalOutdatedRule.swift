/// A controlled document must be approved as it is issued: a content change committed after `approval.on`
/// is not covered by that approval. Decided from Git (`GitHistory.approvalChanges`); a change that only
/// records a review or moves whitespace does not count.
struct ApprovalOutdatedRule: ProcessRule {
    static let id = "approval-outdated"
    static let defaultSeverity = Severity.warning
    static let summary = "The content changed in Git after its approval."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        guard let approval = p.approval, let change = context.history.approvalChanges[p.file] else { return [] }
        let at = p.location(ofField: "approval")
        return [finding(p, at: at, to: p.tokenEnds[at],
                        "the content changed after its approval on \(approval.on): \(change.shortHash) \"\(change.subject)\" by "
                        + "\(change.author) on \(change.date); have \(approval.by) approve this revision and update "
                        + "`approval.on`, or revert the change")]
    }
}
