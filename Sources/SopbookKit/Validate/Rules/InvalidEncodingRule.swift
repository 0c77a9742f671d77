/// A file that is not UTF-8 text.
struct InvalidEncodingRule: Rule {
    static let id = "invalid-encoding"
    static let defaultSeverity = Severity.error
    static let summary = "The file is not UTF-8 text."

    func check(_ context: RuleContext) -> [Finding] {
        unreadableFindings(context.knowledgeBase)
    }
}
