import Foundation
import Testing

/// Runs the built `sopbook` binary as a user or a CI job would, and checks exit statuses and output.
@Suite(.serialized) struct CLITests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        if let override = ProcessInfo.processInfo.environment["SOPBOOK_BIN"] { return URL(fileURLWithPath: override) }
        // The test bundle sits in the same build products folder as the executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("sopbook")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/sopbook")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A copy of the example knowledge base (Content/ and sopbook.yml) in a fresh temporary folder.
    static func exampleCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Content"), to: dir.appendingPathComponent("Content"))
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("sopbook.yml"), to: dir.appendingPathComponent("sopbook.yml"))
        return dir
    }

    @Test func checkOnTheExampleExitsZero() throws {
        let dir = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["check", "--today", "2026-11-23"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("0 errors"))
        #expect(r.stderr.isEmpty)
    }

    @Test func removingAnOwnerFailsTheGateWithFileAndLine() throws {
        let dir = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("Content/finance/issue-invoice.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("owner:") }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try Self.run(["check", "--today", "2026-11-23"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("finance/issue-invoice.md:1:1: error:"))
        #expect(r.stdout.contains("[missing-owner]"))
        let never = try Self.run(["check", "--today", "2026-11-23", "--fail-on", "never"], in: dir)
        #expect(never.status == 0)
    }

    @Test func failOnWarning() throws {
        let dir = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(["check", "--today", "2026-11-23", "--fail-on", "warning"], in: dir).status == 1)
    }

    @Test func jsonReportIsStableAndWellFormed() throws {
        let dir = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Self.run(["check", "--format", "json", "--today", "2026-11-23"], in: dir)
        let b = try Self.run(["check", "--format", "json", "--today", "2026-11-23"], in: dir)
        #expect(a.stdout == b.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 2)
        let summary = try #require(json["summary"] as? [String: Any])
        for key in ["processes", "steps", "errors", "warnings", "infos", "owned", "undocumentedSteps", "brokenLinks"] {
            #expect(summary[key] is Int, "summary.\(key)")
        }
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for f in findings {
            for key in ["rule", "severity", "file", "message"] { #expect(f[key] is String, "finding.\(key)") }
            #expect(f["line"] is Int)
        }
    }

    @Test func usageProblemsExitTwoWithOneLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["check"], ["check", "--format", "yaml"], ["check", "--fail-on", "sometimes"], ["check", "--today", "tomorrow"],
                     ["build", "--no-such-flag"]] {
            let r = try Self.run(args, in: dir)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
        try Data("rules:\n  orphn: off\n".utf8).write(to: dir.appendingPathComponent("sopbook.yml"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Content"), withIntermediateDirectories: true)
        let bad = try Self.run(["check"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("sopbook.yml:2"))
    }

    @Test func helpOnEveryCommand() throws {
        for args in [["--help"], ["check", "--help"], ["build", "--help"]] {
            let r = try Self.run(args, in: Self.packageRoot)
            #expect(r.status == 0)
            #expect(r.stdout.contains("USAGE"))
        }
    }

    @Test func buildWritesTheSiteDeterministically() throws {
        let dir = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Self.run(["build", "--today", "2026-11-23"], in: dir)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let output = dir.appendingPathComponent("Output")
        for file in ["index.html", "gaps.html", "gaps.json", "finance/issue-invoice.html", "_sopbook/style.css",
                     "operations/assets/packing-layout.svg"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file)")
        }
        let snapshot = try Self.snapshot(output)
        let areas = ["finance/", "hr/", "operations/", "sales/", "support/"]
        #expect(snapshot.keys.filter { k in k.hasSuffix(".html") && areas.contains { k.hasPrefix($0) } }.count == 19)  // 19 SOPs, the two retired ones included
        #expect(snapshot.keys.filter { $0.hasPrefix("roles/") }.count == 13)
        for page in ["index.html", "gaps.html", "roles.html", "raci.html", "register.html", "register.csv", "404.html", "_sopbook/search/index.js", "_sopbook/search/text-0.js"] {
            #expect(snapshot[page] != nil, "\(page)")
        }
        try Self.run(["build", "--today", "2026-11-23"], in: dir)
        #expect(try Self.snapshot(output) == snapshot, "two builds of the same input differ")
        let page = try #require(snapshot["finance/issue-invoice.html"])
        #expect(page.contains("href=\"../sales/b2b-account-setup.html#step-3\""))
        #expect(!page.contains(".md\""))
    }

    @Test func buildRefusesDangerousOutputFolders() throws {
        let dir = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        for output in ["Content", "Content/site", "."] {
            let r = try Self.run(["build", "--output", output], in: dir)
            #expect(r.status == 2, "--output \(output)")
        }
        let foreign = dir.appendingPathComponent("Mine")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: foreign.appendingPathComponent("thesis.txt"))
        let r = try Self.run(["build", "--output", "Mine"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("not written by sopbook"))
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("thesis.txt").path))
    }

    /// Every file under `folder`, by relative path.
    static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        for case let rel as String in enumerator {
            var isDir: ObjCBool = false
            let path = folder.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    static func snapshot(_ folder: URL) throws -> [String: String] {
        try files(folder).mapValues { String(decoding: $0, as: UTF8.self) }
    }
}
