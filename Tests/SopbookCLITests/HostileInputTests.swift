import Foundation
import Testing

/// Inputs too large or too deep to commit, generated at test time, and what a build does when it is
/// killed or runs twice at once. Each run has a generous deadline so that a hang fails instead of blocking.
@Suite(.serialized) struct HostileInputTests {
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Content"), withIntermediateDirectories: true)
        return dir
    }

    static let good = """
    ---
    title: Good neighbour
    owner: Ops
    raci: {responsible: Ops, accountable: Ops}
    quality: [Done]
    review: {last: 2026-10-01, every: 6 months}
    ---
    ## Steps
    1. Still checked, [[deep]], [[big]], [[links]], [[long]], [[lists]].

    """

    static func write(_ text: String, _ name: String, in dir: URL) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent("Content/\(name)"))
    }

    /// Runs the binary with a deadline; returns nil if it had to be killed.
    static func run(_ args: [String], in dir: URL, deadline: Double = 120) throws -> CLITests.Run? {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = args
        process.currentDirectoryURL = dir
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let end = Date().addingTimeInterval(deadline)
        while process.isRunning && Date() < end { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        return CLITests.Run(status: process.terminationStatus, stdout: text, stderr: "")
    }

    @Test func hugeDeepAndLongInputsAreHandled() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = "---\nowner: Ops\n---\n"
        try Self.write(Self.good, "good.md", in: dir)
        try Self.write(fm + String(repeating: "> ", count: 100_000) + "deep\n", "deep.md", in: dir)
        try Self.write(fm + String(repeating: "- ", count: 100_000) + "deep\n", "lists.md", in: dir)
        try Self.write(fm + (0..<10_000).map { "[l\($0)](good.md#step-\($0 % 2 + 1))" }.joined(separator: " ") + "\n", "links.md", in: dir)
        try Self.write(fm + String(repeating: "a", count: 1_000_000) + "\n", "long.md", in: dir)
        // 50 MB: written in pieces to keep the test's own memory small.
        let big = dir.appendingPathComponent("Content/big.md")
        FileManager.default.createFile(atPath: big.path, contents: Data(fm.utf8))
        let handle = try FileHandle(forWritingTo: big)
        try handle.seekToEnd()
        let chunk = Data(String(repeating: "Some text with a [link](good.md) and **bold**.\n\n", count: 20_000).utf8)
        for _ in 0..<50 { try handle.write(contentsOf: chunk) }
        try handle.close()

        let result = try #require(try Self.run(["build", "--today", "2026-11-23", "--fail-on", "never"], in: dir),
                                  "the build did not finish in time")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("big.md:1:1: error: this file is"))
        #expect(result.stdout.contains("[file-too-large]"))
        // 10,000 links: one finding each for the 5,000 that name a step that does not exist.
        #expect(result.stdout.components(separatedBy: "links.md:4:").count - 1 == 5_000)
        // Notes of the broken anchors point at good.md (indented); no finding may be on it.
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("good.md:") },
                "the good file must stay clean: \(result.stdout.prefix(2000))")
        for page in ["good.html", "deep.html", "lists.html", "links.html", "long.html", "big.html", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output/\(page)").path), "\(page)")
        }
    }

    static func corpus(_ count: Int, in dir: URL) throws {
        for i in 0..<count {
            let folder = "area\(i % 20)"
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("Content/\(folder)"), withIntermediateDirectories: true)
            let text = Self.good.replacingOccurrences(of: "Good neighbour", with: "Process \(i)")
                + String(repeating: "Some paragraph text for process \(i), long enough to take a little time to render.\n\n", count: 30)
            try Self.write(text, "\(folder)/p\(i).md", in: dir)
        }
    }

    static func snapshot(_ folder: URL) -> [String: Data] {
        (try? CLITests.files(folder)) ?? [:]
    }

    @Test(arguments: [SIGKILL, SIGINT, SIGTERM])
    func aKilledBuildLeavesThePreviousSiteWhole(_ signal: Int32) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.corpus(800, in: dir)
        _ = try #require(try Self.run(["build", "--today", "2026-11-23", "--fail-on", "never"], in: dir))
        let before = Self.snapshot(dir.appendingPathComponent("Output"))
        #expect(before.count > 800)

        // Change every page, then kill the rebuild while it writes.
        for i in 0..<800 {
            let file = dir.appendingPathComponent("Content/area\(i % 20)/p\(i).md")
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: "Process \(i)", with: "Renamed \(i)").write(to: file, atomically: false, encoding: .utf8)
        }
        for delay in [0.05, 0.3, 0.8] {
            let process = Process()
            process.executableURL = CLITests.binary
            process.arguments = ["build", "--today", "2026-11-23", "--quiet"]
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let after = Self.snapshot(dir.appendingPathComponent("Output"))
            // Either the old site, whole, or (if the build won the race) the new one, whole.
            let renamed = after["area0/p0.html"].map { String(decoding: $0, as: UTF8.self).contains("Renamed 0") } ?? false
            if !renamed {
                #expect(after == before, "signal \(signal) after \(delay) s left a changed or partial site")
            } else {
                #expect(after.count == before.count, "signal \(signal) after \(delay) s: new site incomplete")
            }
        }
        // Nothing outside the output folder was touched; leftovers of the killed builds are cleared by the next one.
        let next = try #require(try Self.run(["build", "--today", "2026-11-23", "--fail-on", "never"], in: dir))
        #expect(next.status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("sopbook-staging") || $0.contains("sopbook-old") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(String(decoding: Self.snapshot(dir.appendingPathComponent("Output"))["area0/p0.html"] ?? Data(), as: UTF8.self).contains("Renamed 0"))
    }

    @Test func twoBuildsAtOnceDoNotInterleave() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.corpus(800, in: dir)
        let first = Process()
        first.executableURL = CLITests.binary
        first.arguments = ["build", "--today", "2026-11-23", "--quiet", "--fail-on", "never"]
        first.currentDirectoryURL = dir
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Wait until the first build holds the lock (its staging folder exists), then start a second.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, first.isRunning,
              !((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).contains(where: { $0.contains("sopbook-staging") }) {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let second = try #require(try Self.run(["build", "--today", "2026-11-23"], in: dir))
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        if second.status == 2 {
            #expect(second.stdout.contains("another sopbook build is writing"))
        } else {
            // The first finished before the second started: both then built in turn, which is fine.
            #expect(second.status == 0)
        }
        #expect(Self.snapshot(dir.appendingPathComponent("Output")).count > 800)
    }
}
