/// Two files claiming the same id: links by id become ambiguous.
struct DuplicateIDRule: Rule {
    static let id = "duplicate-id"
    static let defaultSeverity = Severity.error
    static let summary = "Two or more files have the same id."

    func check(_ context: RuleContext) -> [Finding] {
        let procedures = context.knowledgeBase.procedures
        let groups = Dictionary(grouping: procedures.indices, by: { procedures[$0].id })
        var findings: [Finding] = []
        for (id, members) in groups where members.count > 1 {
            for i in members {
                let p = procedures[i]
                let others = members.filter { $0 != i }.map { j -> String in
                    let other = procedures[j].file
                    // Swift compares strings by canonical equivalence: say so when only the bytes differ.
                    return other == p.file ? "`\(other)` (the same name in another Unicode form, NFC or NFD)" : "`\(other)`"
                }.joined(separator: ", ")
                let at = p.fields["id"] != nil ? p.location(ofField: "id") : SourceLocation(line: p.frontMatterLine, column: 1)
                findings.append(finding(p, at: at, "the id `\(id)` is also used by \(others); give each process its own `id`"))
            }
        }
        return findings
    }
}
