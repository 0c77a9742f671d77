import Foundation

/// The repository a knowledge base is in, and the revisions `impact` compares, checked before anything
/// runs: every way the comparison cannot happen is one clear line (exit status 2), never a half report.
public struct ImpactRepository: Sendable {
    /// The repository's top folder, symlinks resolved.
    public var topLevel: URL
    /// The content folder's path inside it (`Content/`, or empty at the top).
    public var contentPrefix: String
    /// `sopbook.yml`'s path inside it, when there is one and it is in the repository.
    public var configPath: String?
    /// The navigation file `navigation:` names, inside the repository.
    public var navigationPath: String?
    public var isShallow: Bool

    /// Finds the repository of `workspace.content` and checks it has commits. `currentDirectory` is where
    /// the command runs: a content folder outside its repository is named as such.
    public init(_ workspace: Workspace, currentDirectory: URL) throws(UsageError) {
        let content = workspace.content.resolvingSymlinksInPath()
        guard let top = GitHistory.run(["rev-parse", "--show-toplevel"], in: content)?.trimmed, !top.isEmpty else {
            if let cwdTop = GitHistory.run(["rev-parse", "--show-toplevel"], in: currentDirectory)?.trimmed, !cwdTop.isEmpty {
                throw UsageError("the content folder \(workspace.content.path) is outside the repository at \(cwdTop): impact compares revisions of one repository (use --content DIR inside it)")
            }
            throw UsageError("the content folder \(workspace.content.path) is not in a Git repository: impact compares two commits of it (run `git init` and commit it first)")
        }
        topLevel = URL(fileURLWithPath: top).resolvingSymlinksInPath()
        guard GitHistory.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], in: content) != nil else {
            throw UsageError("the repository at \(top) has no commits yet: commit the knowledge base, then compare a pull request's changes with it")
        }
        contentPrefix = GitHistory.run(["rev-parse", "--show-prefix"], in: content)?.trimmed ?? ""
        isShallow = GitHistory.run(["rev-parse", "--is-shallow-repository"], in: content)?.trimmed == "true"
        configPath = workspace.configFile.flatMap { Self.relative($0, to: topLevel) }
        navigationPath = workspace.configuration.navigation.flatMap { written in
            let folder = workspace.configFile?.deletingLastPathComponent() ?? currentDirectory
            let url = written.hasPrefix("/") ? URL(fileURLWithPath: written) : folder.appendingPathComponent(written)
            return Self.relative(url, to: topLevel)
        }
    }

    /// The full commit `revision` names, or why it cannot be compared: unknown, or missing from a shallow clone.
    public func commit(_ revision: String, option: String) throws(UsageError) -> String {
        guard !revision.isEmpty, !revision.hasPrefix("-") else { throw UsageError("\(option) needs a revision: a commit, a branch or a tag") }
        if let hash = GitHistory.run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: topLevel)?.trimmed,
           !hash.isEmpty {
            return hash
        }
        if isShallow {
            throw UsageError("\(option) \(revision) is not in this shallow clone: fetch it (`git fetch --no-tags origin \(revision)`, or `git fetch --unshallow`; on GitHub Actions, `fetch-depth: 0` on actions/checkout)")
        }
        throw UsageError("\(option) \(revision) is not a commit of this repository (`git log --oneline` lists them; fetch it first if it is on a remote: `git fetch origin \(revision)`)")
    }

    static func relative(_ url: URL, to top: URL) -> String? {
        let path = url.resolvingSymlinksInPath().path
        return path.hasPrefix(top.path + "/") ? String(path.dropFirst(top.path.count + 1)) : nil
    }
}

/// The files of a revision besides its content that a check reads, written out of Git into a temporary
/// folder with the repository's layout: `sopbook.yml`, the navigation file, the acknowledgement records.
/// The content itself is never written out (`RevisionContent`).
public struct GitSnapshot: Sendable {
    /// The temporary folder; `root` mirrors the repository's layout under it.
    public let folder: URL
    public var root: URL { folder.appendingPathComponent("tree") }

    public init(_ repository: ImpactRepository, commit: String) throws(UsageError) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-impact-\(UUID().uuidString)")
        do throws(UsageError) {
            try write(repository, commit: commit)
        } catch {
            remove()
            throw error
        }
    }

    private func write(_ repository: ImpactRepository, commit: String) throws(UsageError) {
        let git = GitCommand(directory: repository.topLevel)
        var files = [repository.configPath, repository.navigationPath].compactMap { $0 }
        if let config = repository.configPath {
            let folder = (config as NSString).deletingLastPathComponent
            let records = folder.isEmpty ? AcknowledgementRecord.folder : folder + "/" + AcknowledgementRecord.folder
            files += git.output(["ls-tree", "-r", "--name-only", "-z", commit, "--", records + "/"])?
                .split(separator: "\0").map(String.init) ?? []
        }
        for file in Set(files) {
            guard let bytes = git.data(["cat-file", "blob", "\(commit):\(file)"]) else { continue }
            let url = root.appendingPathComponent(file)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: url)
            } catch {
                throw UsageError("cannot write \(file) of \(commit.prefix(7)) to a temporary folder: \(error.localizedDescription)")
            }
        }
    }

    public func remove() { try? FileManager.default.removeItem(at: folder) }
}
