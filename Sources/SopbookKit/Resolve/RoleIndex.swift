/// For each role, the processes it owns and is Responsible, Accountable, Consulted or Informed for:
/// the onboarding path of a new hire in that role.
public struct RoleIndex: Sendable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var slug: String
        public var owns: [Int] = []
        public var responsible: [Int] = []
        public var accountable: [Int] = []
        public var consulted: [Int] = []
        public var informed: [Int] = []

        /// Reading order: the configured `reading_order` first, then what the role owns or does, then
        /// what it must know about.
        public var path: [Int] = []

        /// The role's page in the site, from its root.
        public var page: String { "roles/\(slug).html" }
    }

    /// Declared roles first in declaration order, then the others by name.
    public var roles: [Entry]

    public init(knowledgeBase kb: KnowledgeBase) {
        var entries: [String: Entry] = [:]
        var slugger = Slugger()
        let declared = kb.configuration.roles
        var used = Set<String>()
        // This runs on one core while the other makes the layout: no array or set is made per process.
        for i in kb.procedures.indices {
            if let owner = kb.procedures[i].owner { used.insert(owner) }
            guard let raci = kb.procedures[i].raci else { continue }
            used.formUnion(raci.responsible)
            used.formUnion(raci.accountable)
            used.formUnion(raci.consulted)
            used.formUnion(raci.informed)
        }
        let names = declared + used.subtracting(declared).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        for name in names where entries[name] == nil {
            var slug = slugger.slug(name)
            if slug.isEmpty { slug = slugger.slug("role") }
            entries[name] = Entry(name: name, slug: slug)
        }
        for i in kb.procedures.indices {
            if let owner = kb.procedures[i].owner { entries[owner]?.owns.append(i) }
            guard let raci = kb.procedures[i].raci else { continue }
            // A role named twice in one letter counts once (the lists are a few names: compared, not hashed).
            for (k, r) in raci.responsible.enumerated() where !raci.responsible[..<k].contains(r) { entries[r]?.responsible.append(i) }
            for (k, r) in raci.accountable.enumerated() where !raci.accountable[..<k].contains(r) { entries[r]?.accountable.append(i) }
            for (k, r) in raci.consulted.enumerated() where !raci.consulted[..<k].contains(r) { entries[r]?.consulted.append(i) }
            for (k, r) in raci.informed.enumerated() where !raci.informed[..<k].contains(r) { entries[r]?.informed.append(i) }
        }
        // A configured reading order puts those processes first, in that order.
        for (role, ids) in kb.configuration.readingOrder {
            guard var entry = entries[role] else { continue }
            let rank = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            func order(_ list: [Int]) -> [Int] {
                list.enumerated().sorted { a, b in
                    let ra = rank[kb.procedures[a.element].id] ?? Int.max, rb = rank[kb.procedures[b.element].id] ?? Int.max
                    return ra != rb ? ra < rb : a.offset < b.offset
                }.map(\.element)
            }
            entry.owns = order(entry.owns)
            entry.responsible = order(entry.responsible)
            entry.accountable = order(entry.accountable)
            entry.consulted = order(entry.consulted)
            entry.informed = order(entry.informed)
            entries[role] = entry
        }
        for (name, var entry) in entries {
            let ids = kb.configuration.readingOrder[name] ?? []
            let first = ids.compactMap { kb.indexByID[$0] }
            var seen = Set<Int>()
            // A retired SOP is no longer read by a new hire: it stays in the role's lists, not in its path.
            entry.path = (first + entry.owns + entry.accountable + entry.responsible + entry.consulted + entry.informed)
                .filter { kb.procedures[$0].status != .retired && seen.insert($0).inserted }
            entries[name] = entry
        }
        roles = names.compactMap { entries[$0] }
        var seen = Set<String>()
        roles = roles.filter { seen.insert($0.name).inserted }
    }

    public func entry(named name: String) -> Entry? {
        roles.first { $0.name == name }
    }
}

extension RoleIndex {
    /// Everything the index reads: each process's id (in the page table), owner, RACI and status, and the
    /// declared roles and reading orders. Not titles: a title edit keeps the index.
    struct Key: Sendable, Hashable {
        var table: Shared<PageTable>
        var facts: [Shared<Facts>]
        var roles: [String]
        var readingOrder: [String: [String]]
    }

    /// What the index reads of one process besides its id.
    struct Facts: Sendable, Hashable {
        var owner: String?
        var raci: Raci?
        var status: ProcedureStatus
    }
}
