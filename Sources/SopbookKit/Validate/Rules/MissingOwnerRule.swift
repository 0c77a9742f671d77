/// The CI gate: every process needs someone accountable for keeping it true.
struct MissingOwnerRule: ProcessRule {
    static let id = "missing-owner"
    static let defaultSeverity = Severity.error
    static let summary = "The process has no owner."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        guard p.owner == nil, !p.invalidFields.contains("owner") else { return [] }
        if p.fields["owner"] != nil {
            let at = p.location(ofField: "owner")
            return [finding(p, at: at, to: p.tokenEnds[at], "`owner` is empty: name the role accountable for keeping this SOP true, e.g. `owner: Finance Lead`")]
        }
        return [finding(p, at: SourceLocation(line: p.frontMatterLine, column: 1),
                        "this process has no owner: add `owner: <role>` to the front matter (the role accountable for keeping this SOP true)")]
    }
}
