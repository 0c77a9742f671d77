/// A file or folder of the content folder that the operating system will not let us read.
/// Not in the spec's table: added so that such files are reported, never skipped in silence.
struct UnreadableFileRule: Rule {
    static let id = "unreadable-file"
    static let defaultSeverity = Severity.error
    static let summary = "A file or folder under the content folder cannot be read."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        return kb.walkFindings.filter { $0.rule == Self.id }
            + kb.unreadable.filter { $0.problem.rule == Self.id }.map { finding(file: $0.file, at: $0.problem.location, $0.problem.message) }
    }
}
