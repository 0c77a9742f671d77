struct MissingQualityRule: ProcessRule {
    static let id = "missing-quality"
    static let defaultSeverity = Severity.warning
    static let summary = "The process has no quality standards."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        guard p.quality.isEmpty, !p.invalidFields.contains("quality") else { return [] }
        return [finding(p, at: p.location(ofField: "quality"),
                        "no quality standards: add `quality:` with what \"done well\" means (a standard, and a metric and target where you can)")]
    }
}
