/// `superseded_by` names no SOP: the retired page's banner would send its reader nowhere, and
/// `link-to-retired` could not propose the replacement. An error, since the point of retiring a document is
/// to say what replaces it.
///
/// The id is checked whatever the status: a draft or active SOP may name its successor before it is
/// retired (the replacement is being written), and that name must still exist. Otherwise `superseded_by`
/// on a SOP that is not retired is reported by no rule and shown nowhere: `status` alone decides whether a
/// document is obsolete (see docs/rules.md).
struct SupersededByUnknownRule: ProcessRule {
    static let id = "superseded-by-unknown"
    static let defaultSeverity = Severity.error
    static let summary = "superseded_by names no SOP."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let p = kb.procedures[i]
        guard let id = p.supersededBy else { return [] }
        let at = p.supersededByLocation ?? p.location(ofField: "superseded_by")
        let end = p.tokenEnds[at]
        if id == p.id {
            return [finding(p, at: at, to: end, "`superseded_by` names this SOP itself; name the SOP that replaces it", subject: id)]
        }
        guard kb.indexByID[id] == nil else { return [] }
        let ids = kb.indexByID.keys.filter { $0 != p.id }.sorted()
        let close = Suggest.closest(to: id, among: ids)
        let hint = close.map { "; did you mean `\($0)`?" } ?? "; write the id of the SOP that replaces this one"
        let fix = close.flatMap { replacing(in: p, from: at, to: end, with: YAMLSpans.scalar($0), old: id) }
        return [finding(p, at: at, to: end, "`superseded_by: \(id)` names no SOP\(hint)", subject: id, fixes: fix.map { [$0] } ?? [])]
    }
}
