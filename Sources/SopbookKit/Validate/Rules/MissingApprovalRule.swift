/// Under document control every SOP is approved before issue by someone named. Off by default: a
/// handbook that is not a controlled document set has no approvals to give (`document_control: true`,
/// or a severity in `rules:`, turns it on).
struct MissingApprovalRule: ProcessRule {
    static let id = "missing-approval"
    static let defaultSeverity = Severity.off
    static let summary = "The SOP has no approval (off unless document control is on)."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        // A retired SOP is no longer issued: it needs no approval.
        guard p.approval == nil, p.status != .retired, !p.invalidFields.contains("approval") else { return [] }
        return [finding(p, at: SourceLocation(line: p.frontMatterLine, column: 1),
                        "this SOP has no approval: once it is approved, add `approval: { by: <role or person>, on: YYYY-MM-DD }` "
                        + "to the front matter")]
    }
}
