struct MissingQualityRule: Rule {
    static let id = "missing-quality"
    static let defaultSeverity = Severity.warning
    static let summary = "The process has no quality standards."

    func check(_ context: RuleContext) -> [Finding] {
        context.knowledgeBase.procedures.compactMap { p in
            guard p.quality.isEmpty, !p.invalidFields.contains("quality") else { return nil }
            return finding(p, at: p.location(ofField: "quality"),
                           "no quality standards: add `quality:` with what \"done well\" means (a standard, and a metric and target where you can)")
        }
    }
}
