import Foundation
import Testing

/// `sopbook baseline` and the baseline in `check` and `build`, through the binary, as CI would run them:
/// switch CI on for a handbook with gaps, then fail only on new ones.
@Suite(.serialized) struct BaselineCLITests {
    static let today = ["--today", "2026-11-23"]

    /// A small handbook with five findings: in `a.md` a broken link, a broken anchor and a TODO step; in
    /// `b.md` no owner and no steps. The noisier rules are off, so each test can count what it adds.
    static func handbook() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try write(dir, "sopbook.yml", "rules:\n  missing-raci: off\n  missing-quality: off\n  orphan: off\n")
        try write(dir, "Content/a.md", """
            ---
            id: handbook/a
            owner: Ops Lead
            ---
            # A

            ## Steps
            1. Read [the old page](missing.md) and [[b#no-such-heading]].
            2. TODO
            """)
        try write(dir, "Content/b.md", """
            ---
            title: B
            ---
            # B

            ## Intro
            Text.

            ## Details
            More text.
            """)
        return dir
    }

    static func write(_ dir: URL, _ path: String, _ text: String) throws {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func read(_ dir: URL, _ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    static func check(_ dir: URL, _ extra: [String] = []) throws -> CLITests.Run {
        try CLITests.run(["check"] + today + extra, in: dir)
    }

    /// The finding lines of a text report that are not marked known.
    static func newLines(_ run: CLITests.Run) -> [String] {
        run.stdout.split(separator: "\n").map(String.init)
            .filter { $0.contains(": error: ") || $0.contains(": warning: ") || $0.contains(": info: ") }
            .filter { !$0.hasSuffix(" (known)") }
    }

    /// The handbook with its baseline written, checked to exit 0.
    static func baselined() throws -> URL {
        let dir = try handbook()
        #expect(try check(dir).status == 1, "the handbook should fail before its baseline")
        let written = try CLITests.run(["baseline"] + today, in: dir)
        #expect(written.status == 0, "\(written.stdout)\(written.stderr)")
        #expect(written.stdout == "Baseline: 5 known findings written to sopbook-baseline.json.\n")
        return dir
    }

    @Test func aBaselineTurnsTheCheckGreen() throws {
        let dir = try Self.baselined()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.check(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.newLines(r).isEmpty)
        #expect(r.stdout.hasSuffix("5 known findings from the baseline (not failing); 0 new; 0 fixed since the baseline\n"))
        let build = try CLITests.run(["build"] + Self.today, in: dir)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let gaps = try Self.read(dir, "Output/gaps.html")
        #expect(gaps.contains(#"<h2 id="known">Known from the baseline <span class="count">5</span></h2>"#))
        // Written twice from the same findings, the file is the same bytes.
        let first = try Self.read(dir, "sopbook-baseline.json")
        try CLITests.run(["baseline"] + Self.today, in: dir)
        #expect(try Self.read(dir, "sopbook-baseline.json") == first)
    }

    @Test func aNewBrokenLinkFailsNamingOnlyIt() throws {
        let dir = try Self.baselined()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = try Self.read(dir, "Content/b.md")
        try Self.write(dir, "Content/b.md", b + "\nSee [the archive](archive.md).\n")
        let r = try Self.check(dir)
        #expect(r.status == 1)
        #expect(Self.newLines(r) == ["b.md:11:5: error: broken link `archive.md`: `archive.md` does not exist [broken-link]"])
        #expect(r.stdout.contains("5 known findings from the baseline (not failing); 1 new; 0 fixed"))
        let json = try CLITests.run(["check", "--format", "json"] + Self.today, in: dir)
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"known\": 5, \"new\": 1, \"fixed\": 0"))
        let build = try CLITests.run(["build"] + Self.today, in: dir)
        #expect(build.status == 1)
        #expect(try Self.read(dir, "Output/gaps.html").contains(#"<h2 id="new">New findings <span class="count">1</span></h2>"#))
        // `sopbook baseline` does not take it in without --accept-new: the check keeps failing.
        let shrink = try CLITests.run(["baseline"] + Self.today, in: dir)
        #expect(shrink.stdout == "Baseline: 5 known findings in sopbook-baseline.json, 0 fixed removed; 1 new finding not added (use --accept-new).\n")
        #expect(try Self.check(dir).status == 1)
        let accept = try CLITests.run(["baseline", "--accept-new"] + Self.today, in: dir)
        #expect(accept.stdout == "Baseline: 6 known findings in sopbook-baseline.json, 0 fixed removed, 1 new added.\n")
        #expect(try Self.check(dir).status == 0)
        #expect(try Self.read(dir, "sopbook-baseline.json").contains("\"subject\": \"archive.md\""))
    }

    @Test func aFixedFindingIsReportedAndTheBaselineShrinks() throws {
        let dir = try Self.baselined()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Self.read(dir, "Content/a.md")
        try Self.write(dir, "Content/a.md", a.replacingOccurrences(of: "[the old page](missing.md)", with: "the old page"))
        let r = try Self.check(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("4 known findings from the baseline (not failing); 0 new; 1 fixed since the baseline — run `sopbook baseline` to shrink it"))
        let json = try CLITests.run(["check", "--format", "json"] + Self.today, in: dir)
        #expect(json.stdout.contains("\"fixedFindings\": [\n    { \"fingerprint\": "))
        #expect(json.stdout.contains("\"rule\": \"broken-link\", \"process\": \"handbook/a\", \"subject\": \"missing.md\", \"count\": 1 }"))
        #expect(try Self.read(dir, "sopbook-baseline.json").contains("\"subject\": \"missing.md\""))
        let shrink = try CLITests.run(["baseline"] + Self.today, in: dir)
        #expect(shrink.status == 0)
        #expect(shrink.stdout == "Baseline: 4 known findings in sopbook-baseline.json, 1 fixed removed.\n")
        #expect(!(try Self.read(dir, "sopbook-baseline.json")).contains("missing.md"))
        #expect(try Self.check(dir).stdout.contains("4 known findings from the baseline (not failing); 0 new; 0 fixed since the baseline\n"))
        // Breaking it again is new: a fixed finding left the baseline for good.
        try Self.write(dir, "Content/a.md", a)
        #expect(try Self.check(dir).status == 1)
    }

    @Test func noBaselineShowsEverythingAsBefore() throws {
        let dir = try Self.baselined()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.check(dir, ["--no-baseline"])
        #expect(r.status == 1)
        #expect(Self.newLines(r).count == 5)
        #expect(!r.stdout.contains("(known)") && !r.stdout.contains("baseline"))
        let json = try CLITests.run(["check", "--no-baseline", "--format", "json"] + Self.today, in: dir)
        #expect(!json.stdout.contains("\"baseline\"") && !json.stdout.contains("\"known\""))
        #expect(try CLITests.run(["build", "--no-baseline"] + Self.today, in: dir).status == 1)
        #expect(!(try Self.read(dir, "Output/gaps.html")).contains("Known from the baseline"))
    }

    @Test func movedLinesRenamedHeadingsAndARenamedFileKeepKnownFindingsKnown() throws {
        let dir = try Self.baselined()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Lines above every finding of a.md, which moves to another folder under the same id; a heading of
        // b.md renamed; a step inserted before the TODO one, which becomes step 3.
        let a = try Self.read(dir, "Content/a.md")
            .replacingOccurrences(of: "# A\n", with: "# A\n\nAn introduction\nover three\nlines.\n")
            .replacingOccurrences(of: "2. TODO", with: "2. Check the totals.\n3. TODO")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("Content/a.md"))
        try Self.write(dir, "Content/archive/a-renamed.md", a)
        let b = try Self.read(dir, "Content/b.md").replacingOccurrences(of: "## Details", with: "## More details")
        try Self.write(dir, "Content/b.md", b.replacingOccurrences(of: "# B\n", with: "# B\n\nA new paragraph.\n"))
        let r = try Self.check(dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.newLines(r).isEmpty, "\(Self.newLines(r))")
        #expect(r.stdout.contains("archive/a-renamed.md:14:1: warning: step 3 is a placeholder"))
        #expect(r.stdout.contains("5 known findings from the baseline (not failing); 0 new; 0 fixed"))
    }

    @Test func aBrokenBaselineStopsTheRunWithItsFileAndLine() throws {
        let dir = try Self.baselined()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try Self.read(dir, "sopbook-baseline.json")
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 5 is the first entry; a count of 0 there is hand-broken.
        let entry = try #require(lines.firstIndex { $0.contains("\"fingerprint\"") })
        #expect(entry == 4)
        var broken = lines
        broken[entry] = broken[entry].replacingOccurrences(of: "\"count\": 1 }", with: "\"count\": 0 }")
        #expect(broken != lines)
        try Self.write(dir, "sopbook-baseline.json", broken.joined(separator: "\n"))
        for args in [["check"], ["build"], ["baseline"]] {
            let r = try CLITests.run(args + Self.today, in: dir)
            #expect(r.status == 2, "\(args): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("sopbook-baseline.json:5:"), "\(args): \(r.stderr)")
            #expect(r.stderr.contains("`count` must be a positive integer"), "\(args): \(r.stderr)")
        }
        // `sopbook baseline` did not overwrite it, and --no-baseline does not read it.
        #expect(try Self.read(dir, "sopbook-baseline.json") == broken.joined(separator: "\n"))
        #expect(try Self.check(dir, ["--no-baseline"]).status == 1)
        try Self.write(dir, "sopbook-baseline.json", "version: 1\nentries: []\n")
        let yaml = try Self.check(dir)
        #expect(yaml.status == 2)
        #expect(yaml.stderr.contains("sopbook-baseline.json:1:1: not valid JSON"))
    }

    @Test func theBaselineLivesBesideTheConfigurationFile() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ci"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("sopbook.yml"), to: dir.appendingPathComponent("ci/sopbook.yml"))
        let config = ["--config", "ci/sopbook.yml"]
        let written = try CLITests.run(["baseline"] + config + Self.today, in: dir)
        #expect(written.stdout == "Baseline: 5 known findings written to ci/sopbook-baseline.json.\n")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("ci/sopbook-baseline.json").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sopbook-baseline.json").path))
        #expect(try Self.check(dir, config).status == 0)
        // Without the configuration, the current folder is where the baseline would be: none there.
        let bare = try Self.check(dir)
        #expect(bare.status == 1)
        #expect(!bare.stdout.contains("(known)"))
    }
}
