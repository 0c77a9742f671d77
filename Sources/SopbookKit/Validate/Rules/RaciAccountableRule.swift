/// RACI needs exactly one Accountable: zero means nobody decides, two means nobody does.
struct RaciAccountableRule: ProcessRule {
    static let id = "raci-accountable"
    static let defaultSeverity = Severity.error
    static let summary = "The RACI does not have exactly one accountable role."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let p = context.knowledgeBase.procedures[i]
        guard let raci = p.raci, !p.invalidFields.contains("raci"), !p.invalidFields.contains("raci.accountable") else { return [] }
        let at = p.location(ofField: "raci"), end = p.tokenEnds[at]
        switch raci.accountable.count {
        case 1: return []
        case 0: return [finding(p, at: at, to: end, "`raci` has no `accountable`: name exactly one role that answers for the outcome")]
        default:
            let names = raci.accountable.map { "`\($0)`" }.joined(separator: ", ")
            return [finding(p, at: at, to: end, "`raci` has \(raci.accountable.count) accountable roles (\(names)): keep exactly one, and make the others responsible or consulted")]
        }
    }
}
