import Foundation

/// The SOPs whose next review is overdue or falls within a window, grouped by accountable owner: what
/// `sopbook reviews` prints for an owner to act on, or pastes into an issue.
public struct ReviewDigest: Sendable, Hashable {
    /// How far ahead to look (`--within 30d`): a count of days, weeks, months or years (zero: overdue only).
    public struct Window: Sendable, Hashable, CustomStringConvertible {
        public var count: Int
        public var unit: ReviewPeriod.Unit

        /// Parses `30d`, `2w`, `3m`, `1y` and what `review.every` accepts (`30 days`, `6 weeks`, `1 month`).
        public init?(_ text: String) {
            let t = text.trimmingCharacters(in: .whitespaces).lowercased()
            if let period = ReviewPeriod(t) {
                count = period.count
                unit = period.unit
                return
            }
            let units: [Character: ReviewPeriod.Unit] = ["d": .day, "w": .week, "m": .month, "y": .year]
            guard let last = t.last, let u = units[last], let n = Int(t.dropLast()), (0...100_000).contains(n),
                  t.dropLast().allSatisfy(\.isASCII) else {
                if t == "0" { count = 0; unit = .day; return }
                return nil
            }
            count = n
            unit = u
        }

        /// The last day of the window starting `today` (today itself for a zero window).
        public func end(from today: CivilDate) -> CivilDate {
            guard let period = ReviewPeriod("\(count) \(unit.rawValue)") else { return today }
            return today.adding(period)
        }

        public var description: String { "\(count) \(unit.rawValue)\(count == 1 ? "" : "s")" }
    }

    /// One SOP to review.
    public struct Item: Sendable, Hashable {
        public var id: String
        public var title: String
        /// The file's path from the repository root.
        public var file: String
        public var next: CivilDate
        public var last: CivilDate?
        public var overdue: Bool
        /// Days overdue, or days until due (0: due today).
        public var days: Int
        /// The page on the published site (`site_url:`), else the file's path from the repository root.
        public var url: String
    }

    public struct Group: Sendable, Hashable {
        /// The accountable owner; nil for SOPs that have none.
        public var owner: String?
        public var handle: String?
        public var items: [Item]
    }

    public var today: CivilDate
    public var window: Window
    public var end: CivilDate
    public var groups: [Group]

    public var count: Int { groups.reduce(0) { $0 + $1.items.count } }
    public var overdueCount: Int { groups.reduce(0) { $0 + $1.items.filter(\.overdue).count } }

    /// The digest of a knowledge base. The due date is `Review.due`, the one `review-overdue` reports on,
    /// and overdue means what it means there: due before today. Retired SOPs are not followed any more and
    /// drafts are not in force yet, so neither is listed. `prefix` is the content folder's path from the
    /// repository root.
    public init(_ knowledgeBase: KnowledgeBase, today: CivilDate, window: Window, prefix: String) {
        self.today = today
        self.window = window
        end = window.end(from: today)
        let configuration = knowledgeBase.configuration
        var byOwner: [String?: [Item]] = [:]
        for (i, p) in knowledgeBase.procedures.enumerated() where p.status == .active {
            guard let due = p.review?.due, !(end < due) else { continue }
            let overdue = due < today
            let url = configuration.siteURL.map { site in
                site + knowledgeBase.pages[i].split(separator: "/", omittingEmptySubsequences: false)
                    .map { ContentPath.encodeSegment(String($0)) }.joined(separator: "/")
            } ?? prefix + p.file
            let item = Item(id: p.id, title: p.title, file: prefix + p.file, next: due, last: p.review?.last, overdue: overdue,
                            days: abs(due.dayNumber - today.dayNumber), url: url)
            byOwner[p.owner, default: []].append(item)
        }
        groups = byOwner.map { owner, items in
            Group(owner: owner, handle: owner.flatMap(configuration.handle(for:)),
                  items: items.sorted { $0.next != $1.next ? $0.next < $1.next : $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) })
        }.sorted { a, b in
            // SOPs without an owner last: they are the ones nobody is going to review.
            switch (a.owner, b.owner) {
            case let (x?, y?): x < y
            case (.some, .none): true
            default: false
            }
        }
    }
}
