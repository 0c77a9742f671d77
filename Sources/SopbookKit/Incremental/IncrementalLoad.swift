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
                guard let to = link.target.processIndex else { continue }
                if referred.insert(to).inserted { referrers[to].append(from) }
                if case .process = link.target, to != from, seen.insert(to).inserted { backlinks[to].append(from) }
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
        let loader = ContentLoader(root: root)
        let resolver = LinkResolver(procedures: state.kb.procedures, indexByID: state.kb.indexByID, indexByFile: state.indexByFile,
                                    attachments: state.attachments, unreadable: Set(state.kb.unreadable.map(\.file)),
                                    contentRoot: loader.root, realRoot: loader.realRoot, suggestions: state.suggestions)
        let procedures = state.kb.procedures, hashes = state.kb.contentHashes
        for a in affected.sorted() {
            let links = resolver.resolve(procedures[a])
            // The same entry a full load would keep, so a later full load reuses it.
            let entry = BuildCache.Links(links: links, hash: hashes[a], universe: state.universe) { (procedures[$0].file, hashes[$0]) }
            state.kb.links[a] = links
            state.kb.linkVersions[a] = entry.version
            cache.links[procedures[a].file] = entry
        }
        let (backlinks, referrers) = BuildCache.referrers(of: state.kb.links)
        state.kb.backlinks = backlinks
        state.referrers = referrers
        cache.lastPatch = BuildCache.PatchSummary(edited: edited, titlesUnchanged: titlesUnchanged, rolesUnchanged: rolesUnchanged)
        cache.stats = BuildCache.Stats()
        cache.stats.read = edited.count
        cache.stats.parsed = edited.count
        cache.stats.resolved = affected.count
        let kb = state.kb
        cache.state = state
        return Site(knowledgeBase: kb)
    }
}
