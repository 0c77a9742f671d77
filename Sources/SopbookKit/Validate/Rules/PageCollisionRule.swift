/// Two sources that would become the same page, or a page named like one the site writes itself.
/// Not in the spec's table: without it one page would silently overwrite another.
struct PageCollisionRule: Rule {
    static let id = "page-collision"
    static let defaultSeverity = Severity.warning
    static let summary = "Two files would become the same page (names differing only in case, or a reserved name)."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        return kb.pageCollisions.map { c in
            let p = kb.procedures[c.index]
            let why = c.takenBy.map { "`\($0)` already becomes `\(c.wanted)` (page names ignore case)" }
                ?? "`\(c.wanted)` is a page the site writes itself"
            return finding(p, at: .start, "\(why); this process is published as `\(c.given)`: rename the file")
        }
    }
}
