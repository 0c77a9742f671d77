struct UnknownFieldRule: ProcessRule {
    static let id = "unknown-field"
    static let defaultSeverity = Severity.warning
    static let summary = "The front matter has a key Sopbook does not know."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        return p.unknownFields.map { field in
            let hint = Suggest.closest(to: field.key, among: FrontMatterParser.knownFields)
                .map { "; did you mean `\($0)`?" } ?? "; known fields: \(FrontMatterParser.knownFields.joined(separator: ", "))"
            return finding(p, at: field.location, "unknown front matter field `\(field.key)`\(hint)")
        }
    }
}
