/// A link whose destination holds template syntax (`{{ site.baseurl }}/x/`, `{% link x.md %}`, Hugo's
/// `{{< ref >}}`): only the handbook's generator can resolve it, so it is listed as not checkable, never
/// reported as broken.
struct UncheckableLinkRule: ProcessRule {
    static let id = "uncheckable-link"
    static let defaultSeverity = Severity.info
    static let summary = "A link holds template syntax that only the site's generator resolves: not checkable."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let p = kb.procedures[i]
        return kb.links[i].compactMap { resolved in
            guard case .uncheckable = resolved.target else { return nil }
            let link = resolved.link
            return finding(p, at: link.location, to: link.end,
                           "`\(link.destination)` holds template syntax that only the site's generator resolves: this link is not checkable; write it as a relative link to the `.md` file to have it checked",
                           subject: link.destination)
        }
    }
}
