/// YAML that does not parse, or a field of the wrong type.
struct InvalidFrontMatterRule: Rule {
    static let id = "invalid-front-matter"
    static let defaultSeverity = Severity.error
    static let summary = "The front matter is not valid YAML, or a field has the wrong type."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let unreadable = unreadableFindings(kb)
        let typed = kb.procedures.flatMap { p in p.frontMatterProblems.map { finding(p, at: $0.location, $0.message) } }
        return unreadable + typed
    }
}
