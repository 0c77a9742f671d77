/// Only active when `sopbook.yml` declares `roles:`: catches typos that would split a role in two.
struct UnknownRoleRule: ProcessRule {
    static let id = "unknown-role"
    static let defaultSeverity = Severity.warning
    static let summary = "A role is not among the roles declared in sopbook.yml."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let declared = context.knowledgeBase.configuration.roles
        guard !declared.isEmpty else { return [] }
        let known = Set(declared)
        let p = context.knowledgeBase.procedures[i]
        var uses: [(String, String)] = []
        if let owner = p.owner { uses.append(("owner", owner)) }
        if let raci = p.raci {
            uses += raci.responsible.map { ("raci", $0) } + raci.accountable.map { ("raci", $0) }
                + raci.consulted.map { ("raci", $0) } + raci.informed.map { ("raci", $0) }
        }
        var findings: [Finding] = []
        var reported = Set<String>()
        for (field, role) in uses where !known.contains(role) && reported.insert(role).inserted {
            let close = Suggest.closest(to: role, among: declared)
            let hint = close.map { "; did you mean `\($0)`?" } ?? "; declare it under `roles:` in sopbook.yml"
            let at = p.roleLocations[role] ?? p.location(ofField: field)
            let end = p.tokenEnds[at]
            let fix = close.flatMap { replacing(in: p, from: at, to: end, with: YAMLSpans.scalar($0), old: role) }
            findings.append(finding(p, at: at, to: end, "role `\(role)` is not declared\(hint)", subject: role, fixes: fix.map { [$0] } ?? []))
        }
        return findings
    }
}
