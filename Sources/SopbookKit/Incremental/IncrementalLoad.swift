import Foundation

extension BuildCache {
    /// The last load, whole, so that an edit to a few files can patch it rather than redo it.
    struct LoadState {
        var sourcePaths: [String]
        var indexOfSource: [String: Int]
        /// Procedure index of each source, nil for a file that could not be read.
        var procedureOfSource: [Int?]
        var attachments: Set<String>
        var kb: KnowledgeBase
        var splits: [SplitSource]
        var indexByFile: [String: Int]
        var universe: Int
        /// Per procedure, the procedures with a link landing on it (broken anchors included).
        var referrers: [[Int]]
        /// "Did you mean" candidates: built from every file and id, which a patch never changes.
        var suggestions: (files: Suggest.Index, ids: Suggest.Index)
    }

    static func referrers(of links: [[ResolvedLink]]) -> (backlinks: [[Int]], referrers: [[Int]]) {
        var backlinks = Array(repeating: [Int](), count: links.count)
        var referrers = Array(repeating: [Int](), count: links.count)
        for (from, list) in links.enumerated() {
            var seen = Set<Int>()
            var referred = Set<Int>()
            for link in list {
                switch link.target {
                case .process(let to, _):
                    if to != from, seen.insert(to).inserted { backlinks[to].append(from) }
                    if referred.insert(to).inserted { referrers[to].append(from) }
                case .brokenAnchor(let to, _):
                    if referred.insert(to).inserted { referrers[to].append(from) }
                default: break
                }
            }
        }
        return (backlinks, referrers)
    }
}

extension Site {
    /// `serve`'s fast path: when the only changes are edits to SOPs that already existed and kept their id,
    /// patch the last load instead of walking and reading the folder again. Nil when it does not apply
    /// (a file added, removed or renamed, an id changed, a file became unreadable, new settings): then
    /// `load` runs, still reusing what its cache can.
    static func patch(_ options: Options, cache: BuildCache, changed: Set<String>) -> Site? {
        guard var state = cache.state, cache.configuration == options.configuration, options.renderBodies,
              !changed.isEmpty else { return nil }
        // Taken out of the cache while it is patched: the arrays are then modified in place, not copied.
        cache.state = nil
        let settings = MarkdownSettings(configuration: options.configuration)
        let root = options.contentRoot.standardizedFileURL
        var edited: [Int] = []
        var titlesUnchanged = true
        var rolesUnchanged = true
        for path in changed.sorted() {
            if state.attachments.contains(path) { continue }
            guard let k = state.indexOfSource[path], let j = state.procedureOfSource[k] else { return nil }
            let full = root.appendingPathComponent(path).path
            var info = stat()
            guard stat(full, &info) == 0, info.st_size > 0, Int(info.st_size) <= ContentLoader.maximumFileSize,
                  let bytes = ContentLoader.readAll(full, sizeHint: Int(info.st_size)) else { return nil }
            let source = SourceFile(path: path, bytes: bytes, stamp: FileStamp(info))
            guard case .success((var procedure, let split)) = readFrontMatter(source),
                  procedure.id == state.kb.procedures[j].id else { return nil }
            let targets = LinkTargets(indexByID: state.kb.indexByID, indexByFile: state.indexByFile,
                                      pages: state.kb.pages, unreadablePages: state.kb.unreadablePages)
            parseBody(&procedure, split: split, settings: settings, render: true, page: state.kb.pages[j], targets: targets)
            let hash = ContentHash.of(bytes)
            let old = state.kb.procedures[j]
            if old.title != procedure.title { titlesUnchanged = false }
            if old.owner != procedure.owner || old.raci != procedure.raci { rolesUnchanged = false }
            state.kb.procedures[j] = procedure
            state.kb.contentHashes[j] = hash
            state.splits[j] = split
            cache.fronts[path] = BuildCache.Front(stamp: source.stamp, hash: hash, result: .success((procedure, split)))
            edited.append(j)
        }
        // Links from the edited files, and links into them (their headings and steps may have changed).
        var affected = Set(edited)
        for j in edited { affected.formUnion(state.referrers[j]) }
        let resolver = LinkResolver(procedures: state.kb.procedures, indexByID: state.kb.indexByID, indexByFile: state.indexByFile,
                                    attachments: state.attachments, unreadable: Set(state.kb.unreadable.map(\.file)),
                                    contentRoot: ContentLoader(root: root).root, realRoot: ContentLoader(root: root).realRoot,
                                    suggestions: state.suggestions)
        for a in affected.sorted() {
            state.kb.links[a] = resolver.resolve(state.kb.procedures[a])
            var version = Hasher()
            version.combine(state.kb.contentHashes[a])
            version.combine(state.universe)
            for link in state.kb.links[a] {
                switch link.target {
                case .process(let to, _), .brokenAnchor(let to, _):
                    version.combine(to)
                    version.combine(state.kb.contentHashes[to])
                default: break
                }
            }
            state.kb.linkVersions[a] = version.finalize()
        }
        let (backlinks, referrers) = BuildCache.referrers(of: state.kb.links)
        state.kb.backlinks = backlinks
        state.referrers = referrers
        cache.lastPatch = BuildCache.PatchSummary(edited: edited, titlesUnchanged: titlesUnchanged, rolesUnchanged: rolesUnchanged)
        cache.stats = BuildCache.Stats()
        cache.stats.read = edited.count
        cache.stats.parsed = edited.count
        cache.stats.resolved = affected.count
        // The general path's per-file caches are keyed by content hash and stay valid; links are not kept
        // there for patched files, so a later full load resolves those again.
        for a in affected { cache.links[state.kb.procedures[a].file] = nil }
        let kb = state.kb
        cache.state = state
        return Site(knowledgeBase: kb)
    }
}
