import Foundation

/// The `fields:` section adopt writes: where `owner`, `review.last` and `summary` are read from, the keys
/// to ignore, and what the user should know about the rest.
public struct FieldPlan: Sendable, Hashable {
    /// One `fields:` key (`owner: owner_slack`) and how many pages it gives a value.
    public struct Mapping: Sendable, Hashable {
        /// The key under `fields:`: `owner`, `review_last` or `summary`.
        public var field: String
        /// The same, as Sopbook's front matter names it: `owner`, `review.last`, `summary`.
        public var target: String
        /// The front matter keys read, in order: the first a page has wins.
        public var keys: [String]
        /// Pages that get a value through one of `keys` (not counting those that have Sopbook's own key).
        public var covered: Int
        /// Per key, the pages on which it is the one read.
        public var readFrom: [String: Int]
        /// Pages that have Sopbook's own key, which is read before any mapped one.
        public var own: Int
        public var total: Int
    }

    public var mappings: [Mapping] = []
    /// Keys the pages use that Sopbook neither knows nor reads through a mapping, by name.
    public var ignored: [FieldStatistics.Key] = []
    /// Pages with no ownership-like key at all: `missing-owner` whatever the mapping.
    public var unowned: [String] = []
    /// Things the user should check by hand, one sentence each.
    public var notes: [String] = []
    public var total = 0

    /// Front matter keys Sopbook reads, including the controlled-document fields of this release.
    public static let knownKeys: Set<String> = Set(FrontMatterParser.knownFields + ["approval", "effective", "superseded_by"])

    public func mapping(_ field: String) -> Mapping? { mappings.first { $0.field == field } }

    /// `generator` decides which keys move a page's URL: `permalink` means that to Jekyll, nothing to GitHub.
    public static func make(_ stats: FieldStatistics, generator: Generator = .github) -> FieldPlan {
        var plan = FieldPlan()
        plan.total = stats.pages.count
        var read = Set<String>()
        for kind in FieldKind.allCases {
            let (mapping, notes) = kind.mapping(stats, taken: read)
            plan.notes += notes
            if let mapping {
                plan.mappings.append(mapping)
                read.formUnion(mapping.keys)
            }
        }
        for mapping in routing(stats, generator) {
            plan.mappings.append(mapping)
            read.formUnion(mapping.keys)
        }
        let ownership = Set(stats.keys.keys.filter { $0 == "owner" || FieldKind.ownership.isCandidate($0) })
        plan.unowned = stats.pages.filter { $0.keys.isDisjoint(with: ownership) }.map(\.path)
        plan.ignored = stats.keys.values.filter { !knownKeys.contains($0.name) && !read.contains($0.name) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        plan.notes += hints(stats, read: read)
        return plan
    }

    /// The keys that give a page another URL (`fields.url`) or older URLs that lead to it
    /// (`fields.aliases`), as the generator reads them: links written to those URLs work on its site.
    static func routing(_ stats: FieldStatistics, _ generator: Generator) -> [Mapping] {
        let (url, aliases): ([String], [String]) = switch generator {
        case .jekyll: (["permalink"], ["redirect_from"])   // redirect_from: jekyll-redirect-from, on GitHub Pages
        case .eleventy: (["permalink"], [])
        case .hugo: (["url", "slug"], ["aliases"])         // url replaces the whole path, slug the file's name
        case .docusaurus: (["slug", "id"], [])              // a doc is served at its slug, else at its id
        case .middleman: ([], ["old_paths"])                // the GOV.UK tech docs template's redirects
        default: ([], [])
        }
        return [("url", url), ("aliases", aliases)].compactMap { field, names in
            let keys = names.filter { stats.keys[$0] != nil }
            guard !keys.isEmpty else { return nil }
            var readFrom: [String: Int] = [:]
            var covered = 0
            for page in stats.pages {
                guard let first = keys.first(where: page.keys.contains) else { continue }
                readFrom[first, default: 0] += 1
                covered += 1
            }
            return Mapping(field: field, target: field, keys: keys, covered: covered, readFrom: readFrom, own: 0, total: stats.pages.count)
        }
    }

    /// Keys that look like an owner or a review date but mean something else: said, not mapped.
    static func hints(_ stats: FieldStatistics, read: Set<String>) -> [String] {
        var notes: [String] = []
        let authors = ["author", "authors", "created_by", "writer"].compactMap { stats.keys[$0] }
        for key in authors where !read.contains(key.name) {
            notes.append("`\(key.name)` (\(plural(key.pages, "page"))) is not read as the owner: who wrote a page is not always who answers for it; add it to `fields.owner` if it is")
        }
        let changes = ["lastmod", "last_modified", "last_modified_at", "last_updated", "updated", "modified", "date"].compactMap { stats.keys[$0] }
        for key in changes where !read.contains(key.name) && key.dates > 0 {
            notes.append("`\(key.name)` (\(plural(key.pages, "page"))) is not read as the last review: a change is not a review; add it to `fields.review_last` if your team records reviews that way")
        }
        if let status = stats.keys["status"] {
            let odd = status.values.filter { !["draft", "active", "retired"].contains($0.key.lowercased()) }
            if !odd.isEmpty {
                let list = odd.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map { "\($0.key): \($0.value)" }
                notes.append("`status` has values Sopbook does not know (\(list.joined(separator: ", "))): it reads draft, active or retired, so those pages get invalid-front-matter on `status`")
            }
        }
        if let owner = stats.keys["owner"], owner.maps > 0 {
            notes.append("`owner` is a map on \(plural(owner.maps, "page")): Sopbook reads a name or a list of names")
        }
        if let review = stats.keys["review"], review.pages > review.maps {
            notes.append("`review` is not a map on \(plural(review.pages - review.maps, "page")): Sopbook reads `review: {last: YYYY-MM-DD, every: 6 months}`")
        }
        return notes
    }
}

/// The three fields adopt can read from another key, and how it recognises a candidate key.
enum FieldKind: CaseIterable {
    case ownership, review, summary

    var field: String { switch self { case .ownership: "owner"; case .review: "review_last"; case .summary: "summary" } }
    var target: String { switch self { case .ownership: "owner"; case .review: "review.last"; case .summary: "summary" } }
    /// Sopbook's own key; `review` is a map, so it is never a flat `review_last` key.
    var native: String { switch self { case .ownership: "owner"; case .review: "review"; case .summary: "summary" } }

    /// Known names, most likely first: the order breaks ties between keys used on as many pages.
    var names: [String] {
        switch self {
        case .ownership:
            ["owners", "owner_team", "owner_slack", "owner_email", "owned_by", "process_owner", "document_owner", "page_owner",
             "content_owner", "maintainer", "maintainers", "maintained_by", "dri", "responsible_team", "responsible",
             "responsible_person", "accountable", "steward", "team", "teams", "contact", "contacts"]
        case .review:
            ["last_review_date", "last_reviewed", "last_reviewed_on", "last_reviewed_at", "last_review", "reviewed",
             "reviewed_on", "reviewed_at", "review_date", "date_reviewed", "last_verified", "verified_on", "verified"]
        case .summary:
            ["description", "excerpt", "abstract", "synopsis"]
        }
    }

    func isCandidate(_ name: String) -> Bool {
        let lower = name.lowercased()
        if name == native { return false }
        if names.contains(lower) { return true }
        switch self {
        case .ownership:
            // Any `*owner*` or `*maintainer*` key (`process_owner`, `owner_github`), and `Owner`, which
            // Sopbook does not read because keys are case-sensitive.
            return lower.contains("owner") || lower.contains("maintainer")
        case .review:
            // A review *date*: not who reviews, nor when the next review is due, nor how often.
            let excluded = ["next", "due", "reviewer", "_by", "frequency", "interval", "cycle", "period", "every", "status"]
            return (lower.contains("review") || lower.contains("verified")) && lower != "review" && !excluded.contains { lower.contains($0) }
        case .summary:
            return false
        }
    }

    /// Why a candidate cannot be read as this field, or nil when it can.
    func unfit(_ key: FieldStatistics.Key) -> String? {
        switch self {
        case .ownership where key.maps * 2 > key.pages:
            "its values are maps, and Sopbook reads an owner as a name or a list of names"
        case .review where key.dates * 2 < key.pages:
            "its values are mostly not YYYY-MM-DD dates (\(key.dates) of \(key.pages) are)"
        case .summary where key.lists + key.maps > 0:
            "some of its values are lists or maps, not text"
        default: nil
        }
    }

    /// The keys to read this field from, in order, or nil when the pages need no mapping. A candidate
    /// is listed only when it gives a value to a page the keys before it leave without one, so the list
    /// says exactly which keys matter.
    /// `taken`: keys an earlier field reads; a key is read as one field only.
    func mapping(_ stats: FieldStatistics, taken: Set<String>) -> (FieldPlan.Mapping?, [String]) {
        var notes: [String] = []
        let preference = { (name: String) in names.firstIndex(of: name.lowercased()) ?? names.count }
        let candidates = stats.keys.values.filter { isCandidate($0.name) }
            .sorted { ($0.pages, -preference($0.name), $1.name) > ($1.pages, -preference($1.name), $0.name) }
        var keys: [String] = []
        // Sopbook's own key always wins over a mapped one, so it is never listed (the configuration
        // refuses it): the candidates only fill the pages that lack it.
        var covered = Set(stats.pages.filter { $0.keys.contains(native) }.map(\.path))
        for key in candidates where !taken.contains(key.name) {
            if let why = unfit(key) {
                notes.append("`\(key.name)` (\(plural(key.pages, "page"))) is not read as `\(target)`: \(why)")
                continue
            }
            let adds = stats.pages.filter { $0.keys.contains(key.name) && !covered.contains($0.path) }.map(\.path)
            guard !adds.isEmpty else { continue }
            keys.append(key.name)
            covered.formUnion(adds)
        }
        guard !keys.isEmpty else { return (nil, notes) }
        for name in keys where self == .review {
            // Read as `review.last`, a value that is not a date is an invalid-front-matter finding.
            if let key = stats.keys[name], key.pages - key.empty > key.dates {
                notes.append("`\(name)` is not a YYYY-MM-DD date on \(plural(key.pages - key.empty - key.dates, "page")): Sopbook reports those as invalid-front-matter once it reads it as `review.last`")
            }
        }
        var readFrom: [String: Int] = [:]
        var total = 0
        for page in stats.pages where !page.keys.contains(native) {
            guard let first = keys.first(where: page.keys.contains) else { continue }
            readFrom[first, default: 0] += 1
            total += 1
        }
        let own = stats.pages.count { $0.keys.contains(native) }
        return (FieldPlan.Mapping(field: field, target: target, keys: keys, covered: total, readFrom: readFrom,
                                  own: own, total: stats.pages.count), notes)
    }
}

extension FieldPlan {
    /// The plan as `sopbook.yml`'s `fields:` is read.
    public var fieldMapping: FieldMapping {
        var m = FieldMapping()
        m.owner = mapping("owner")?.keys ?? []
        m.reviewLast = mapping("review_last")?.keys ?? []
        m.summary = mapping("summary")?.keys ?? []
        m.url = mapping("url")?.keys ?? []
        m.aliases = mapping("aliases")?.keys ?? []
        m.ignore = Set(ignored.map(\.name))
        return m
    }
}
