/// A link whose `#fragment` is neither a heading nor a step of its target.
struct BrokenAnchorRule: ProcessRule {
    static let id = "broken-anchor"
    static let defaultSeverity = Severity.error
    static let summary = "A link's #fragment does not exist in its target."

    func check(_ i: Int, _ context: RuleContext) -> [Finding] {
        let kb = context.knowledgeBase
        let p = kb.procedures[i]
        var findings: [Finding] = []
        for resolved in kb.links[i] {
            guard case .brokenAnchor(let index, let fragment) = resolved.target else { continue }
            let target = kb.procedures[index]
            let headings = target.headings.map(\.anchor).filter { !$0.hasPrefix("step-") }
            let stepCount = " (it has \(target.steps.count) step\(target.steps.count == 1 ? "" : "s"))"
            // Step numbers are not typos of one another: say how many there are instead of guessing.
            let close = fragment.hasPrefix("step-") ? nil : Suggest.closest(to: fragment, among: headings)
            let hint = close.map { "; did you mean `#\($0)`?" } ?? stepCount
            let fixes = close.flatMap { Self.fix(resolved.link, anchor: $0, in: p) }.map { [$0] } ?? []
            findings.append(finding(p, at: resolved.link.location, to: resolved.link.end,
                                    "`#\(fragment)` is not a heading or step of `\(target.file)`\(hint)",
                                    subject: resolved.link.destination, notes: [Self.note(target, headings)], fixes: fixes))
        }
        return findings
    }

    /// Points at the target and lists what a fragment may name there.
    static func note(_ target: Procedure, _ headings: [String]) -> Finding.Note {
        var names = headings.prefix(8).map { "`#\($0)`" }
        if headings.count > 8 { names.append("…") }
        switch target.steps.count {
        case 0: break
        case 1: names.append("`#step-1`")
        default: names.append("`#step-1` to `#step-\(target.steps.count)`")
        }
        let list = names.isEmpty ? "no headings or steps" : names.joined(separator: ", ")
        return Finding.Note(file: target.file, location: SourceLocation(line: target.headings.first?.line ?? 1, column: 1),
                            message: "the anchors of `\(target.file)`: \(list)")
    }

    /// Replaces the fragment as written (after `#`) with the closest anchor.
    static func fix(_ link: Link, anchor: String, in p: Procedure) -> Finding.Fix? {
        guard let start = link.destinationStart, let hash = link.destination.utf8.firstIndex(of: UInt8(ascii: "#")) else { return nil }
        let before = link.destination.utf8.distance(from: link.destination.utf8.startIndex, to: hash) + 1
        let old = String(link.destination[link.destination.index(after: hash)...])
        let text = link.kind == .wiki ? anchor : ContentPath.encodeFragment(anchor)
        let from = SourceLocation(line: start.line, column: start.column + before)
        let to = SourceLocation(line: start.line, column: from.column + old.utf8.count)
        return Finding.Fix(description: "Replace `#\(old)` with `#\(text)`",
                           replacements: [Finding.Replacement(file: p.file, start: from, end: to, text: text)])
    }
}
