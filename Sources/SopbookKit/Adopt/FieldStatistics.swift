import Foundation
import Yams

/// How the pages of a handbook use their front matter: which top-level keys, on how many pages, with
/// what kind of values. What `adopt` maps and ignores is decided from this.
public struct FieldStatistics: Sendable, Hashable {
    /// One top-level key across the pages.
    public struct Key: Sendable, Hashable {
        public var name: String
        /// Pages that have the key.
        public var pages = 0
        /// Pages where its value is a `YYYY-MM-DD` date.
        public var dates = 0
        public var lists = 0
        public var maps = 0
        /// Pages where it is there but empty (`owner:`), which counts as missing.
        public var empty = 0
        /// How often each short text value occurs, for the keys whose values Sopbook restricts (status).
        public var values: [String: Int] = [:]

        public init(name: String) { self.name = name }
    }

    /// A page and the keys its front matter has (those with a value).
    public struct Page: Sendable, Hashable {
        public var path: String
        public var keys: Set<String>
    }

    /// The pages Sopbook will read as processes.
    public var pages: [Page] = []
    public var keys: [String: Key] = [:]
    /// Pages with no front matter at all.
    public var withoutFrontMatter: [String] = []
    /// Pages whose front matter Sopbook cannot read (`invalid-front-matter` until fixed), with why.
    public var unreadable: [Unreadable] = []

    public struct Unreadable: Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    /// Keys by how many pages use them, then by name.
    public var keysByUse: [Key] {
        keys.values.sorted { ($0.pages, $1.name) > ($1.pages, $0.name) }
    }

    /// Reads every page Sopbook will read: names starting with `_` or `.` are skipped, as Sopbook skips
    /// them, except the file names in `alsoRead` (`_index.md` when it is an index page); the paths in
    /// `excluding` (the navigation file) are not processes either.
    public static func make(_ snapshot: HandbookSnapshot, alsoRead: Set<String> = [], excluding: Set<String> = []) -> FieldStatistics {
        var stats = FieldStatistics()
        for page in snapshot.pages where isRead(page.path, alsoRead: alsoRead) && !excluding.contains(page.path) {
            if let problem = page.problem {
                stats.unreadable.append(Unreadable(path: page.path, reason: problem))
                continue
            }
            guard let yaml = page.frontMatter else {
                stats.withoutFrontMatter.append(page.path)
                stats.pages.append(Page(path: page.path, keys: []))
                continue
            }
            switch topLevel(yaml) {
            case .failure(let failure): stats.unreadable.append(Unreadable(path: page.path, reason: failure.description))
            case .success(let entries):
                var keys = Set<String>()
                for (name, value) in entries where keys.insert(name).inserted {
                    stats.keys[name, default: Key(name: name)].count(value)
                }
                stats.pages.append(Page(path: page.path, keys: Set(entries.filter { !YAMLValue.isNull($0.value) }.map(\.key))))
            }
        }
        return stats
    }

    static func isRead(_ path: String, alsoRead: Set<String>) -> Bool {
        let parts = path.split(separator: "/")
        for (i, part) in parts.enumerated() where part.hasPrefix("_") || part.hasPrefix(".") {
            if i == parts.count - 1, alsoRead.contains(String(part)) { continue }
            return false
        }
        return true
    }

    /// The top-level keys and values of a front matter, or why Sopbook will not read it.
    static func topLevel(_ yaml: String) -> Result<[(key: String, value: Node)], Failure> {
        // The same guard as the front matter parser: a document of aliases can expand exponentially.
        if AliasGuard.lineExceedingLimit(yaml) != nil { return .failure(Failure("too many YAML aliases")) }
        let root: Node?
        do { root = try Parser(yaml: yaml, resolver: .basic, encoding: .utf8).singleRoot() } catch {
            return .failure(Failure(YAMLErrors.describe(error).message))
        }
        guard let root, !YAMLValue.isNull(root) else { return .success([]) }
        guard let map = root.mapping else { return .failure(Failure("the front matter is not a mapping of fields")) }
        return .success(map.compactMap { k, v in YAMLValue.string(k).map { ($0, v) } })
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

extension FieldStatistics.Key {
    mutating func count(_ value: Node) {
        pages += 1
        if YAMLValue.isNull(value) { empty += 1; return }
        if value.sequence != nil { lists += 1 }
        if value.mapping != nil { maps += 1 }
        guard let text = YAMLValue.string(value) else { return }
        if text.trimmed.isEmpty { empty += 1 }
        if CivilDate(text.trimmed) != nil { dates += 1 }
        if text.count <= 40, values.count < 50 || values[text] != nil { values[text, default: 0] += 1 }
    }
}
