/// A file that is not UTF-8 text.
struct InvalidEncodingRule: Rule {
    static let id = "invalid-encoding"
    static let defaultSeverity = Severity.error
    static let summary = "The file is not UTF-8 text."

    func check(_ context: RuleContext) -> [Finding] {
        context.knowledgeBase.unreadable.filter { $0.problem.rule == Self.id }.map {
            finding(file: $0.file, at: $0.problem.location, $0.problem.message)
        }
    }
}
