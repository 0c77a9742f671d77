/// A link whose `#fragment` is neither a heading nor a step of its target.
struct BrokenAnchorRule: ProcessRule {
    static let id = "broken-anchor"
    static let defaultSeverity = Severity.error
    static let summary = "A link's #fragment does not exist in its target."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let p = kb.procedures[i]
        var findings: [Finding] = []
        for resolved in kb.links[i] {
            guard case .brokenAnchor(let index, let fragment) = resolved.target else { continue }
            let target = kb.procedures[index]
            let anchors = target.headings.map(\.anchor) + target.steps.map(\.anchor)
            let stepCount = " (it has \(target.steps.count) step\(target.steps.count == 1 ? "" : "s"))"
            // Step numbers are not typos of one another: say how many there are instead of guessing.
            let hint = fragment.hasPrefix("step-") ? stepCount
                : Suggest.closest(to: fragment, among: anchors.filter { !$0.hasPrefix("step-") }).map { "; did you mean `#\($0)`?" } ?? stepCount
            findings.append(finding(p, at: resolved.link.location,
                                    "`#\(fragment)` is not a heading or step of `\(target.file)`\(hint)"))
        }
        return findings
    }
}
