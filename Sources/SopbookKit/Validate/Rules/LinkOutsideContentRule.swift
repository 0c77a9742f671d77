/// A link or symlink that leaves the content folder: never followed, never read.
struct LinkOutsideContentRule: Rule {
    static let id = "link-outside-content"
    static let defaultSeverity = Severity.error
    static let summary = "A link or symlink leaves the content folder."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        var findings = kb.walkFindings.filter { $0.rule == Self.id }
        for (i, p) in kb.procedures.enumerated() {
            for resolved in kb.links[i] where resolved.target == .outside {
                findings.append(finding(p, at: resolved.link.location,
                                        "`\(resolved.link.destination)` leads outside the content folder; link only to files inside it"))
            }
        }
        return findings
    }
}
