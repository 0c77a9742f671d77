/// A file or folder of the content folder that the operating system will not let us read.
/// Not in the spec's table: added so that such files are reported, never skipped in silence.
struct UnreadableFileRule: Rule {
    static let id = "unreadable-file"
    static let defaultSeverity = Severity.error
    static let summary = "A file or folder under the content folder cannot be read."

    func check(_ context: RuleContext) -> [Finding] {
        context.knowledgeBase.walkFindings.filter { $0.rule == Self.id } + unreadableFindings(context.knowledgeBase)
    }
}
