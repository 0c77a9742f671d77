/// People × the SOPs of their roles, each read (the current revision), outdated (an earlier one) or not
/// yet: what `training.html`, `training.csv` and `acknowledgement-outdated` show.
public struct TrainingMatrix: Sendable {
    public enum Status: String, Sendable {
        case current, outdated
        case notYet = "not-yet"
    }

    public struct Cell: Sendable {
        /// Index into `KnowledgeBase.procedures`.
        public var procedure: Int
        public var status: Status
        /// The acknowledgement behind `current` or `outdated`.
        public var acknowledgement: Acknowledgement?
    }

    public struct Row: Sendable {
        public var person: Configuration.Person
        /// The record file the person's acknowledgements are in, when there is one.
        public var file: String?
        /// The SOPs of their roles, in procedure (file path) order.
        public var cells: [Cell]
        public var current: Int { cells.filter { $0.status == .current }.count }
    }

    public var rows: [Row]

    /// The matrix of `people:`, in declaration order. An SOP is on a role's path when the role owns it or
    /// holds any RACI letter; retired SOPs are left out, nobody is trained on them any more.
    public init(_ kb: KnowledgeBase) {
        let configuration = kb.configuration
        let records = Dictionary(configuration.acknowledgements.map { ($0.person, $0) }, uniquingKeysWith: { first, _ in first })
        rows = configuration.people.map { person in
            let record = records[person.name]
            let read = Dictionary((record?.entries ?? []).map { ($0.sop, $0) }, uniquingKeysWith: { first, _ in first })
            let roles = Set(person.roles)
            let cells = kb.procedures.indices.compactMap { i -> Cell? in
                let p = kb.procedures[i]
                guard p.status != .retired, Self.roles(of: p).contains(where: roles.contains) else { return nil }
                guard let ack = read[p.id] else { return Cell(procedure: i, status: .notYet) }
                return Cell(procedure: i, status: ack.hash == p.contentHash ? .current : .outdated, acknowledgement: ack)
            }
            return Row(person: person, file: record?.file, cells: cells)
        }
    }

    /// The roles on whose path an SOP is: its owners and every RACI letter.
    public static func roles(of p: Procedure) -> [String] {
        p.owners + (p.raci?.allRoles ?? [])
    }

    /// Per role of `people:`, how many (person, SOP) pairs of its people are current, out of how many.
    public func completion(ofRole role: String, _ kb: KnowledgeBase) -> (current: Int, total: Int) {
        var current = 0, total = 0
        for row in rows where row.person.roles.contains(role) {
            for cell in row.cells where Self.roles(of: kb.procedures[cell.procedure]).contains(role) {
                total += 1
                if cell.status == .current { current += 1 }
            }
        }
        return (current, total)
    }

    /// `training.csv`: one row per person and SOP, in the matrix's order.
    public func csv(_ kb: KnowledgeBase) -> String {
        var out = "person,roles,sop,title,status,acknowledged_on,acknowledged_commit\n"
        for row in rows {
            for cell in row.cells {
                let p = kb.procedures[cell.procedure]
                let fields = [row.person.name, row.person.roles.joined(separator: "; "), p.id, p.title, cell.status.rawValue,
                              cell.acknowledgement.map { "\($0.date)" } ?? "", cell.acknowledgement?.commit ?? ""]
                out += fields.map(CSV.field).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
