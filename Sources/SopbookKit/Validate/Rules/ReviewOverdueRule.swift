struct ReviewOverdueRule: ProcessRule {
    static let id = "review-overdue"
    static let defaultSeverity = Severity.warning
    static let summary = "The next review date has passed."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        // A retired SOP is kept for the record, not followed: nobody reviews it any more.
        guard p.status != .retired, let due = p.review?.due, due < context.today else { return [] }
        let at = p.location(ofField: "review")
        return [finding(p, at: at, to: p.tokenEnds[at],
                        "review overdue since \(due): review this SOP with its owner and update `review.last`")]
    }
}
