import Foundation
import Testing

/// `sopbook build` in a shallow clone prints one warning naming the fix, not one per page; with the whole
/// history it prints none; `check` finds an approval outdated by a later commit.
@Suite(.serialized) struct HistoryWarningCLITests {
    static func git(_ arguments: [String], in folder: URL, date: String = "2026-01-01") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "commit.gpgsign=false", "-c", "user.name=Alice Martin", "-c", "user.email=a@example.com"] + arguments
        process.currentDirectoryURL = folder
        let stamp = "\(date)T12:00:00+0000"
        process.environment = ProcessInfo.processInfo.environment.merging(["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp]) { _, new in new }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    static func sop(_ name: String, _ body: String) -> String {
        "---\ntitle: \(name)\nowner: Finance Lead\napproval: { by: Quality Manager, on: 2026-01-02 }\n---\n\n# \(name)\n\n## Steps\n1. \(body)\n"
    }

    @Test func oneWarningInAShallowCloneAndAnOutdatedApproval() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-cli-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Self.git(["init", "-q", "-b", "main"], in: repo)
        for (n, date) in ["2026-01-01", "2026-02-01"].enumerated() {
            try Data(Self.sop("A", "See [B](b.md), version \(n).").utf8).write(to: repo.appendingPathComponent("Content/a.md"))
            try Data(Self.sop("B", "See [A](a.md), version \(n).").utf8).write(to: repo.appendingPathComponent("Content/b.md"))
            try Self.git(["add", "-A"], in: repo)
            try Self.git(["commit", "-q", "-m", "Version \(n)"], in: repo, date: date)
        }
        let whole = try CLITests.run(["build", "--today", "2026-11-23"], in: repo)
        #expect(!whole.stderr.contains("warning"), "\(whole.stderr)")
        let check = try CLITests.run(["check", "--today", "2026-11-23"], in: repo)
        #expect(check.stdout.components(separatedBy: "[approval-outdated]").count == 3, "\(check.stdout)")

        let clone = root.appendingPathComponent("clone")
        try Self.git(["clone", "-q", "--depth", "1", "file://" + repo.path, clone.path], in: root)
        let shallow = try CLITests.run(["build", "--today", "2026-11-23"], in: clone)
        #expect(shallow.status == 0 || shallow.status == 1, "\(shallow.stderr)")
        let warnings = shallow.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1, "\(shallow.stderr)")
        #expect(warnings.first?.contains("shallow clone") == true && warnings.first?.contains("fetch-depth: 0") == true)
    }
}
