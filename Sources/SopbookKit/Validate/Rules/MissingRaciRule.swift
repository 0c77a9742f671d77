struct MissingRaciRule: Rule {
    static let id = "missing-raci"
    static let defaultSeverity = Severity.warning
    static let summary = "The process has no RACI."

    func check(_ context: RuleContext) -> [Finding] {
        context.knowledgeBase.procedures.compactMap { p in
            guard p.raci == nil, !p.invalidFields.contains("raci") else { return nil }
            return finding(p, at: SourceLocation(line: p.frontMatterLine, column: 1),
                           "no `raci`: add who is responsible, accountable, consulted and informed")
        }
    }
}
