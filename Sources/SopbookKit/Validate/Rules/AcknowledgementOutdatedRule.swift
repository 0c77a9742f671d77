/// Someone whose role has an SOP on its path acknowledged an earlier revision of it: the SOP changed since
/// they read it. Info, not a warning: the SOP is fine, the person has reading to do. Not yet acknowledged
/// is not this rule; the training matrix shows it.
struct AcknowledgementOutdatedRule: Rule {
    static let id = "acknowledgement-outdated"
    static let defaultSeverity = Severity.info
    static let summary = "A person acknowledged an earlier revision of an SOP of their role."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        return TrainingMatrix(kb).rows.flatMap { row in
            row.cells.compactMap { cell -> Finding? in
                guard cell.status == .outdated, let ack = cell.acknowledgement else { return nil }
                let p = kb.procedures[cell.procedure]
                return finding(p, at: .start,
                               "\(row.person.name) acknowledged an earlier revision (on \(ack.date)): once they have read what changed, run `sopbook ack \(p.id) --as \"\(row.person.name)\"`",
                               subject: row.person.name)
            }
        }
    }
}
