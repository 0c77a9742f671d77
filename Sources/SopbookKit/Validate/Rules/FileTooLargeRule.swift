/// An SOP file over the size limit is not parsed: it is almost always an export or a log saved as `.md`.
/// Not in the spec's table: it keeps a 50 MB file from costing seconds and gigabytes.
struct FileTooLargeRule: Rule {
    static let id = "file-too-large"
    static let defaultSeverity = Severity.error
    static let summary = "An SOP file is larger than 4 MB and is not read."

    func check(_ context: RuleContext) -> [Finding] {
        unreadableFindings(context.knowledgeBase)
    }
}
