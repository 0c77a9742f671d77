/// A step that is empty or still a placeholder: the gap a new hire falls into.
struct UndocumentedStepRule: ProcessRule {
    static let id = "undocumented-step"
    static let defaultSeverity = Severity.warning
    static let summary = "A step is empty or still holds a placeholder such as TODO."

    /// At most about 60 characters, cut at a word, with an ellipsis when cut.
    static func excerpt(_ text: String) -> String {
        guard text.count > 60 else { return text }
        let cut = text.prefix(60)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord + "…"
    }

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        return p.steps.filter(\.isUndocumented).map { step in
            let what = step.text.isEmpty ? "is empty" : "is a placeholder (“\(Self.excerpt(step.text))”)"
            // The step's text, not its number, says which step it is: inserting a step above renumbers it.
            return finding(p, at: step.location, "step \(step.number) \(what): write down how it is done", subject: step.text)
        }
    }
}
