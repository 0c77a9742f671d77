import Foundation

/// The pipeline: `Site.load` (load, parse, resolve), then `check` (validate) or `build` (render, write).
public struct Site: Sendable {
    public struct Options: Sendable {
        public var contentRoot: URL
        public var configuration: Configuration
        /// Render each body to HTML during parse (the build needs it, `check` does not).
        public var renderBodies: Bool
        public var progress: BuildProgress?

        public init(contentRoot: URL, configuration: Configuration, renderBodies: Bool, progress: BuildProgress? = nil) {
            self.contentRoot = contentRoot
            self.configuration = configuration
            self.renderBodies = renderBodies
            self.progress = progress
        }
    }

    public var knowledgeBase: KnowledgeBase

    /// Loads, parses and resolves the content folder. Problems in the content become findings, never errors.
    /// With a `cache` (serve), unchanged files are neither read nor parsed again.
    public static func load(_ options: Options, cache: BuildCache? = nil) -> Site {
        let timing = PhaseTimer()
        cache?.reset(for: options.configuration)
        cache?.lastPatch = nil
        let loader = ContentLoader(root: options.contentRoot)
        let previousFronts = cache?.fronts ?? [:]
        let loaded = loader.load(unchanged: { path, stamp in previousFronts[path]?.stamp == stamp })
        timing.lap("read files")
        let settings = MarkdownSettings(configuration: options.configuration)
        let progress = options.progress
        progress?.setTotal(loaded.sources.count)

        // Front matter first, in parallel: ids must all be known before links can be rewritten.
        let fronts: [BuildCache.Front] = Parallel.map(loaded.sources) { source in
            if source.isUnchanged, let cached = previousFronts[source.path] { return cached }
            let hash = ContentHash.of(source.bytes)
            if source.problem == nil, let cached = previousFronts[source.path], cached.hash == hash {
                return BuildCache.Front(stamp: source.stamp, hash: hash, result: cached.result)
            }
            return BuildCache.Front(stamp: source.stamp, hash: hash, result: readFrontMatter(source))
        }
        var partial: [(Procedure, SplitSource)] = []
        var hashes: [Int] = []
        var unreadable: [UnreadableFile] = []
        for front in fronts {
            switch front.result {
            case .success(let p):
                partial.append(p)
                hashes.append(front.hash)
            case .failure(let u): unreadable.append(u)
            }
        }
        if let cache {
            cache.stats = BuildCache.Stats()
            cache.stats.read = loaded.sources.filter { !$0.isUnchanged }.count
            cache.fronts = Dictionary(zip(loaded.sources.map(\.path), fronts), uniquingKeysWith: { a, _ in a })
        }

        timing.lap("front matter")
        var indexByID: [String: Int] = [:]
        var indexByFile: [String: Int] = [:]
        for (i, (p, _)) in partial.enumerated() {
            if indexByID[p.id] == nil { indexByID[p.id] = i }
            indexByFile[p.file] = i
        }
        // Unreadable files get a page too, explaining why, so links to them still land somewhere.
        let (allPages, collisions) = PageAssignment.assign(files: partial.map(\.0.file) + unreadable.map(\.file))
        let pages = Array(allPages.prefix(partial.count))
        let unreadablePages = Dictionary(zip(unreadable.map(\.file), allPages.dropFirst(partial.count)), uniquingKeysWith: { a, _ in a })
        let linkTargets = LinkTargets(indexByID: indexByID, indexByFile: indexByFile, pages: pages, unreadablePages: unreadablePages)
        let targetsKey = linkTargets.key(render: options.renderBodies)

        let parsedFronts = partial
        let contentHashes = hashes
        let previousBodies = cache?.bodies ?? [:]
        // Bodies kept from the last build: same bytes, rendered against the same link targets.
        let kept: [Procedure?] = parsedFronts.indices.map { i in
            previousBodies[parsedFronts[i].0.file].flatMap { $0.hash == contentHashes[i] && $0.targets == targetsKey ? $0.procedure : nil }
        }
        let procedures: [Procedure] = Parallel.map(Array(parsedFronts.indices)) { i in
            if let procedure = kept[i] { return procedure }
            var (procedure, split) = parsedFronts[i]
            parseBody(&procedure, split: split, settings: settings, render: options.renderBodies,
                      page: pages[i], targets: linkTargets)
            progress?.parsed()
            return procedure
        }
        if let cache {
            var bodies: [String: BuildCache.Body] = [:]
            for i in procedures.indices {
                bodies[procedures[i].file] = BuildCache.Body(hash: hashes[i], targets: targetsKey, procedure: procedures[i])
            }
            cache.bodies = bodies
            cache.stats.parsed = kept.filter { $0 == nil }.count
        }

        timing.lap(options.renderBodies ? "Markdown: outline and HTML" : "Markdown: outline")
        let resolver = LinkResolver(procedures: procedures, indexByID: indexByID, indexByFile: indexByFile,
                                    attachments: loaded.attachments, unreadable: Set(unreadable.map(\.file)),
                                    contentRoot: loader.root, realRoot: loader.realRoot)
        let universe = targetsKey ^ loaded.attachments.hashValue
        let (links, linkVersions) = resolveLinks(procedures, hashes: hashes, resolver: resolver, universe: universe, cache: cache)
        let (backlinks, referrers) = BuildCache.referrers(of: links)

        timing.lap("links and backlinks")
        let kb = KnowledgeBase(configuration: options.configuration, procedures: procedures,
                               unreadable: unreadable.sorted { $0.file < $1.file },
                               walkFindings: loaded.findings, attachments: loaded.attachments,
                               links: links, backlinks: backlinks, indexByID: indexByID,
                               pages: pages, unreadablePages: unreadablePages, pageCollisions: collisions,
                               contentHashes: hashes, linkVersions: linkVersions)
        if let cache, options.renderBodies {
            var procedureOfSource: [Int?] = []
            var next = 0
            for front in fronts {
                if case .success = front.result {
                    procedureOfSource.append(next)
                    next += 1
                } else {
                    procedureOfSource.append(nil)
                }
            }
            let paths = loaded.sources.map(\.path)
            cache.state = BuildCache.LoadState(
                sourcePaths: paths, indexOfSource: Dictionary(zip(paths, paths.indices), uniquingKeysWith: { a, _ in a }),
                procedureOfSource: procedureOfSource, attachments: loaded.attachments, kb: kb, splits: partial.map(\.1),
                indexByFile: indexByFile, universe: universe, referrers: referrers,
                suggestions: (resolver.fileSuggestions, resolver.idSuggestions))
        }
        return Site(knowledgeBase: kb)
    }

    /// Links of every procedure; with a cache, only those of changed files and of files whose link targets
    /// changed are resolved again (a target's headings and steps decide whether an anchor exists).
    static func resolveLinks(_ procedures: [Procedure], hashes: [Int], resolver: LinkResolver, universe: Int,
                             cache: BuildCache?) -> (links: [[ResolvedLink]], versions: [Int]) {
        let previous = cache?.links ?? [:]
        let hashOfFile = Dictionary(zip(procedures.map(\.file), hashes), uniquingKeysWith: { a, _ in a })
        let results: [(links: [ResolvedLink], entry: BuildCache.Links, fresh: Bool)] = Parallel.map(Array(procedures.indices)) { i in
            let p = procedures[i]
            if let cached = previous[p.file], cached.hash == hashes[i], cached.universe == universe,
               cached.targetHashes.allSatisfy({ hashOfFile[$0.key] == $0.value }) {
                return (cached.links, cached, false)
            }
            let links = resolver.resolve(p)
            let entry = BuildCache.Links(links: links, hash: hashes[i], universe: universe) { (procedures[$0].file, hashes[$0]) }
            return (links, entry, true)
        }
        if let cache {
            cache.links = Dictionary(zip(procedures.map(\.file), results.map(\.entry)), uniquingKeysWith: { a, _ in a })
            cache.stats.resolved = results.filter(\.fresh).count
        }
        return (results.map(\.links), results.map(\.entry.version))
    }

    static func readFrontMatter(_ source: SourceFile) -> Result<(Procedure, SplitSource), UnreadableFile> {
        if let problem = source.problem { return .failure(UnreadableFile(file: source.path, problem: problem)) }
        let split: SplitSource
        switch FrontMatterSplitter.split(source.bytes) {
        case .success(let s): split = s
        case .failure(.invalidEncoding(let line, let detail)):
            return .failure(UnreadableFile(file: source.path, problem: UnreadableSource(
                rule: "invalid-encoding", location: SourceLocation(line: line, column: 1), message: detail)))
        case .failure(.unclosedFrontMatter):
            return .failure(UnreadableFile(file: source.path, problem: UnreadableSource(
                rule: "invalid-front-matter", location: .start,
                message: "the front matter opened by `---` on line 1 is never closed; add a line `---` after the last field")))
        }
        let fileName = (source.path as NSString).lastPathComponent
        var procedure = Procedure(file: source.path, id: ContentPath.defaultID(source.path),
                                  title: ContentPath.defaultID(fileName))
        procedure.frontMatterLine = 1
        if let yaml = split.frontMatter {
            do throws(UnreadableSource) {
                try FrontMatterParser.apply(yaml: yaml, firstLine: split.frontMatterFirstLine, to: &procedure)
            } catch {
                return .failure(UnreadableFile(file: source.path, problem: error))
            }
        }
        return .success((procedure, split))
    }

    static func parseBody(_ procedure: inout Procedure, split: SplitSource, settings: MarkdownSettings,
                          render: Bool, page: String, targets: LinkTargets) {
        guard let document = MarkdownDocument(markdown: split.body, lineOffset: split.bodyLineOffset,
                                              unsafeHTML: settings.unsafeHTML) else { return }
        let outline = document.outline(settings: settings)
        procedure.headings = outline.headings
        procedure.hasStepsSection = outline.hasStepsSection
        procedure.stepsSectionLine = outline.stepsSectionLine
        procedure.steps = outline.steps
        procedure.links = outline.links
        if procedure.fields["title"] == nil || procedure.invalidFields.contains("title"), let h1 = outline.firstLevelOneHeading {
            procedure.title = h1
        }
        if render {
            let file = procedure.file
            procedure.bodyHTML = document.renderHTML(settings: settings) { kind, destination in
                targets.rewrite(kind: kind, destination: destination, file: file, page: page)
            }
            procedure.bodyHash = procedure.bodyHTML.hashValue
        }
    }
}

/// What the render of one body needs to know about the others: where each process's page is.
struct LinkTargets: Sendable {
    var indexByID: [String: Int]
    var indexByFile: [String: Int]
    var pages: [String]
    var unreadablePages: [String: String]

    /// Equal keys rewrite every link the same way: a body rendered against one is valid for the other.
    func key(render: Bool) -> Int {
        var hasher = Hasher()
        hasher.combine(render)
        hasher.combine(indexByID)
        hasher.combine(indexByFile)
        hasher.combine(pages)
        hasher.combine(unreadablePages)
        return hasher.finalize()
    }

    func rewrite(kind: Link.Kind, destination: String, file: String, page: String) -> String? {
        if kind == .wiki {
            let (id, fragment) = LinkResolver.splitWiki(destination)
            guard let i = LinkResolver.wikiIndex(id, indexByID: indexByID, indexByFile: indexByFile) else {
                return unreadablePages[id + ".md"].map { ContentPath.relativeURL(from: page, to: $0) } ?? ""
            }
            return ContentPath.relativeURL(from: page, to: pages[i]) + (fragment.map { "#" + ContentPath.encodeFragment($0) } ?? "")
        }
        guard case .content(let path, let fragment) = ContentPath.resolve(destination, from: file) else { return nil }
        guard let i = indexByFile[path] else {
            return unreadablePages[path].map { ContentPath.relativeURL(from: page, to: $0) }
        }
        return ContentPath.relativeURL(from: page, to: pages[i]) + (fragment.map { "#" + ContentPath.encodeFragment($0) } ?? "")
    }
}

extension Site {
    /// Validates the knowledge base. `check` is `load` followed by this, and nothing is written.
    public func check(today: CivilDate, cache: BuildCache? = nil) -> Report {
        let timing = PhaseTimer()
        defer { timing.lap("validate") }
        let findings = Validator.validate(knowledgeBase, today: today, cache: cache)
        return Report(knowledgeBase: knowledgeBase, findings: findings)
    }

    /// Renders the site and the gap report through `writer` (a staging folder swapped into place, or for
    /// `serve` the live folder patched in place) and commits it.
    /// `history` defaults to the content folder's Git log; tests pass an empty one so pages do not depend on commits.
    /// With a `cache` and a writer that patches in place, only pages whose fingerprint changed are rendered.
    public func build(report: Report, theme: Theme, today: CivilDate, contentRoot: URL, writer: any SiteWriter,
                      history: GitHistory? = nil, progress: BuildProgress? = nil, cache: BuildCache? = nil) throws {
        let kb = knowledgeBase
        let timing = PhaseTimer()
        let history = history ?? GitHistory.read(contentRoot: contentRoot)
        timing.lap("Git history")
        let renderer = SiteRenderer(kb: kb, report: report, theme: theme, today: today, history: history, cache: cache)
        let findingsByFile = Dictionary(grouping: report.findings, by: \.file)
        timing.lap("roles, area and folder orders, sidebar lists")
        let renderKey = Site.renderKey(theme: theme, configuration: kb.configuration)
        let keys: PageKeys? = cache.map { _ in PageKeys(renderer: renderer, renderKey: renderKey, findingsByFile: findingsByFile) }
        let previousKeys = writer.patchesInPlace ? (cache?.pageKeys ?? [:]) : [:]
        do {
            var jobs: [PageJob] = []
            jobs.reserveCapacity(kb.procedures.count + renderer.roles.roles.count + 16)
            // Process pages are jobs by number, not closures: ten thousand closures each holding the renderer
            // were a visible cost of an incremental build.
            let processKeys: [Int]? = keys.map { keys in Parallel.map(Array(kb.procedures.indices)) { keys.process($0) } }
            for i in kb.procedures.indices {
                jobs.append(PageJob(path: renderer.pages[i], key: processKeys?[i], source: .process(i)))
            }
            // The largest site-wide pages first, so that they overlap the process pages on the other core.
            jobs.insert(contentsOf: [
                PageJob(path: "_sopbook/search-index.js", key: keys?.searchIndex()) { .data(renderer.searchIndex()) },
                PageJob(path: "raci.html", key: keys?.raci()) { .text(renderer.raciPage()) },
                PageJob(path: "gaps.html", key: keys?.gaps()) { .text(renderer.gapsPage()) },
                PageJob(path: "index.html", key: keys?.home()) { .text(renderer.homePage()) },
            ], at: 0)
            jobs.append(PageJob(path: "gaps.json", key: keys?.gapsJSON()) { .text(JSONReport.render(report)) })
            jobs.append(PageJob(path: "roles.html", key: keys?.rolesIndex()) { .text(renderer.rolesIndexPage()) })
            jobs.append(PageJob(path: "404.html", key: keys?.plain("404")) { .text(renderer.notFoundPage()) })
            for role in renderer.roles.roles {
                jobs.append(PageJob(path: "roles/\(role.slug).html", key: keys?.role(role)) { .text(renderer.rolePage(role).1) })
            }
            for u in kb.unreadable {
                guard let page = kb.unreadablePages[u.file] else { continue }
                let findings = findingsByFile[u.file] ?? []
                jobs.append(PageJob(path: page, key: keys?.unreadable(u, page: page)) {
                    .text(renderer.unreadablePage(u, page: page, findings: findings))
                })
            }
            for (path, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
                jobs.append(PageJob(path: "_sopbook/" + path, key: data.hashValue) { .data(data) })
            }
            // Static hosts such as GitHub Pages would otherwise hide the `_sopbook/` folder.
            jobs.append(PageJob(path: ".nojekyll", key: 0) { .data(Data()) })
            var copied = Set<String>()
            for list in kb.links {
                for link in list {
                    guard case .attachment(let path) = link.target, copied.insert(path).inserted else { continue }
                    let source = contentRoot.appendingPathComponent(path)
                    let stamp = FolderStamps.stamp(of: source.path)?.hashValue ?? 0
                    jobs.append(PageJob(path: path, key: stamp) { .copy(source) })
                }
            }

            timing.lap("page fingerprints")
            var known = 0
            let todo = jobs.filter { job in
                let previous = previousKeys[job.path]
                if previous != nil { known += 1 }
                return job.key == nil || previous != job.key
            }
            try writer.prepareFolders(for: todo.map(\.path))
            // Rendered and written in parallel: pages are independent, and writing is half the cost.
            let failures: [String] = Parallel.map(todo) { job in
                do {
                    let output: PageJob.Output
                    switch job.source {
                    case .process(let i): output = .text(renderer.processPage(i, findings: findingsByFile[kb.procedures[i].file] ?? []))
                    case .made(let make): output = make()
                    }
                    switch output {
                    case .text(let html): try writer.write(html, to: job.path)
                    case .data(let data): try writer.write(data, to: job.path)
                    case .copy(let source): try writer.copy(from: source, to: job.path)
                    }
                } catch {
                    return "\(job.path): \(error.localizedDescription)"
                }
                progress?.wrote()
                return ""
            }
            if let failure = failures.first(where: { !$0.isEmpty }) {
                throw BuildError(description: "cannot write \(failure)", isUsage: false)
            }
            timing.lap("pages (\(todo.count) of \(jobs.count))")
            var removed = 0
            // Every earlier file still made: nothing to remove (the usual case, checked without a set of paths).
            if writer.patchesInPlace, known != previousKeys.count {
                let current = Set(jobs.map(\.path))
                for path in previousKeys.keys.filter({ !current.contains($0) }).sorted() {
                    try writer.remove(path)
                    removed += 1
                }
            }
            try writer.commit()
            timing.lap("commit")
            if let cache {
                if writer.patchesInPlace, known == previousKeys.count, known == jobs.count {
                    for job in todo { cache.pageKeys[job.path] = job.key }
                } else {
                    var pageKeys: [String: Int] = [:]
                    for job in jobs { pageKeys[job.path] = job.key }
                    cache.pageKeys = pageKeys
                }
                cache.history = history
                cache.renderKey = renderKey
                cache.stats.rendered = todo.count
                cache.stats.written = todo.count
                cache.stats.removed = removed
                cache.stats.incremental = writer.patchesInPlace
            }
        } catch {
            writer.abandon()
            if let cache { cache.pageKeys = [:] }
            throw error
        }
    }

    /// Everything about the theme and the settings that shows on every page.
    static func renderKey(theme: Theme, configuration: Configuration) -> Int {
        var h = Hasher()
        h.combine(theme.sourceKey)
        h.combine(configuration)
        return h.finalize()
    }
}

/// One file of the site: where it goes, the fingerprint of its inputs (nil: always written), and how to make it.
struct PageJob: Sendable {
    enum Output {
        case text(String)
        case data(Data)
        case copy(URL)
    }

    enum Source: Sendable {
        /// A process page, rendered by the build loop.
        case process(Int)
        case made(@Sendable () -> Output)
    }

    var path: String
    var key: Int?
    var source: Source

    init(path: String, key: Int?, source: Source) {
        self.path = path
        self.key = key
        self.source = source
    }

    init(path: String, key: Int?, make: @escaping @Sendable () -> Output) {
        self.init(path: path, key: key, source: .made(make))
    }
}

/// `SOPBOOK_TIMING=1` prints how long each phase of a build took, on stderr: for profiling, not for tests.
final class PhaseTimer: @unchecked Sendable {
    private let enabled = ProcessInfo.processInfo.environment["SOPBOOK_TIMING"] == "1"
    private var last = DispatchTime.now()

    func lap(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        FileHandle.standardError.write(Data(String(format: "%8.1f ms  %@\n", ms, name).utf8))
        last = now
    }
}
