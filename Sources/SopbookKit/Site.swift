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
    public static func load(_ options: Options) -> Site {
        let timing = PhaseTimer()
        let loader = ContentLoader(root: options.contentRoot)
        let loaded = loader.load()
        timing.lap("read files")
        let settings = MarkdownSettings(configuration: options.configuration)
        let progress = options.progress
        progress?.setTotal(loaded.sources.count)

        // Front matter first, in parallel: ids must all be known before links can be rewritten.
        let fronts: [Result<(Procedure, SplitSource), UnreadableFile>] = Parallel.map(loaded.sources) { source in
            readFrontMatter(source)
        }
        var partial: [(Procedure, SplitSource)] = []
        var unreadable: [UnreadableFile] = []
        for r in fronts {
            switch r {
            case .success(let p): partial.append(p)
            case .failure(let u): unreadable.append(u)
            }
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

        let parsedFronts = partial
        let procedures: [Procedure] = Parallel.map(Array(parsedFronts.indices)) { i in
            var (procedure, split) = parsedFronts[i]
            parseBody(&procedure, split: split, settings: settings, render: options.renderBodies,
                      page: pages[i], targets: linkTargets)
            progress?.parsed()
            return procedure
        }

        timing.lap(options.renderBodies ? "Markdown: outline and HTML" : "Markdown: outline")
        let resolver = LinkResolver(procedures: procedures, indexByID: indexByID, indexByFile: indexByFile,
                                    attachments: loaded.attachments, unreadable: Set(unreadable.map(\.file)),
                                    contentRoot: loader.root, realRoot: loader.realRoot)
        let links: [[ResolvedLink]] = Parallel.map(Array(procedures.indices)) { resolver.resolve(procedures[$0]) }
        var backlinks = Array(repeating: [Int](), count: procedures.count)
        for (from, list) in links.enumerated() {
            var seen = Set<Int>()
            for link in list {
                if case .process(let to, _) = link.target, to != from, seen.insert(to).inserted {
                    backlinks[to].append(from)
                }
            }
        }

        timing.lap("links and backlinks")
        let kb = KnowledgeBase(configuration: options.configuration, procedures: procedures,
                               unreadable: unreadable.sorted { $0.file < $1.file },
                               walkFindings: loaded.findings, attachments: loaded.attachments,
                               links: links, backlinks: backlinks, indexByID: indexByID,
                               pages: pages, unreadablePages: unreadablePages, pageCollisions: collisions)
        return Site(knowledgeBase: kb)
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
        }
    }
}

/// What the render of one body needs to know about the others: where each process's page is.
struct LinkTargets: Sendable {
    var indexByID: [String: Int]
    var indexByFile: [String: Int]
    var pages: [String]
    var unreadablePages: [String: String]

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
    public func check(today: CivilDate) -> Report {
        let timing = PhaseTimer()
        defer { timing.lap("validate") }
        let findings = Validator.validate(knowledgeBase, today: today)
        return Report(knowledgeBase: knowledgeBase, findings: findings)
    }

    /// Renders the site and the gap report into `writer`'s staging folder and swaps it into place.
    /// `history` defaults to the content folder's Git log; tests pass an empty one so pages do not depend on commits.
    public func build(report: Report, theme: Theme, today: CivilDate, contentRoot: URL, writer: OutputWriter,
                      history: GitHistory? = nil, progress: BuildProgress? = nil) throws {
        let kb = knowledgeBase
        let timing = PhaseTimer()
        let renderer = SiteRenderer(kb: kb, report: report, theme: theme, today: today,
                                    history: history ?? GitHistory.read(contentRoot: contentRoot))
        let findingsByFile = Dictionary(grouping: report.findings, by: \.file)
        timing.lap("Git history, roles, sidebar lists")
        do {
            // Rendered and written in parallel: pages are independent, and writing is half the cost.
            try writer.prepareFolders(for: renderer.pages + renderer.roles.roles.map { "roles/\($0.slug).html" } + ["_sopbook/x"])
            let failures: [String] = Parallel.map(Array(kb.procedures.indices)) { i in
                let html = renderer.processPage(i, findings: findingsByFile[kb.procedures[i].file] ?? [])
                do {
                    try writer.write(html, to: renderer.pages[i])
                } catch {
                    return "\(renderer.pages[i]): \(error.localizedDescription)"
                }
                progress?.wrote()
                return ""
            }
            if let failure = failures.first(where: { !$0.isEmpty }) {
                throw BuildError(description: "cannot write \(failure)", isUsage: false)
            }
            timing.lap("process pages")
            // Role pages and the site-wide pages are independent of each other too: one task each, the
            // largest (RACI matrix, gap report, search index) first so that they overlap the rest.
            var tasks: [@Sendable () -> (String, String)] = [
                { ("_sopbook/search-index.js", renderer.searchIndex()) },
                { ("raci.html", renderer.raciPage()) },
                { ("gaps.html", renderer.gapsPage()) },
                { ("index.html", renderer.homePage()) },
                { ("gaps.json", JSONReport.render(report)) },
                { ("roles.html", renderer.rolesIndexPage()) },
                { ("404.html", renderer.notFoundPage()) },
            ]
            for role in renderer.roles.roles { tasks.append({ renderer.rolePage(role) }) }
            for u in kb.unreadable {
                guard let page = kb.unreadablePages[u.file] else { continue }
                let findings = findingsByFile[u.file] ?? []
                tasks.append({ (page, renderer.unreadablePage(u, page: page, findings: findings)) })
            }
            let written: [String] = Parallel.map(tasks.indices.map { i in tasks[i] }) { task in
                let (path, html) = task()
                do { try writer.write(html, to: path) } catch { return "\(path): \(error.localizedDescription)" }
                return ""
            }
            if let failure = written.first(where: { !$0.isEmpty }) {
                throw BuildError(description: "cannot write \(failure)", isUsage: false)
            }
            timing.lap("role pages, home, roles, RACI, gaps, search")
            for (path, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
                try writer.write(data, to: "_sopbook/" + path)
            }
            // Static hosts such as GitHub Pages would otherwise hide the `_sopbook/` folder.
            try writer.write("", to: ".nojekyll")
            var copied = Set<String>()
            for list in kb.links {
                for link in list {
                    guard case .attachment(let path) = link.target, copied.insert(path).inserted else { continue }
                    try writer.copy(from: contentRoot.appendingPathComponent(path), to: path)
                }
            }
            timing.lap("assets and attachments")
            try writer.commit()
            timing.lap("commit")
        } catch {
            writer.abandon()
            throw error
        }
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
