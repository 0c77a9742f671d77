import Foundation

/// The root of the repository the content is in, which CODEOWNERS patterns and review links start from.
public enum RepositoryRoot {
    /// `git rev-parse --show-toplevel` from the content folder; outside Git, the configuration file's
    /// folder, else the current folder.
    public static func find(content: URL, configFile: URL?, currentDirectory: URL) -> URL {
        if let top = GitHistory.run(["rev-parse", "--show-toplevel"], in: content)?.trimmed, !top.isEmpty {
            return URL(fileURLWithPath: top, isDirectory: true)
        }
        return configFile?.deletingLastPathComponent() ?? currentDirectory
    }

    /// `folder`'s path from `root` ending with `/` (empty when it is the root), or nil when it is outside.
    /// Symbolic links are resolved on both sides: Git prints the real path of the top level.
    public static func prefix(of folder: URL, from root: URL) -> String? {
        let f = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let r = root.resolvingSymlinksInPath().standardizedFileURL.path
        if f == r { return "" }
        let base = r.hasSuffix("/") ? r : r + "/"
        return f.hasPrefix(base) ? String(f.dropFirst(base.count)) + "/" : nil
    }

    /// The content folder's prefix from the workspace's repository root.
    public static func contentPrefix(_ workspace: Workspace, currentDirectory: URL) throws(UsageError) -> (root: URL, prefix: String) {
        let root = find(content: workspace.content, configFile: workspace.configFile, currentDirectory: currentDirectory)
        guard let prefix = prefix(of: workspace.content, from: root) else {
            throw UsageError("the content folder \(workspace.content.path) is outside the repository root \(root.path)")
        }
        return (root, prefix)
    }
}

/// The CODEOWNERS file of a workspace's repository and the block its SOPs call for: what the
/// `codeowners` command prints, writes or compares.
public struct CodeOwnersFile: Sendable {
    public var root: URL
    /// The file's path from the repository root.
    public var path: String
    /// How messages name the file: from the current folder when it is inside it.
    public var displayPath: String
    public var entries: [CodeOwners.Entry]
    public var block: [String]
    /// The file as it is, nil when it does not exist.
    public var existing: String?

    public var url: URL { root.appendingPathComponent(path) }
    public var withoutHandle: Int { entries.filter(\.lacksHandle).count }

    public init(_ checked: Checked, workspace: Workspace,
                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(UsageError) {
        let (root, prefix) = try RepositoryRoot.contentPrefix(workspace, currentDirectory: currentDirectory)
        self.root = root
        let fm = FileManager.default
        path = CodeOwners.location(workspace.configuration.codeowners) { fm.fileExists(atPath: root.appendingPathComponent($0).path) }
        let full = root.appendingPathComponent(path).standardizedFileURL.path
        let cwd = currentDirectory.standardizedFileURL.path
        displayPath = full.hasPrefix(cwd + "/") ? String(full.dropFirst(cwd.count + 1)) : full
        entries = CodeOwners.entries(checked.knowledgeBase, prefix: prefix)
        block = CodeOwners.block(entries)
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: full, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue, let data = fm.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
                throw UsageError("cannot read \(displayPath) as a UTF-8 text file")
            }
            existing = text
        }
    }

    /// The file with the block in place, every other line as it was.
    public func merged() throws(UsageError) -> String {
        do { return try CodeOwners.merged(existing, block: block) } catch { throw usage(error) }
    }

    public func differences() throws(UsageError) -> [CodeOwners.Difference] {
        do { return try CodeOwners.differences(existing, block: block) } catch { throw usage(error) }
    }

    /// Writes the merged file, creating its folder.
    public func write() throws(UsageError) {
        let text = try merged()
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw UsageError("cannot write \(displayPath): \(error.localizedDescription)")
        }
    }

    func usage(_ problem: CodeOwners.Problem) -> UsageError {
        UsageError("\(displayPath):\(problem.line): \(problem.message)")
    }
}
