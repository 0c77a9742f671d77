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
        return p.frontMatterProblems.map { problem in
            let fix = p.frontMatterFixes[problem.location]
            return finding(p, at: problem.location, to: fix?.replacements.first?.end ?? p.tokenEnds[problem.location], problem.message,
                           subject: problem.message, fixes: fix.map { [$0] } ?? [])
        }
    }
}
