/// Pairs the processes of two revisions and says how each pair differs: a pure function of the two
/// knowledge bases and their files' bytes.
public enum ProcessDiff {
    /// One revision, as the pipeline checked it, with the bytes of its SOP files (for pairing moved files).
    public struct Side: Sendable {
        public var knowledgeBase: KnowledgeBase
        /// Bytes by content-relative path.
        public var bytes: [String: [UInt8]]

        public init(knowledgeBase: KnowledgeBase, bytes: [String: [UInt8]]) {
            self.knowledgeBase = knowledgeBase
            self.bytes = bytes
        }
    }

    /// Every process that differs, in head file order (deleted ones at their base path).
    public static func changes(base: Side, head: Side) -> [ProcessChange] {
        let pairs = pair(base: base, head: head)
        var changes: [ProcessChange] = []
        for (b, h) in pairs.matched {
            let old = base.knowledgeBase.procedures[b], new = head.knowledgeBase.procedures[h]
            guard old.contentHash != new.contentHash || old.file != new.file else { continue }
            changes.append(compare(old, new))
        }
        let baseUnreadable = Set(base.knowledgeBase.unreadable.map(\.file))
        for h in pairs.added {
            var change = lone(head.knowledgeBase.procedures[h], kind: .added)
            if baseUnreadable.contains(change.file) {
                // Unreadable before: the same file, fixed, not a new process.
                change.kind = .changed
                change.fields = [.init(field: "readable as an SOP", from: "no", to: "yes")]
            }
            changes.append(change)
        }
        for b in pairs.deleted { changes.append(lone(base.knowledgeBase.procedures[b], kind: .deleted)) }
        changes += unreadable(base: base, head: head, pairs: pairs)
        return changes.sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
    }

    struct Pairs {
        var matched: [(Int, Int)] = []
        var added: [Int] = []
        var deleted: [Int] = []
    }

    /// Same file first; then, among files that left and files that arrived, a move: the same explicit id,
    /// the same bytes, the same title, or mostly the same lines.
    static func pair(base: Side, head: Side) -> Pairs {
        let old = base.knowledgeBase.procedures, new = head.knowledgeBase.procedures
        let headByFile = Dictionary(new.indices.map { (new[$0].file, $0) }, uniquingKeysWith: { a, _ in a })
        var pairs = Pairs()
        var left: [Int] = []
        var arrived = Set(new.indices)
        for b in old.indices {
            if let h = headByFile[old[b].file] {
                pairs.matched.append((b, h))
                arrived.remove(h)
            } else {
                left.append(b)
            }
        }
        let headUnreadable = Set(head.knowledgeBase.unreadable.map(\.file))
        var candidates = arrived.sorted()
        for b in left {
            if headUnreadable.contains(old[b].file) { continue }
            if let n = candidates.firstIndex(where: { moved(old[b], new[$0], base: base, head: head) }) {
                pairs.matched.append((b, candidates[n]))
                candidates.remove(at: n)
            } else {
                pairs.deleted.append(b)
            }
        }
        pairs.added = candidates
        return pairs
    }

    static func moved(_ a: Procedure, _ b: Procedure, base: Side, head: Side) -> Bool {
        if a.fields["id"] != nil && a.id == b.id { return true }
        if a.contentHash == b.contentHash || (a.title == b.title && !a.title.isEmpty) { return true }
        return similarity(base.bytes[a.file] ?? [], head.bytes[b.file] ?? []) >= 0.5
    }

    /// The share of non-blank lines the two texts have in common (Jaccard over the sets of lines).
    static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        func lines(_ bytes: [UInt8]) -> Set<ArraySlice<UInt8>> {
            Set(bytes.split(separator: UInt8(ascii: "\n")).filter { line in line.contains { $0 > 32 } })
        }
        let x = lines(a), y = lines(b)
        let union = x.union(y).count
        return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
    }

    /// A process present in one revision only.
    static func lone(_ p: Procedure, kind: ProcessChange.Kind) -> ProcessChange {
        var change = ProcessChange(kind: kind, id: p.id, file: p.file, title: p.title, owner: p.owner)
        change.stepCount = p.steps.count
        (change.consult, change.inform) = audience([p])
        return change
    }

    /// How `new` differs from `old`, the same process in two revisions.
    static func compare(_ old: Procedure, _ new: Procedure) -> ProcessChange {
        let kind: ProcessChange.Kind = new.status == .retired && old.status != .retired ? .retired
            : old.file != new.file ? .renamed : .changed
        var change = ProcessChange(kind: kind, id: new.id, file: new.file, title: new.title, owner: new.owner)
        if old.file != new.file { change.previousFile = old.file }
        change.stepCount = new.steps.count
        let steps = StepDiff.compare(old.steps.map(\.text), new.steps.map(\.text))
        (change.stepsAdded, change.stepsRemoved, change.stepsReworded) = (steps.added, steps.removed, steps.reworded)
        change.roles = roleChanges(old, new)
        let (oldQuality, newQuality) = (old.quality.map(describe), new.quality.map(describe))
        change.qualityAdded = newQuality.filter { !oldQuality.contains($0) }
        change.qualityRemoved = oldQuality.filter { !newQuality.contains($0) }
        change.fields = fieldChanges(old, new).filter { $0.from != $0.to }
        change.textEdited = old.contentHash != new.contentHash && !change.hasDetails
        (change.consult, change.inform) = audience([old, new])
        return change
    }

    static func roleChanges(_ old: Procedure, _ new: Procedure) -> [ProcessChange.RoleChange] {
        let letters: [(String, (Procedure) -> [String])] = [
            ("owner", { $0.owners }), ("responsible", { $0.raci?.responsible ?? [] }), ("accountable", { $0.raci?.accountable ?? [] }),
            ("consulted", { $0.raci?.consulted ?? [] }), ("informed", { $0.raci?.informed ?? [] }),
        ]
        return letters.compactMap { letter, roles in
            let (a, b) = (roles(old), roles(new))
            let change = ProcessChange.RoleChange(letter: letter, added: b.filter { !a.contains($0) }, removed: a.filter { !b.contains($0) })
            return change.added.isEmpty && change.removed.isEmpty ? nil : change
        }
    }

    static func fieldChanges(_ old: Procedure, _ new: Procedure) -> [ProcessChange.FieldChange] {
        func review(_ p: Procedure) -> String {
            guard let r = p.review else { return "" }
            return [r.last.map { "last \($0)" }, r.every.map { "every \($0)" }, r.next.map { "next \($0)" }].compactMap { $0 }.joined(separator: ", ")
        }
        func approval(_ p: Procedure) -> String { p.approval.map { "\($0.by) on \($0.on)" } ?? "" }
        return [
            .init(field: "title", from: old.title, to: new.title),
            .init(field: "status", from: old.status.rawValue, to: new.status.rawValue),
            .init(field: "summary", from: old.summary ?? "", to: new.summary ?? ""),
            .init(field: "review", from: review(old), to: review(new)),
            .init(field: "approval", from: approval(old), to: approval(new)),
            .init(field: "effective", from: old.effective?.description ?? "", to: new.effective?.description ?? ""),
            .init(field: "superseded by", from: old.supersededBy ?? "", to: new.supersededBy ?? ""),
        ]
    }

    static func describe(_ q: QualityStandard) -> String {
        [q.standard, q.metric.map { "metric: \($0)" }, q.target.map { "target: \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// The roles to consult (C) and to inform (I, and every other role on whose onboarding path the
    /// process is: owners, R and A), over every revision given, each once, in the order met.
    static func audience(_ revisions: [Procedure]) -> (consult: [String], inform: [String]) {
        var consult: [String] = [], inform: [String] = []
        for p in revisions { for role in p.raci?.consulted ?? [] where !consult.contains(role) { consult.append(role) } }
        for p in revisions {
            for role in TrainingMatrix.roles(of: p) where !consult.contains(role) && !inform.contains(role) { inform.append(role) }
        }
        return (consult, inform)
    }

    /// Files that cannot be read as an SOP in one revision (or differ while unreadable in both).
    static func unreadable(base: Side, head: Side, pairs: Pairs) -> [ProcessChange] {
        let baseByFile = Dictionary(base.knowledgeBase.procedures.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        let baseUnreadable = Set(base.knowledgeBase.unreadable.map(\.file))
        let pairedHead = Set(pairs.matched.map { head.knowledgeBase.procedures[$0.1].file })
        var changes: [ProcessChange] = []
        for file in head.knowledgeBase.unreadable.map(\.file) where !pairedHead.contains(file) {
            let was = baseByFile[file]
            if was == nil && baseUnreadable.contains(file) && base.bytes[file] == head.bytes[file] { continue }
            var change = ProcessChange(kind: was == nil && !baseUnreadable.contains(file) ? .added : .changed,
                                       id: was?.id ?? file, file: file, title: was?.title ?? file, owner: was?.owner)
            change.unreadable = true
            changes.append(change)
        }
        return changes
    }
}
