import Foundation

/// `sopbook impact`: the pipeline run on the head (the working tree, or a commit) and on the base, then
/// compared. A commit's content is the working tree's walk with the files that differ read from Git
/// (`RevisionContent`): nothing is written into the working tree or the index. Both runs share one set
/// of memos (`Incremental/`), so the second parses only the files the change touched.
public enum ImpactRun {
    public struct Request: Sendable {
        public var base: String
        /// Nil: the working tree.
        public var head: String?

        public init(base: String, head: String?) {
            self.base = base
            self.head = head
        }
    }

    typealias Checked = (side: ProcessDiff.Side, findings: [Finding])

    public static func run(_ workspace: Workspace, _ request: Request, currentDirectory: URL) throws(UsageError) -> ImpactReport {
        let repository = try ImpactRepository(workspace, currentDirectory: currentDirectory)
        let baseCommit = try repository.commit(request.base, option: "--base")
        let headCommit = try request.head.map { (head: String) throws(UsageError) in try repository.commit(head, option: "--head") }
        let working = loader(workspace.configuration, workspace).load()
        let session = IncrementalSession()
        var notes: [String] = []
        let head: Checked
        if let headCommit {
            head = try side(headCommit, repository: repository, working: working, workspace: workspace, session: session, notes: &notes)
        } else {
            head = check(workspace, content: working, history: .reading(workspace.content), session: session)
        }
        session.memo.endBuild()
        let base = try side(baseCommit, repository: repository, working: working, workspace: workspace, session: session, notes: &notes)
        var report = ImpactAnalysis.report(base: base.side, baseFindings: base.findings, head: head.side, headFindings: head.findings,
                                           revisions: (.init(name: request.base, commit: baseCommit),
                                                       .init(name: request.head ?? "working tree", commit: headCommit)),
                                           contentPrefix: repository.contentPrefix)
        report.notes = notes
        return report
    }

    static func loader(_ configuration: Configuration, _ workspace: Workspace) -> ContentLoader {
        ContentLoader(root: workspace.content, links: configuration.links,
                      excluding: Set([workspace.configuration.navigationSource].compactMap { $0 }))
    }

    /// The checked knowledge base of one commit, with its own `sopbook.yml` when it has one that reads;
    /// otherwise the working tree's, and a note says so.
    static func side(_ commit: String, repository: ImpactRepository, working: LoadedContent, workspace: Workspace,
                     session: IncrementalSession, notes: inout [String]) throws(UsageError) -> Checked {
        let files = try GitSnapshot(repository, commit: commit)
        defer { files.remove() }
        var copy = workspace
        if let config = repository.configPath {
            let url = files.root.appendingPathComponent(config)
            copy.configFile = FileManager.default.fileExists(atPath: url.path) ? url : nil
            do throws(UsageError) {
                copy.configuration = try Workspace.readConfiguration(copy.configFile)
            } catch {
                notes.append("the configuration at \(commit.prefix(7)) could not be read (\(error.description)); the working tree's was used")
                copy.configuration = workspace.configuration
                copy.configFile = workspace.configFile
            }
        }
        let content = try RevisionContent.load(at: commit, repository: repository, working: working,
                                               loader: loader(copy.configuration, workspace))
        if copy.configuration.navigation != nil {
            let pages = Set(content.sources.map(\.path) + content.attachments.filter { $0.lowercased().hasSuffix(".md") })
            do throws(UsageError) {
                // The content folder's place in the snapshot, so that a navigation file inside it (GitBook's
                // SUMMARY.md) is known to be the content's own, as it is in the working tree.
                let folder = files.root.appendingPathComponent(repository.contentPrefix)
                try Workspace.readNavigation(into: &copy.configuration, configFile: copy.configFile, content: folder, pages: pages)
            } catch {
                notes.append("the navigation at \(commit.prefix(7)) could not be read (\(error.description)); the working tree's was used")
                copy.configuration = workspace.configuration
            }
        }
        // The history as of that commit, read from the working tree's repository.
        return check(copy, content: content, history: .reading(workspace.content, revision: commit), session: session)
    }

    static func check(_ workspace: Workspace, content: LoadedContent, history: GitHistory.Source, session: IncrementalSession) -> Checked {
        let input = Pipeline.Input(content: workspace.content, configuration: workspace.configuration, today: workspace.today,
                                   renderBodies: false, history: history, hashesContent: true)
        let run = Pipeline.check(input, stages: GivenContent(content: content, inner: MemoStages(session: session)))
        let bytes = Dictionary(run.sources.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        return (ProcessDiff.Side(knowledgeBase: run.checked.knowledgeBase, bytes: bytes), run.checked.report.findings)
    }
}

/// Stages whose first, the read, is already done: the content is given (a revision's, made from Git).
struct GivenContent<Inner: StageRunner>: StageRunner {
    let content: LoadedContent
    let inner: Inner

    func read(_ loader: ContentLoader) -> LoadedContent { content }

    var makesKeys: Bool { inner.makesKeys }

    func map<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ count: Int, key: @Sendable (Int) -> Key,
                                                        contention: Parallel.Contention<Int>?, _ compute: @Sendable (Int) -> Output) -> [Output] {
        inner.map(stage, count, key: key, contention: contention, compute)
    }

    func select(_ jobs: [PageJob], theme: Theme, writer: any SiteWriter) -> PageSelection { inner.select(jobs, theme: theme, writer: writer) }

    func wrote(_ selection: PageSelection) { inner.wrote(selection) }
}
