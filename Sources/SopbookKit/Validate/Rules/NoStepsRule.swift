struct NoStepsRule: ProcessRule {
    static let id = "no-steps"
    static let defaultSeverity = Severity.warning
    static let summary = "The process has no Steps section, or no steps in it."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        guard p.steps.isEmpty else { return [] }
        if let line = p.stepsSectionLine {
            return [finding(p, at: SourceLocation(line: line, column: 1),
                            "the Steps section has no steps: write them as a numbered list (`1. …`) or as sub-headings")]
        }
        let headings = context.knowledgeBase.configuration.stepHeadings.first ?? "Steps"
        return [finding(p, at: SourceLocation(line: p.frontMatterLine, column: 1),
                        "no steps: add a `## \(headings)` section with a numbered list of the steps")]
    }
}
