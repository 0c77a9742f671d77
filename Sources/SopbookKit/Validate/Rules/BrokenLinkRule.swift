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
            let link = resolved.link
            let written = link.kind == .wiki ? "[[\(link.destination)]]" : link.destination
            let fixes = resolved.suggestion.flatMap { Self.fix(link, suggestion: $0, in: p) }.map { [$0] } ?? []
            findings.append(finding(p, at: link.location, to: link.end, "broken link `\(written)`: \(reason)",
                                    subject: link.destination, fixes: fixes))
        }
        return findings
    }

    /// Replaces what the link names with `suggestion`: a wiki link's id (keeping its `#fragment` and label),
    /// or an inline link's whole destination. Nil when the parser could not place the destination.
    static func fix(_ link: Link, suggestion: String, in p: Procedure) -> Finding.Fix? {
        guard let start = link.destinationStart else { return nil }
        let old = link.kind == .wiki ? LinkResolver.splitWiki(link.destination).id : link.destination
        let end = SourceLocation(line: start.line, column: start.column + old.utf8.count)
        return Finding.Fix(description: "Replace `\(old)` with `\(suggestion)`",
                           replacements: [Finding.Replacement(file: p.file, start: start, end: end, text: suggestion)])
    }
}
