import Foundation

/// Whether an approved SOP changed after its approval, decided from Git once per run so that the rule
/// `approval-outdated` is a pure function of the history it is given.
extension GitHistory {
    /// The history with `approvalChanges` filled in for `approvals` (content-relative path → `approval.on`).
    /// A file's content at each revision after `approval.on` is compared with its content at the last
    /// revision on or before it, normalised (`normalised(_:)`); the first that differs is the change.
    /// Every blob is read by one `git cat-file --batch`, and only for files committed after their approval.
    public func withApprovalChanges(_ approvals: [String: CivilDate], contentRoot: URL) -> GitHistory {
        with(approvalChanges: changes(after: approvals, contentRoot: contentRoot))
    }

    func with(approvalChanges: [String: Revision]) -> GitHistory {
        var copy = self
        copy.approvalChanges = approvalChanges
        return copy
    }

    /// What `changes(after:)` reads: the approvals, and the revisions of the approved files. Blobs are
    /// named by commit, so equal keys read equal blobs: `serve` reads none again while nothing moved.
    struct ApprovalKey: Hashable, Sendable {
        var approvals: [String: CivilDate]
        var revisions: [String: [Revision]]
        var prefix: String
        var isRepository: Bool

        init(_ history: GitHistory, approvals: [String: CivilDate]) {
            self.approvals = approvals
            revisions = history.revisions.filter { approvals[$0.key] != nil }
            prefix = history.prefix
            isRepository = history.isRepository
        }
    }

    /// For each approved file changed after its approval, the first revision that changed it.
    func changes(after approvals: [String: CivilDate], contentRoot: URL) -> [String: Revision] {
        var changes: [String: Revision] = [:]
        guard isRepository else { return changes }
        var requests: [(file: String, approved: Revision, later: [Revision])] = []
        for (file, on) in approvals.sorted(by: { $0.key < $1.key }) {
            guard let all = revisions[file] else { continue }
            // ISO dates compare as text; revisions are newest first.
            let day = on.description
            let later = all.filter { $0.date > day }
            guard !later.isEmpty else { continue }
            if let approved = all.first(where: { $0.date <= day }) {
                requests.append((file, approved, later.reversed()))
            } else if let first = later.last, later.count > 1 {
                // Committed only after its approval date (approved before it moved into Git, or a shallow
                // clone's oldest commit): the oldest revision held stands for the approved text.
                requests.append((file, first, later.dropLast().reversed()))
            }
        }
        guard !requests.isEmpty else { return changes }
        let names = requests.flatMap { r in ([r.approved] + r.later).map(blobName) }
        let blobs = GitHistory.catFile(Array(Set(names)).sorted(), in: contentRoot)
        for r in requests {
            // Without the approved text (Git could not give it) nothing is compared: no guess.
            guard let approved = blobs[blobName(r.approved)].map(GitHistory.normalised) else { continue }
            if let change = r.later.first(where: { blobs[blobName($0)].map(GitHistory.normalised) != approved }) {
                changes[r.file] = change
            }
        }
        return changes
    }

    /// `<commit>:<path from the repository's root>`, as `git cat-file` names a file at a revision.
    func blobName(_ revision: Revision) -> String { "\(revision.hash):\(prefix)\(revision.path)" }

    /// The text as approved content is compared: without `review.last` (recording a review does not change
    /// what was approved), without the `approval:` record itself (approving after the fact, or again, is not
    /// a change of the approved text), and without whitespace: a change that only adds, removes or moves
    /// whitespace (a reflowed paragraph, `{a}` written `{ a }`) leaves the approved words as they were.
    static func normalised(_ text: String) -> String {
        var kept: [Substring] = []
        var block: Substring?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indented = line.first == " " || line.first == "\t"
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if !indented, !trimmed.isEmpty {
                block = trimmed.split(separator: ":", maxSplits: 1).first
            }
            if block == "approval" { continue }
            if block == "review", indented, trimmed.hasPrefix("last:") { continue }
            if !indented, trimmed.hasPrefix("review:"), trimmed.contains("{") {
                kept.append(Substring(withoutFlowLast(String(line))))
                continue
            }
            kept.append(line)
        }
        return String(kept.joined(separator: "\n").unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    /// `review: { last: 2026-01-01, every: 6 months }` without its `last` entry.
    private static func withoutFlowLast(_ line: String) -> String {
        line.replacingOccurrences(of: #"last\s*:\s*[^,}]*,?"#, with: "", options: .regularExpression)
    }

    /// The text of each named blob, read by one `git cat-file --batch` fed one name a line; a name Git
    /// does not know (a deleted file) is absent from the answer.
    static func catFile(_ names: [String], in directory: URL) -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "cat-file", "--batch"]
        process.currentDirectoryURL = directory
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [:] }
        // Fed from another thread: Git answers while it reads, and both pipes would fill otherwise.
        let request = Data(names.map { $0 + "\n" }.joined().utf8)
        let writer = input.fileHandleForWriting
        Thread.detachNewThread {
            writer.write(request)
            try? writer.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return parseBatch(data, names: names)
    }

    /// `<oid> blob <size>\n<bytes>\n` per found name, `<name> missing\n` otherwise, in the order asked.
    static func parseBatch(_ data: Data, names: [String]) -> [String: String] {
        var blobs: [String: String] = [:]
        var at = data.startIndex
        for name in names {
            guard let newline = data[at...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: data[at..<newline], as: UTF8.self).split(separator: " ")
            at = newline + 1
            guard header.count == 3, let size = Int(header[2]), at + size <= data.endIndex else { continue }
            blobs[name] = String(decoding: data[at..<(at + size)], as: UTF8.self)
            at += size + 1
        }
        return blobs
    }
}
