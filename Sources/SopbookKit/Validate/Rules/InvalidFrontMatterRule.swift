/// YAML that does not parse, or a field of the wrong type.
struct InvalidFrontMatterRule: Rule {
    static let id = "invalid-front-matter"
    static let defaultSeverity = Severity.error
    static let summary = "The front matter is not valid YAML, or a field has the wrong type."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let unreadable = kb.unreadable.filter { $0.problem.rule == Self.id }.map {
            finding(file: $0.file, at: $0.problem.location, $0.problem.message)
        }
        let typed = kb.procedures.flatMap { p in p.frontMatterProblems.map { finding(p, at: $0.location, $0.message) } }
        return unreadable + typed
    }
}
