struct ReviewOverdueRule: Rule {
    static let id = "review-overdue"
    static let defaultSeverity = Severity.warning
    static let summary = "The next review date has passed."

    func check(_ context: RuleContext) -> [Finding] {
        context.knowledgeBase.procedures.compactMap { p in
            guard let due = p.review?.due, due < context.today else { return nil }
            return finding(p, at: p.location(ofField: "review"),
                           "review overdue since \(due): review this SOP with its owner and update `review.last`")
        }
    }
}
