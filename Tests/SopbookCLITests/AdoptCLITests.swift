import Foundation
import Testing

/// `sopbook adopt` through the built binary: what it writes, what it refuses, and that it leaves the
/// handbook as it found it.
@Suite(.serialized) struct AdoptCLITests {
    /// A small MkDocs handbook in a fresh folder: mkdocs.yml beside docs/, as MkDocs lays it out.
    static func handbook() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-adopt-cli-\(UUID().uuidString)")
        let files = [
            "mkdocs.yml": "site_name: Runbooks\nnav:\n  - index.md\n  - Deploy: ops/deploy.md\n",
            "docs/index.md": "---\nowner_slack: \"#ops\"\nlayout: home\n---\n# Home\n",
            "docs/ops/deploy.md": "---\nowner_slack: \"#sre\"\nlast_reviewed: 2024-05-01\n---\n# Deploy\n\n## Steps\n1. Ship it.\n",
            "docs/ops/.assets/diagram.png": "png",
            "docs/_drafts/idea.md": "# not read\n",
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    /// Every path under `folder` (folders too) with its bytes, size and modification time: any write,
    /// even of the same bytes, or any file added or removed, changes it.
    static func fingerprint(_ folder: URL) throws -> [String] {
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return [] }
        var out: [String] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: Set(keys))
            let bytes = values.isDirectory == true ? Data() : try Data(contentsOf: url)
            let modified = values.contentModificationDate?.timeIntervalSince1970 ?? 0
            out.append("\(url.path.dropFirst(folder.path.count)) \(values.fileSize ?? -1) \(modified) \(bytes.base64EncodedString())")
        }
        return out.sorted()
    }

    @Test func writesACommentedConfigurationAndSaysWhatItFound() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLITests.run(["adopt", "--content", "docs"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Generator: MkDocs: mkdocs.yml (docs_dir: docs, nav of 2 pages)"))
        #expect(r.stdout.contains("owner ← owner_slack: 2 of 2 pages"))
        #expect(r.stdout.contains("ignored: layout (1)"))
        #expect(r.stdout.contains("Wrote sopbook.yml."))
        let written = try String(contentsOf: dir.appendingPathComponent("sopbook.yml"), encoding: .utf8)
        #expect(written.contains("\n  owner: owner_slack\n"))
        #expect(written.contains("\n  dot_folders: true\n"), "docs/ops/.assets holds a file")
        #expect(written.contains("\nnavigation: mkdocs.yml\n"))
    }

    @Test func neverChangesTheContentFolder() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = dir.appendingPathComponent("docs")
        let before = try Self.fingerprint(content)
        #expect(before.count == 7, "\(before)")
        let r = try CLITests.run(["adopt", "--content", "docs"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.fingerprint(content) == before)
        let forced = try CLITests.run(["adopt", "--content", "docs", "--force"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Self.fingerprint(content) == before)
        // The fingerprint sees a rewrite of the same bytes, so the comparisons above could fail.
        let page = content.appendingPathComponent("index.md")
        let bytes = try Data(contentsOf: page)
        try bytes.write(to: page)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 2_000_000)], ofItemAtPath: page.path)
        #expect(try Self.fingerprint(content) != before)
    }

    /// The findings of `check --format json` as `rule file` lines, at or above warning.
    static func findings(_ arguments: [String], in dir: URL) throws -> (status: Int32, findings: [String]) {
        let r = try CLITests.run(["check", "--today", "2026-11-23", "--format", "json"] + arguments, in: dir)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let list = json?["findings"] as? [[String: Any]] ?? []
        let lines = list.filter { ($0["severity"] as? String) != "info" }
            .map { "\($0["rule"] as? String ?? "?") \($0["file"] as? String ?? "?")" }
        return (r.status, lines)
    }

    @Test func checkReadsTheAdoptedConfiguration() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            "mkdocs.yml": "site_name: Runbooks\nmarkdown_extensions: [attr_list]\nnav:\n  - index.md\n  - ops/deploy.md\n",
            "docs/index.md": "---\nowner_slack: \"#ops\"\nlayout: home\n---\n# Home\n\nRead [the guides](guides/), then [roll back](ops/deploy/#roll-back), not [this](ops/gone.md).\n",
            "docs/guides/index.md": "---\nowner_slack: \"#ops\"\nlayout: page\n---\n# Guides\n\nSee [home](../).\n",
        ]
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("docs/guides"), withIntermediateDirectories: true)
        for (path, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(path)) }
        let deploy = "---\nowner_slack: \"#sre\"\nlast_reviewed: 2024-05-01\n---\n# Deploy\n\n## Roll back {#roll-back}\n\nUndo.\n"
        try Data(deploy.utf8).write(to: dir.appendingPathComponent("docs/ops/deploy.md"))

        // As a new user would see it without adopting: every page unowned, the generator's links broken.
        let before = try Self.findings(["--content", "docs"], in: dir)
        #expect(before.status == 1)
        #expect(before.findings.filter { $0.hasPrefix("missing-owner") }.count == 3, "\(before.findings)")
        #expect(before.findings.contains("unknown-field index.md"))
        #expect(before.findings.filter { $0.hasPrefix("broken-") }.count == 4, "\(before.findings)")

        let adopt = try CLITests.run(["adopt", "--content", "docs"], in: dir)
        #expect(adopt.status == 0, "\(adopt.stderr)")
        // With the adopted sopbook.yml: owners read, the generator's keys ignored, its links resolved;
        // the one truly broken link is all that is left of the errors.
        let after = try Self.findings(["--content", "docs"], in: dir)
        #expect(after.status == 1)
        #expect(!after.findings.contains { $0.hasPrefix("missing-owner") || $0.hasPrefix("unknown-field") }, "\(after.findings)")
        #expect(after.findings.filter { $0.hasPrefix("broken-") } == ["broken-link index.md"], "\(after.findings)")
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("sopbook.yml")
        try Data("title: Mine\n".utf8).write(to: config)
        let r = try CLITests.run(["adopt", "--content", "docs"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("sopbook: error: sopbook.yml exists"), "\(r.stderr)")
        #expect(r.stderr.contains("--force"))
        #expect(r.stderr.split(separator: "\n").count == 1, "one clear line: \(r.stderr)")
        #expect(r.stdout.isEmpty, "nothing is reported before the refusal: \(r.stdout)")
        #expect(try String(contentsOf: config, encoding: .utf8) == "title: Mine\n")

        let forced = try CLITests.run(["adopt", "--content", "docs", "--force"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOf: config, encoding: .utf8).hasPrefix("# sopbook.yml for a MkDocs handbook"))
    }

    @Test func writesWhereConfigSays() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ci"), withIntermediateDirectories: true)
        let r = try CLITests.run(["adopt", "--content", "docs", "--config", "ci/sopbook.yml"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sopbook.yml").path))
        let written = try String(contentsOf: dir.appendingPathComponent("ci/sopbook.yml"), encoding: .utf8)
        #expect(written.contains("\nnavigation: ../mkdocs.yml\n"))
        #expect(r.stdout.contains("sopbook check --content docs --config ci/sopbook.yml"))
    }

    @Test func aMissingContentFolderIsExitTwo() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLITests.run(["adopt", "--content", "nope"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "sopbook: error: content folder not found: nope (use --content DIR)\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sopbook.yml").path))
    }

    @Test func refusesToWriteInsideAFolderOfTheContent() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try Self.fingerprint(dir.appendingPathComponent("docs"))
        let r = try CLITests.run(["adopt", "--content", "docs", "--config", "docs/ops/sopbook.yml"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("inside a folder of the content"))
        #expect(try Self.fingerprint(dir.appendingPathComponent("docs")) == before)
    }
}
