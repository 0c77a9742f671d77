struct MissingResponsibleRule: ProcessRule {
    static let id = "missing-responsible"
    static let defaultSeverity = Severity.warning
    static let summary = "The RACI names nobody responsible."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        guard let raci = p.raci, raci.responsible.isEmpty,
              !p.invalidFields.contains("raci"), !p.invalidFields.contains("raci.responsible") else { return [] }
        let at = p.location(ofField: "raci")
        return [finding(p, at: at, to: p.tokenEnds[at], "`raci` names nobody `responsible`: add the role that does the work")]
    }
}
