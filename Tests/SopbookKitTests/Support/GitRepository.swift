import Foundation

/// A real Git repository in a temporary folder, for the tests of what Sopbook reads from history:
/// commits by named authors on given dates, renames, shallow clones. Never a mocked history.
struct GitRepository {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        try git(arguments, environment: environment)
    }

    @discardableResult
    func git(_ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = folder ?? root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "git", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "git \(arguments)"])
        }
        return String(decoding: data, as: UTF8.self)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Commits everything as `author` on `date` (`YYYY-MM-DD`, noon UTC).
    func commit(_ message: String, author: String, date: String) throws {
        try git("add", "-A")
        let stamp = "\(date)T12:00:00+0000"
        try git(["commit", "-q", "-m", message], environment: [
            "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "\(author.lowercased().replacingOccurrences(of: " ", with: "."))@example.com",
            "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "ci@example.com",
            "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
        ])
    }
}
