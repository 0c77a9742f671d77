struct MissingRaciRule: ProcessRule {
    static let id = "missing-raci"
    static let defaultSeverity = Severity.warning
    static let summary = "The process has no RACI."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        guard p.raci == nil, !p.invalidFields.contains("raci") else { return [] }
        return [finding(p, at: SourceLocation(line: p.frontMatterLine, column: 1),
                        "no `raci`: add who is responsible, accountable, consulted and informed")]
    }
}
