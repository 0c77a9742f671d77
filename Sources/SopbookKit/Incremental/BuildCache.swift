import Foundation

/// What one build leaves for the next, so that `sopbook serve` redoes only what an edit changed: files
/// whose stamp did not move are not read, files whose content hash did not change are not parsed, links
/// are resolved again only where a target changed, and pages whose inputs hash the same are neither
/// rendered nor written.
///
/// A plain build (`sopbook build`, CI) never uses one: it starts cold, as the benchmarks measure it.
/// One build at a time may use a cache (`serve` runs its rebuilds one after another); the stages fill
/// it from the calling thread only, after their parallel parts have finished.
public final class BuildCache: @unchecked Sendable {
    struct Front {
        var stamp: FileStamp
        var hash: Int
        var result: Result<(Procedure, SplitSource), UnreadableFile>
    }

    struct Body {
        var hash: Int
        /// The link targets the body's links were rewritten against (`LinkTargets.key`).
        var targets: Int
        var procedure: Procedure
    }

    struct Links {
        var hash: Int
        var universe: Int
        /// Content hashes of the processes the links landed on (their anchors decide broken-anchor).
        var targetHashes: [String: Int]
        var links: [ResolvedLink]
        /// Changes whenever the links are resolved again: what the link rules' findings depend on.
        var version: Int

        /// The entry for `links`, just resolved from a file with content hash `hash`; `target` gives the file
        /// and content hash of the process at an index.
        init(links: [ResolvedLink], hash: Int, universe: Int, target: (Int) -> (file: String, hash: Int)) {
            var targets: [String: Int] = [:]
            for link in links {
                guard let to = link.target.processIndex else { continue }
                let (file, targetHash) = target(to)
                targets[file] = targetHash
            }
            var version = Hasher()
            version.combine(hash)
            version.combine(universe)
            for (file, targetHash) in targets.sorted(by: { $0.key < $1.key }) {
                version.combine(file)
                version.combine(targetHash)
            }
            self.hash = hash
            self.universe = universe
            self.targetHashes = targets
            self.links = links
            self.version = version.finalize()
        }
    }

    var configuration: Configuration?
    /// The last load whole, for `Site.patch`.
    var state: LoadState?
    var fronts: [String: Front] = [:]
    var bodies: [String: Body] = [:]
    var links: [String: Links] = [:]
    /// Findings of the per-process rules, by file, keyed by the process's content, links and the settings.
    var findings: [String: (key: Int, findings: [Finding])] = [:]
    /// Sorted orders of processes by title, per area or folder, keyed by the members and their titles.
    let orders = KeyedMemo<[Int]>()
    /// Sidebar lists per folder, keyed by the theme and the folder's members, titles and pages.
    let folderLists = KeyedMemo<String>()
    /// The fingerprint of the inputs of every page written by the last build, by output path.
    var pageKeys: [String: Int] = [:]
    var history: GitHistory?
    /// The theme and settings the pages were rendered with; a change renders everything again.
    var renderKey: Int?
    var output: URL?

    /// What the last build did, for the log line of `serve` and for tests.
    public internal(set) var stats = Stats()

    public struct Stats: Sendable, Equatable {
        public var read = 0
        public var parsed = 0
        public var resolved = 0
        public var rendered = 0
        public var written = 0
        public var removed = 0
        public var incremental = false
    }

    public init() {}

    /// Forgets everything when the configuration changed (a theme change only renders every page again:
    /// the render key of the pages moves).
    func reset(for configuration: Configuration) {
        if self.configuration != configuration {
            fronts = [:]
            bodies = [:]
            links = [:]
            findings = [:]
            state = nil
            orders.removeAll()
            folderLists.removeAll()
            roles = nil
            searchEntries = nil
            layout = nil
            linkKeys = nil
            pageKeys = [:]
            renderKey = nil
        }
        self.configuration = configuration
    }

    var roles: (key: Int, index: RoleIndex)?

    /// What the last `Site.patch` changed, so later stages can keep what it did not touch. Nil after a
    /// full load: then every stage checks everything.
    struct PatchSummary {
        var edited: [Int]
        /// No title changed (files, pages and areas cannot change in a patch): orders and sidebars stand.
        var titlesUnchanged: Bool
        /// No owner, RACI or id changed: the role index stands.
        var rolesUnchanged: Bool
    }
    var lastPatch: PatchSummary?
    /// The renderer's orders, areas and sidebar lists of the last build, with the theme they were made with.
    var layout: (themeKey: Int, layout: SiteRenderer.Layout)?
    /// What a link to each process showed in the last build (`PageKeys.linkKeys`).
    var linkKeys: [Int]?

    /// The role index, kept while no owner, RACI, id or role setting changes.
    func roleIndex(for kb: KnowledgeBase) -> RoleIndex {
        if let roles, lastPatch?.rolesUnchanged == true { return roles.index }
        var h = Hasher()
        h.combine(kb.configuration.roles)
        h.combine(kb.configuration.readingOrder)
        for i in kb.procedures.indices {
            h.combine(kb.procedures[i].id)
            h.combine(kb.procedures[i].owner)
            h.combine(kb.procedures[i].raci)
        }
        let key = h.finalize()
        if let roles, roles.key == key { return roles.index }
        let index = RoleIndex(knowledgeBase: kb)
        roles = (key, index)
        return index
    }
    /// Search-index entries in page order, with the key each was made from.
    struct SearchEntries {
        var order: [Int]
        var position: [Int: Int]
        var keys: [Int]
        var entries: [String]
    }
    var searchEntries: SearchEntries?
}

/// A content hash of bytes, for the cache: equal files hash equal within one process.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> Int {
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}

/// Values by name, each kept with the key it was made from and made again when the key moves. Safe to use
/// from the parallel parts of a build.
final class KeyedMemo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [String: (key: Int, value: Value)] = [:]

    func value(for name: String, key: Int, compute: () -> Value) -> Value {
        if let cached = lock.withLock({ table[name] }), cached.key == key { return cached.value }
        let value = compute()
        lock.withLock { table[name] = (key, value) }
        return value
    }

    func removeAll() {
        lock.withLock { table = [:] }
    }
}
