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
        let blobs = GitHistory.catFile(Array(Set(names)).sorted(), in: gitDirectory ?? contentRoot)
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
    /// Bytes, not characters: ten thousand approved files mean tens of megabytes of blobs per run.
    /// Only the front matter's lines are dropped; the body is kept whole, less its whitespace.
    static func normalised(_ text: String) -> [UInt8] { normalised(Array(text.utf8)) }

    static func normalised(_ bytes: [UInt8]) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        func keep(_ line: ArraySlice<UInt8>) { kept += line.lazy.filter { !isSpace($0) } }
        var block: ArraySlice<UInt8> = []
        // 0: before the front matter, 1: inside it, 2: after it (or there is none).
        var part = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            let isFence = line.elementsEqual("---".utf8) || line.elementsEqual("---\r".utf8)
            if part == 0 { part = isFence ? 1 : 2 } else if part == 1, isFence { part = 2; keep(line); continue }
            guard part == 1 else { keep(line); continue }
            let indented = line.first.map { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ?? false
            let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if !indented, !trimmed.isEmpty { block = trimmed.prefix { $0 != UInt8(ascii: ":") } }
            if block.elementsEqual("approval".utf8) { continue }
            if block.elementsEqual("review".utf8) {
                if indented, trimmed.starts(with: "last:".utf8) { continue }
                if !indented, trimmed.contains(UInt8(ascii: "{")) {
                    keep(ArraySlice(withoutFlowLast(String(decoding: line, as: UTF8.self)).utf8))
                    continue
                }
            }
            keep(line)
        }
        return kept
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// `review: { last: 2026-01-01, every: 6 months }` without its `last` entry.
    private static func withoutFlowLast(_ line: String) -> String {
        line.replacingOccurrences(of: #"last\s*:\s*[^,}]*,?"#, with: "", options: .regularExpression)
    }

    /// The text of each named blob, read by one `git cat-file --batch` fed one name a line; a name Git
    /// does not know (a deleted file) is absent from the answer.
    static func catFile(_ names: [String], in directory: URL) -> [String: [UInt8]] {
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
    static func parseBatch(_ data: Data, names: [String]) -> [String: [UInt8]] {
        var blobs: [String: [UInt8]] = [:]
        var at = data.startIndex
        for name in names {
            guard let newline = data[at...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: data[at..<newline], as: UTF8.self).split(separator: " ")
            at = newline + 1
            guard header.count == 3, let size = Int(header[2]), at + size <= data.endIndex else { continue }
            blobs[name] = [UInt8](data[at..<(at + size)])
            at += size + 1
        }
        return blobs
    }
}
