import Foundation

extension Pipeline {
    /// What one run of the pipeline reads besides the files: the settings and the date.
    public struct Input: Sendable {
        public var content: URL
        public var configuration: Configuration
        public var today: CivilDate
        /// Render each body to HTML while it is parsed (the build needs it, `check` does not).
        public var renderBodies: Bool
        public var progress: BuildProgress?

        public init(content: URL, configuration: Configuration, today: CivilDate, renderBodies: Bool, progress: BuildProgress? = nil) {
            self.content = content
            self.configuration = configuration
            self.today = today
            self.renderBodies = renderBodies
            self.progress = progress
        }
    }
}

/// The knowledge base after stages 1 to 6, and its findings.
public struct Checked: Sendable {
    public var knowledgeBase: KnowledgeBase
    public var report: Report
    /// The content folder, as the loader resolved it.
    public var contentRoot: URL
}

extension FrontMatterStage {
    /// The sources that are SOPs, and the files that could not be read as one (each with its one finding).
    static func partition(_ results: [Result<SourceProcedure, UnreadableFile>]) -> ([SourceProcedure], [UnreadableFile]) {
        var sources: [SourceProcedure] = []
        var unreadable: [UnreadableFile] = []
        for result in results {
            switch result {
            case .success(let s): sources.append(s)
            case .failure(let u): unreadable.append(u)
            }
        }
        return (sources, unreadable.sorted { $0.file < $1.file })
    }
}

extension LinkStage {
    static func resolve(_ input: Pipeline.Input, content: LoadedContent, sources: [SourceProcedure], parsed: [Procedure],
                        unreadable: [UnreadableFile], context: Shared<Context>, settings: MarkdownSettings,
                        loader: ContentLoader, stages: some StageRunner) -> KnowledgeBase {
        let table = context.value.table.value
        let resolver = LinkResolver(procedures: parsed, indexByID: table.indexByID, indexByFile: table.indexByFile,
                                    attachments: content.attachments, unreadable: context.value.unreadable,
                                    contentRoot: loader.root, realRoot: loader.realRoot)
        let links: [[ResolvedLink]] = Parallel.map(Array(parsed.indices)) { i in
            let resolved = stages.run(.links, Key(source: sources[i].source, settings: settings, context: context)) {
                resolver.resolve(parsed[i])
            }
            return recheckAnchors(resolved, procedures: parsed)
        }
        return KnowledgeBase(configuration: input.configuration, procedures: parsed, unreadable: unreadable,
                             walkFindings: content.findings, attachments: content.attachments, links: links,
                             backlinks: backlinks(links), table: table)
    }
}

extension Validator {
    /// What the per-process rules read on one process (the `ProcessRule` contract): its source, the
    /// sources of the processes its links land on, the link context, the configuration and today.
    struct ProcessKey: Sendable, Hashable {
        var source: SourceFile
        var targets: [SourceFile]
        var settings: Shared<Settings>

        struct Settings: Sendable, Hashable {
            var configuration: Configuration
            var today: CivilDate
            var links: Shared<LinkStage.Context>
        }

        init(index: Int, links: [ResolvedLink], sources: [SourceProcedure], settings: Shared<Settings>) {
            source = sources[index].source
            targets = links.compactMap { $0.target.processIndex.map { sources[$0].source } }
            self.settings = settings
        }
    }
}
