/// `sopbook codeowners` turns each SOP's owners into the handles GitHub or GitLab requests reviews from;
/// an owner without one is left out, and a change to the SOP then asks nobody. Off unless `codeowners:`
/// is configured: a repository that does not generate its CODEOWNERS has no use for handles.
struct OwnerWithoutHandleRule: ProcessRule {
    static let id = "owner-without-handle"
    static let defaultSeverity = Severity.off
    static let summary = "An owner has no handle for CODEOWNERS (off unless `codeowners:` is configured)."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let configuration = context.knowledgeBase.configuration
        let p = context.knowledgeBase.procedures[i]
        let missing = CodeOwners.ownersWithoutHandle(p, configuration)
        guard let first = missing.first else { return [] }
        let at = p.roleLocations[first] ?? p.location(ofField: "owner")
        let names = missing.map { "`\($0)`" }.joined(separator: ", ")
        let places = missing.map { "`roles: \($0):`" }.joined(separator: " and ")
        let message = "owner\(missing.count == 1 ? "" : "s") \(names) \(missing.count == 1 ? "has" : "have") no handle, so "
            + "`sopbook codeowners` cannot request \(missing.count == 1 ? "its" : "their") review of this SOP: add "
            + "`handle: \"@org/team\"` (or `@user`, or an email address) under \(places) in sopbook.yml"
        return [finding(p, at: at, to: p.tokenEnds[at], message)]
    }
}
