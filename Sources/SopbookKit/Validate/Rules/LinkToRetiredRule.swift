/// An active SOP that sends its reader to a retired one: the reader follows an obsolete procedure, which is
/// what document control exists to prevent (ISO 9001 7.5.3: obsolete documents must not stay in use).
/// A draft may still link to a retired SOP (it is being rewritten), and a retired one to another: neither
/// is read as current.
struct LinkToRetiredRule: ProcessRule {
    static let id = "link-to-retired"
    static let defaultSeverity = Severity.warning
    static let summary = "An active SOP links to a retired one."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let p = kb.procedures[i]
        guard p.status == .active else { return [] }
        var findings: [Finding] = []
        for resolved in kb.links[i] {
            guard let t = resolved.target.processIndex, t != i, kb.procedures[t].status == .retired else { continue }
            let retired = kb.procedures[t]
            let link = resolved.link
            let successor = Self.successor(of: retired, in: kb)
            let hint = successor.map { "; link to `\(kb.procedures[$0].id)`, which supersedes it" }
                ?? "; remove the link, or name the SOP that replaces it in `superseded_by` of `\(retired.id)`"
            let fix = successor.flatMap { Self.fix(link, from: p, to: $0, in: kb) }
            let note = Finding.Note(file: retired.file, location: retired.location(ofField: "status"), message: "`\(retired.id)` is retired here")
            findings.append(finding(p, at: link.location, to: link.end, "links to retired SOP `\(retired.id)`\(hint)",
                                    subject: link.destination, notes: [note], fixes: fix.map { [$0] } ?? []))
        }
        return findings
    }

    /// The SOP named by `superseded_by`, when it exists. Only the page table is read (not whether that SOP
    /// is itself retired): `serve` re-runs this rule when the linking file, a linked file or the table
    /// changes (`Validator.ProcessKey`), so reading more would leave stale findings.
    static func successor(of retired: Procedure, in kb: KnowledgeBase) -> Int? {
        guard let id = retired.supersededBy, let j = kb.indexByID[id], id != retired.id else { return nil }
        return j
    }

    /// Replaces what the link names with the successor: a wiki link's id (its label and `#fragment` kept),
    /// or an inline link's whole destination (its `#fragment` dropped: the new SOP has its own headings).
    static func fix(_ link: Link, from p: Procedure, to j: Int, in kb: KnowledgeBase) -> Finding.Fix? {
        let target = kb.procedures[j]
        let text = link.kind == .wiki ? target.id : ContentPath.relativeURL(from: p.file, to: target.file)
        return BrokenLinkRule.fix(link, suggestion: text, in: p)
    }
}
