struct UnknownFieldRule: ProcessRule {
    static let id = "unknown-field"
    static let defaultSeverity = Severity.warning
    static let summary = "The front matter has a key Sopbook does not know."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        return p.unknownFields.map { field in
            let close = Suggest.closest(to: field.key, among: FrontMatterParser.knownFields)
            let hint = close.map { "; did you mean `\($0)`?" } ?? "; known fields: \(FrontMatterParser.knownFields.joined(separator: ", "))"
            let end = p.tokenEnds[field.location]
            let fix = close.flatMap { replacing(in: p, from: field.location, to: end, with: $0, old: field.key) }
            return finding(p, at: field.location, to: end, "unknown front matter field `\(field.key)`\(hint)",
                           subject: field.key, fixes: fix.map { [$0] } ?? [])
        }
    }
}
