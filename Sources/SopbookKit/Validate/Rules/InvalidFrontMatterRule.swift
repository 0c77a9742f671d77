/// YAML that does not parse, or a field of the wrong type.
struct InvalidFrontMatterRule: ProcessRule {
    static let id = "invalid-front-matter"
    static let defaultSeverity = Severity.error
    static let summary = "The front matter is not valid YAML, or a field has the wrong type."

    func globalFindings(_ context: RuleContext) -> [Finding] {
        unreadableFindings(context.knowledgeBase)
    }

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        return p.frontMatterProblems.map { finding(p, at: $0.location, $0.message) }
    }
}
