import Foundation

/// The impact report of two checked revisions: a pure function of them (the runner reads them).
public enum ImpactAnalysis {
    public static func report(base: ProcessDiff.Side, baseFindings: [Finding], head: ProcessDiff.Side, headFindings: [Finding],
                              revisions: (base: ImpactReport.Revision, head: ImpactReport.Revision), contentPrefix: String) -> ImpactReport {
        var report = ImpactReport(base: revisions.base, head: revisions.head, contentPrefix: contentPrefix)
        report.processes = ProcessDiff.changes(base: base, head: head)
        let touching = report.processes.filter(\.changesContent)
        report.consult = parties(touching.map { ($0.id, $0.consult) })
        report.inform = parties(touching.map { ($0.id, $0.inform) })
        report.reread = rereaders(report.processes, base: base.knowledgeBase, head: head.knowledgeBase)
        report.firstRead = firstReaders(report.processes, head: head.knowledgeBase)
        let moved = Dictionary(report.processes.compactMap { c in c.previousFile.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        let baseFindings = baseFindings.map { follow($0, moved: moved, base: base.knowledgeBase) }
        let againstBase = Baseline(findings: baseFindings).compare(headFindings)
        report.newFindings = headFindings.indices.filter { againstBase.states[$0] == .new }.map { headFindings[$0] }
        let againstHead = Baseline(findings: headFindings).compare(baseFindings)
        report.fixedFindings = baseFindings.indices.filter { againstHead.states[$0] == .new }.map { baseFindings[$0] }
        return report
    }

    /// A base finding on a file that moved, as if it had been found at the new place: it is the same finding.
    static func follow(_ finding: Finding, moved: [String: ProcessChange], base: KnowledgeBase) -> Finding {
        guard let change = moved[finding.file] else { return finding }
        var copy = finding
        copy.file = change.file
        if let process = finding.process, base.indexByID[process].map({ base.procedures[$0].file }) == change.previousFile {
            copy.process = change.id
        }
        return copy
    }

    /// Each name once, in the order met, with the processes that concern it.
    static func parties(_ lists: [(process: String, names: [String])]) -> [ImpactReport.Party] {
        var order: [String] = [], processes: [String: [String]] = [:]
        for (process, names) in lists {
            for name in names {
                if processes[name] == nil { order.append(name) }
                if processes[name]?.contains(process) != true { processes[name, default: []].append(process) }
            }
        }
        return order.sorted { $0.localizedStandardCompare($1) == .orderedAscending }.map { .init(name: $0, processes: processes[$0] ?? []) }
    }

    /// People who acknowledged a process's base revision that this change rewrites (and have not yet
    /// acknowledged the new one in the same change): their acknowledgement is outdated once it merges.
    static func rereaders(_ changes: [ProcessChange], base: KnowledgeBase, head: KnowledgeBase) -> [ImpactReport.Party] {
        var lists: [(String, [String])] = []
        for change in changes where change.changesContent && [.changed, .renamed].contains(change.kind) {
            let oldID = change.previousFile.flatMap { file in base.procedures.first { $0.file == file }?.id } ?? change.id
            guard let b = base.indexByID[oldID], let h = head.indexByID[change.id] else { continue }
            let (was, now) = (base.procedures[b].contentHash, head.procedures[h].contentHash)
            let readers = head.configuration.acknowledgements.filter { record in
                record.entries.contains { ($0.sop == oldID || $0.sop == change.id) && $0.hash == was && $0.hash != now }
                    && !record.entries.contains { $0.sop == change.id && $0.hash == now }
            }
            lists.append((change.id, readers.map(\.person)))
        }
        return parties(lists)
    }

    /// People of `people:` whose roles put a new active process on their path.
    static func firstReaders(_ changes: [ProcessChange], head: KnowledgeBase) -> [ImpactReport.Party] {
        var lists: [(String, [String])] = []
        for change in changes where change.kind == .added {
            guard let h = head.indexByID[change.id], head.procedures[h].status == .active else { continue }
            let roles = Set(TrainingMatrix.roles(of: head.procedures[h]))
            lists.append((change.id, head.configuration.people.filter { $0.roles.contains(where: roles.contains) }.map(\.name)))
        }
        return parties(lists)
    }
}
