/// Two sources that would become the same page, or a page named like one the site writes itself.
/// Not in the spec's table: without it one page would silently overwrite another.
struct PageCollisionRule: Rule {
    static let id = "page-collision"
    static let defaultSeverity = Severity.warning
    static let summary = "Two files would become the same page (names differing only in case, or a reserved name)."

    func check(_ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        return kb.pageCollisions.map { c in
            let why: String
            if let other = c.takenBy {
                let sameLetters = other == c.file && Array(other.utf8) != Array(c.file.utf8)
                why = sameLetters
                    ? "another file has this same name written in another Unicode form (NFC and NFD), and becomes `\(c.wanted)` too"
                    : "`\(other)` already becomes `\(c.wanted)` (page names ignore case and Unicode form)"
            } else if c.reservedFolder {
                why = "`\(c.wanted)` is in a folder the site uses for its own pages (\(PageAssignment.reservedFolders.map { "`\($0)`" }.joined(separator: ", ")))"
            } else {
                why = "`\(c.wanted)` is a page the site writes itself"
            }
            let process = kb.procedures.first { $0.file == c.file }?.id
            return Finding(rule: Self.id, severity: Self.defaultSeverity, file: c.file, location: .start, process: process,
                           message: "\(why); this process is published as `\(c.given)`: rename the file")
        }
    }
}
