import Foundation

/// Earlier revisions of content files, read with one `git cat-file --batch` for all of them (never a
/// `git show` per file): what "what changed since you read it" compares the current file with.
enum GitBlobs {
    struct Request: Hashable, Sendable {
        var commit: String
        /// Content-relative, as the file was named in that commit.
        var path: String
    }

    /// The text of each request that Git has; a missing commit or path is simply absent (the page then
    /// says the revision cannot be found, e.g. in a shallow clone).
    static func read(_ requests: [Request], contentRoot: URL) -> [Request: String] {
        guard !requests.isEmpty, let prefix = runText(["rev-parse", "--show-prefix"], in: contentRoot)?.trimmed else { return [:] }
        // A path with a newline cannot be named on cat-file's line-based input.
        let asked = requests.filter { !$0.path.contains("\n") && !$0.commit.contains("\n") }
        let input = asked.map { "\($0.commit):\(prefix)\($0.path)\n" }.joined()
        guard let output = run(["cat-file", "--batch"], input: Data(input.utf8), in: contentRoot) else { return [:] }
        return parse(output, requests: asked)
    }

    /// `--batch` answers each line with `<oid> <type> <size>\n<bytes>\n`, or `<name> missing\n`.
    static func parse(_ output: Data, requests: [Request]) -> [Request: String] {
        var result: [Request: String] = [:]
        let bytes = [UInt8](output)
        var at = 0
        for request in requests {
            guard let end = bytes[at...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: bytes[at..<end], as: UTF8.self).split(separator: " ")
            at = end + 1
            guard header.count == 3, header[1] == "blob", let size = Int(header[2]), at + size <= bytes.count else { continue }
            result[request] = String(decoding: bytes[at..<(at + size)], as: UTF8.self)
            at += size + 1
        }
        return result
    }

    private static func run(_ arguments: [String], input: Data?, in directory: URL) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardInput = inPipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Write on another thread: a large answer fills the output pipe while we are still writing.
        let writer = inPipe.fileHandleForWriting
        let payload = input ?? Data()
        let thread = Thread { writer.write(payload); try? writer.close() }
        thread.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return data
    }

    private static func runText(_ arguments: [String], in directory: URL) -> String? {
        run(arguments, input: nil, in: directory).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A line difference: the longest common subsequence of lines, after the common start and end are set
/// aside (most edits of an SOP touch a few lines in the middle).
enum LineDiff {
    enum Kind: String, Sendable { case same, added, removed }

    struct Line: Hashable, Sendable {
        var kind: Kind
        var text: String
    }

    /// Above this many cells the table would cost too much: the middle is shown as removed then added.
    static let limit = 4_000_000

    static func diff(_ old: String, _ new: String) -> [Line] {
        let a = lines(old), b = lines(new)
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var end = 0
        while end < a.count - start, end < b.count - start, a[a.count - 1 - end] == b[b.count - 1 - end] { end += 1 }
        let midA = Array(a[start..<(a.count - end)]), midB = Array(b[start..<(b.count - end)])
        return a[..<start].map { Line(kind: .same, text: $0) } + middle(midA, midB)
            + a[(a.count - end)...].map { Line(kind: .same, text: $0) }
    }

    static func lines(_ text: String) -> [String] {
        var list = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if list.last == "" { list.removeLast() }
        return list
    }

    private static func middle(_ a: [String], _ b: [String]) -> [Line] {
        guard !a.isEmpty, !b.isEmpty, a.count * b.count <= limit else {
            return a.map { Line(kind: .removed, text: $0) } + b.map { Line(kind: .added, text: $0) }
        }
        // lcs[i][j]: the longest common subsequence of a[i...] and b[j...], in one flat table.
        let width = b.count + 1
        var lcs = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i * width + j] = a[i] == b[j] ? lcs[(i + 1) * width + j + 1] + 1 : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
            }
        }
        var out: [Line] = [], i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append(Line(kind: .same, text: a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                // Removed lines before the added ones that replace them, as `diff` shows them.
                out.append(Line(kind: .removed, text: a[i])); i += 1
            } else {
                out.append(Line(kind: .added, text: b[j])); j += 1
            }
        }
        return out
    }
}
