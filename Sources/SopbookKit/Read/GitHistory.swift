import Foundation

/// "Last changed" dates and authors from Git, read with one `git log` for the whole content folder.
public struct GitHistory: Sendable {
    public struct Change: Sendable, Equatable {
        /// `YYYY-MM-DD` of the author date.
        public var date: String
        public var author: String
    }

    /// By content-relative path.
    public var lastChange: [String: Change] = [:]

    public init() {}

    /// Empty when the folder is not in a Git repository or Git is not installed.
    public static func read(contentRoot: URL) -> GitHistory {
        guard let prefix = run(["rev-parse", "--show-prefix"], in: contentRoot)?
            .trimmed else { return GitHistory() }
        guard let log = run(["-c", "core.quotepath=off", "log", "--no-renames", "--format=%x1e%as%x1f%an", "--name-only", "--", "."],
                            in: contentRoot) else { return GitHistory() }
        var history = GitHistory()
        for record in log.split(separator: "\u{1e}") {
            var lines = record.split(separator: "\n", omittingEmptySubsequences: true)
            guard !lines.isEmpty else { continue }
            let header = lines.removeFirst().split(separator: "\u{1f}", omittingEmptySubsequences: false)
            guard header.count == 2 else { continue }
            let change = Change(date: String(header[0]), author: String(header[1]))
            for name in lines {
                var path = String(name)
                guard path.hasPrefix(prefix) else { continue }
                path.removeFirst(prefix.count)
                // The log is newest first: the first commit that names a file is its last change.
                if history.lastChange[path] == nil { history.lastChange[path] = change }
            }
        }
        return history
    }

    private static func run(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
