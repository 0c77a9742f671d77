/// A link or symlink that leaves the content folder: never followed, never read.
struct LinkOutsideContentRule: ProcessRule {
    static let id = "link-outside-content"
    static let defaultSeverity = Severity.error
    static let summary = "A link or symlink leaves the content folder."

    func globalFindings(_ context: RuleContext) -> [Finding] {
        context.knowledgeBase.walkFindings.filter { $0.rule == Self.id }
    }

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let p = kb.procedures[i]
        return kb.links[i].filter { $0.target == .outside }.map { resolved in
            finding(p, at: resolved.link.location, to: resolved.link.end,
                    "`\(resolved.link.destination)` leads outside the content folder; link only to files inside it",
                    subject: resolved.link.destination)
        }
    }
}
