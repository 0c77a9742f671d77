/// A process nothing links to is hard to find by browsing.
struct OrphanRule: Rule {
    static let id = "orphan"
    static let defaultSeverity = Severity.info
    static let summary = "No other process links to this one."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        return kb.procedures.indices.compactMap { i in
            let p = kb.procedures[i]
            // A retired SOP is meant to lose its links (`link-to-retired` asks for it): not an orphan.
            guard kb.backlinks[i].isEmpty, p.status != .retired else { return nil }
            return finding(p, at: SourceLocation(line: 1, column: 1),
                           "no other process links to this one: link to it from a related SOP so readers can find it")
        }
    }
}
