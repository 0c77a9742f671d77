/// A record of `acknowledgements/` that is not what `sopbook ack` writes, names a person `people:` does
/// not list, or an SOP that does not exist: reported with its line rather than skipped, since a skipped
/// line would silently show someone as untrained, or a forged line as trained.
struct InvalidAcknowledgementRule: Rule {
    static let id = "invalid-acknowledgement"
    static let defaultSeverity = Severity.error
    static let summary = "A record under acknowledgements/ cannot be read, or names an unknown person or SOP."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let configuration = kb.configuration
        var findings = configuration.acknowledgementProblems.map { finding(file: $0.file, at: SourceLocation(line: $0.line, column: 1), $0.message) }
        let people = configuration.people.map(\.name)
        let ids = kb.procedures.map(\.id)
        var owner: [String: String] = [:]
        for record in configuration.acknowledgements {
            let at = SourceLocation(line: record.personLine, column: 1)
            guard people.contains(record.person) else {
                let close = Suggest.closest(to: record.person, among: people)
                let hint = close.map { " (did you mean \"\($0)\"?)" } ?? ""
                findings.append(finding(file: record.file, at: at,
                                        "\"\(record.person.oneLine)\" is not listed under `people:` in sopbook.yml\(hint): add them, or remove this record",
                                        fixes: close.map { [Self.fix(record.file, line: record.personLine, column: 9, old: record.person, new: $0)] } ?? []))
                continue
            }
            if let first = owner[record.person] {
                findings.append(finding(file: record.file, at: at, "\(record.person) already has a record, \(first): keep one file per person"))
            }
            owner[record.person] = owner[record.person] ?? record.file
            for entry in record.entries where kb.indexByID[entry.sop] == nil {
                let close = Suggest.closest(to: entry.sop, among: ids)
                let hint = close.map { " (did you mean `\($0)`?)" } ?? ""
                findings.append(finding(file: record.file, at: SourceLocation(line: entry.line, column: 1),
                                        "no SOP has the id `\(entry.sop.oneLine)`\(hint): remove the entry, or acknowledge the SOP that replaced it",
                                        fixes: close.map { [Self.fix(record.file, line: entry.line, column: 10, old: entry.sop, new: $0)] } ?? []))
            }
        }
        return findings
    }

    /// Replaces a value as `sopbook ack` writes it (`person: …` from column 9, `  - sop: …` from column 10):
    /// a record that was read is in that form, so the written value is exactly `quoted(old)`.
    static func fix(_ file: String, line: Int, column: Int, old: String, new: String) -> Finding.Fix {
        let written = AcknowledgementRecord.quoted(old)
        let start = SourceLocation(line: line, column: column)
        let end = SourceLocation(line: line, column: column + written.utf8.count)
        return Finding.Fix(description: "Replace `\(old.oneLine)` with `\(new)`",
                           replacements: [Finding.Replacement(file: file, start: start, end: end, text: AcknowledgementRecord.quoted(new))])
    }
}
