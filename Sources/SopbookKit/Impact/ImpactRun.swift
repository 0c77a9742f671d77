import Foundation

/// `sopbook impact`: the pipeline run on the base revision (read out of Git into a temporary folder) and
/// on the head (the working tree, or another commit read the same way), then compared. Both runs share
/// one set of memos (`Incremental/`), so the head parses only the files the change touched.
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

    public static func run(_ workspace: Workspace, _ request: Request, currentDirectory: URL) throws(UsageError) -> ImpactReport {
        let repository = try ImpactRepository(workspace, currentDirectory: currentDirectory)
        let baseCommit = try repository.commit(request.base, option: "--base")
        let headCommit = try request.head.map { (head: String) throws(UsageError) in try repository.commit(head, option: "--head") }
        let session = IncrementalSession()
        var notes: [String] = []
        let baseSnapshot = try GitSnapshot(repository, commit: baseCommit)
        defer { baseSnapshot.remove() }
        let baseSide = try side(snapshot: baseSnapshot, commit: baseCommit, repository: repository, workspace: workspace,
                                session: session, notes: &notes)
        session.memo.endBuild()
        let headSide: (ProcessDiff.Side, [Finding])
        if let headCommit {
            let snapshot = try GitSnapshot(repository, commit: headCommit)
            defer { snapshot.remove() }
            headSide = try side(snapshot: snapshot, commit: headCommit, repository: repository, workspace: workspace,
                                session: session, notes: &notes)
        } else {
            headSide = check(workspace, history: .reading(workspace.content), session: session)
        }
        var report = ImpactAnalysis.report(base: baseSide.0, baseFindings: baseSide.1, head: headSide.0, headFindings: headSide.1,
                                           revisions: (.init(name: request.base, commit: baseCommit),
                                                       .init(name: request.head ?? "working tree", commit: headCommit)),
                                           contentPrefix: repository.contentPrefix)
        report.notes = notes
        return report
    }

    /// The checked knowledge base of one commit, written out in `snapshot`. Its own `sopbook.yml` is
    /// used when it has one that reads; otherwise the working tree's, and a note says so.
    static func side(snapshot: GitSnapshot, commit: String, repository: ImpactRepository, workspace: Workspace,
                     session: IncrementalSession, notes: inout [String]) throws(UsageError) -> (ProcessDiff.Side, [Finding]) {
        var copy = workspace
        copy.content = snapshot.root.appendingPathComponent(repository.contentPrefix).standardizedFileURL
        if let config = repository.configPath {
            let url = snapshot.root.appendingPathComponent(config)
            do throws(UsageError) {
                copy.configFile = FileManager.default.fileExists(atPath: url.path) ? url : nil
                copy.configuration = try Workspace.readConfiguration(copy.configFile)
                try Workspace.readNavigation(into: &copy.configuration, configFile: copy.configFile, content: copy.content)
            } catch {
                notes.append("the configuration of \(commit.prefix(7)) could not be read (\(error.description)); it was compared with the working tree's")
                copy.configuration = workspace.configuration
            }
        }
        // The history as of that commit, read from the working tree's repository.
        return check(copy, history: .reading(workspace.content, revision: commit), session: session)
    }

    static func check(_ workspace: Workspace, history: GitHistory.Source, session: IncrementalSession) -> (ProcessDiff.Side, [Finding]) {
        let input = Pipeline.Input(content: workspace.content, configuration: workspace.configuration, today: workspace.today,
                                   renderBodies: false, history: history)
        let run = Pipeline.check(input, stages: MemoStages(session: session))
        let bytes = Dictionary(run.sources.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        return (ProcessDiff.Side(knowledgeBase: run.checked.knowledgeBase, bytes: bytes), run.checked.report.findings)
    }
}
