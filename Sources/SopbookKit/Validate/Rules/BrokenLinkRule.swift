/// A link to a process or file that does not exist.
struct BrokenLinkRule: ProcessRule {
    static let id = "broken-link"
    static let defaultSeverity = Severity.error
    static let summary = "A link names a process or file that does not exist."

    func globalFindings(_ context: RuleContext) -> [Finding] {
        context.knowledgeBase.walkFindings.filter { $0.rule == Self.id }
    }

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let p = kb.procedures[i]
        var findings: [Finding] = []
        for resolved in kb.links[i] {
            guard case .broken(let reason) = resolved.target else { continue }
            let written = resolved.link.kind == .wiki ? "[[\(resolved.link.destination)]]" : resolved.link.destination
            findings.append(finding(p, at: resolved.link.location, "broken link `\(written)`: \(reason)"))
        }
        return findings
    }
}
