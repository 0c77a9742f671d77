import Foundation

/// The history of the content folder from Git, read with one `git log` for the whole folder (never a
/// process per file): each file's revisions, newest first, following renames, and whether the history
/// can be trusted at all (a repository, not a shallow clone).
public struct GitHistory: Sendable, Hashable {
    public struct Change: Sendable, Hashable {
        /// `YYYY-MM-DD` of the author date.
        public var date: String
        public var author: String
    }

    /// One commit that changed a file.
    public struct Revision: Sendable, Hashable {
        public var hash: String
        public var shortHash: String
        /// `YYYY-MM-DD` of the author date.
        public var date: String
        public var author: String
        public var subject: String
        /// The file's content-relative path in that commit (it differs before a rename).
        public var path: String
    }

    /// Whether the content folder is in a Git repository (and Git runs).
    public var isRepository = false
    /// A shallow clone (CI's `fetch-depth: 1`) holds only the last commits: its history is not the file's.
    public var isShallow = false
    /// The commit the content is at, when there is one.
    public var head: String?
    /// Revisions by current content-relative path, newest first; `rev. N` is their count.
    public var revisions: [String: [Revision]] = [:]
    /// The content folder's path inside the repository (`git rev-parse --show-prefix`), to name blobs.
    public var prefix = ""
    /// Where Git runs for this history's blobs: the content folder, or for a revision read into another
    /// folder (`impact`'s base), the content folder of the working tree it came from.
    public var gitDirectory: URL?
    /// Files whose content changed after their `approval.on`: the first revision that changed it
    /// (`withApprovalChanges`, made once the approvals are read).
    public var approvalChanges: [String: Revision] = [:]

    public init() {}

    /// The last change of each file, from its newest revision.
    public var lastChange: [String: Change] {
        revisions.compactMapValues { $0.first.map { Change(date: $0.date, author: $0.author) } }
    }

    /// Empty when the folder is not in a Git repository or Git is not installed. `revision` reads the
    /// history as it was at that commit (`impact`'s base) instead of HEAD's.
    public static func read(contentRoot: URL, revision: String = "HEAD") -> GitHistory {
        guard let prefix = run(["rev-parse", "--show-prefix"], in: contentRoot)?.trimmed else { return GitHistory() }
        var history = GitHistory()
        history.isRepository = true
        history.prefix = prefix
        history.gitDirectory = contentRoot
        history.isShallow = run(["rev-parse", "--is-shallow-repository"], in: contentRoot)?.trimmed == "true"
        history.head = run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: contentRoot)?.trimmed
        guard history.head != nil,
              let log = run(["-c", "core.quotepath=off", "log", "-M", "--name-status", "-z",
                             "--format=%x1e%H%x1f%h%x1f%as%x1f%an%x1f%s", revision, "--", "."], in: contentRoot) else { return history }
        history.revisions = parse(log, prefix: prefix)
        return history
    }

    /// What the history depends on besides the objects, cheaply (one small process): HEAD's commit and
    /// whether the clone is shallow. `serve` reads the whole history again only when this moved.
    public static func stamp(contentRoot: URL) -> String? {
        run(["rev-parse", "--is-shallow-repository", "HEAD"], in: contentRoot)
    }

    /// `git log -M --name-status -z` with a `%x1e`-led header per commit, newest first. A rename carries
    /// the older path's revisions over to the file's current name.
    static func parse(_ log: String, prefix: String) -> [String: [Revision]] {
        var revisions: [String: [Revision]] = [:]
        // Older path → the current path it became (renames seen so far, walking back in time).
        var current: [String: String] = [:]
        func relative(_ path: Substring) -> String? {
            guard path.hasPrefix(prefix) else { return nil }
            return String(path.dropFirst(prefix.count))
        }
        for record in log.split(separator: "\u{1e}") {
            var fields = record.split(separator: "\0", omittingEmptySubsequences: false)
            guard let headerLine = fields.first else { continue }
            fields.removeFirst()
            // The header ends with a newline before the first status.
            let header = headerLine.split(separator: "\u{1f}", omittingEmptySubsequences: false)
            guard header.count == 5 else { continue }
            let base = Revision(hash: String(header[0]), shortHash: String(header[1]), date: String(header[2]),
                                author: String(header[3]), subject: String(header[4].split(separator: "\n").first ?? ""), path: "")
            var i = 0
            while i < fields.count {
                let status = fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                i += 1
                guard let kind = status.first else { continue }
                if kind == "R" || kind == "C", i + 1 < fields.count {
                    let (old, new) = (fields[i], fields[i + 1])
                    i += 2
                    guard let newPath = relative(new) else { continue }
                    let now = current[newPath] ?? newPath
                    var revision = base
                    revision.path = newPath
                    revisions[now, default: []].append(revision)
                    if kind == "R", let oldPath = relative(old) { current[oldPath] = now }
                } else if i < fields.count {
                    let name = fields[i]
                    i += 1
                    guard let path = relative(name) else { continue }
                    var revision = base
                    revision.path = path
                    revisions[current[path] ?? path, default: []].append(revision)
                }
            }
        }
        return revisions
    }

    static func run(_ arguments: [String], in directory: URL) -> String? {
        GitCommand(directory: directory).output(arguments)
    }
}
