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
                let others = members.filter { $0 != i }
                let names = others.map { j -> String in
                    let other = procedures[j].file
                    // Swift compares strings by canonical equivalence: say so when only the bytes differ.
                    return other == p.file ? "`\(other)` (the same name in another Unicode form, NFC or NFD)" : "`\(other)`"
                }.joined(separator: ", ")
                let notes = others.map { j in
                    Finding.Note(file: procedures[j].file, location: Self.idLocation(procedures[j]), message: "the id `\(id)` is also given here")
                }
                let at = Self.idLocation(p)
                findings.append(finding(p, at: at, to: p.tokenEnds[at], "the id `\(id)` is also used by \(names); give each process its own `id`",
                                        subject: id, notes: notes))
            }
        }
        return findings
    }

    /// The `id` key when the front matter has one; else where the front matter starts (the id comes from the path).
    static func idLocation(_ p: Procedure) -> SourceLocation {
        p.fields["id"] != nil ? p.location(ofField: "id") : SourceLocation(line: p.frontMatterLine, column: 1)
    }
}
