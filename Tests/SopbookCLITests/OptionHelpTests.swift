import Foundation
import Testing

/// `build`, `check`, `serve` and `baseline` share their workspace options; their help must say the same
/// thing for each.
@Suite struct OptionHelpTests {
    /// Options every one of the four commands takes, those only `build` and `serve` take (`check`'s
    /// `--output` names a report file, not the site folder, so it is left out on purpose), and the report
    /// options of `check` and `build`.
    static let sharedByAll = ["--content", "--templates", "--config", "--today"]
    static let sharedByBuildAndServe = ["--output"]
    static let sharedByCheckAndBuild = ["--format", "--fail-on", "--report", "--quiet", "--no-baseline"]

    /// The help of one command as blocks of lines, one per option, keyed by the option's long name.
    /// A block is the option's line and the wrapped lines under it.
    static func optionBlocks(_ command: String) throws -> [String: String] {
        let run = try CLITests.run([command, "--help"], in: FileManager.default.temporaryDirectory)
        #expect(run.status == 0, "\(command) --help: \(run.stderr)")
        var blocks: [String: String] = [:]
        var current: String?
        for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("--") || trimmed.hasPrefix("-") && !trimmed.hasPrefix("--") && trimmed.count > 1 {
                let name = String(trimmed.split(separator: " ").first ?? "")
                    .split(separator: ",").first.map(String.init) ?? ""
                current = name
                blocks[name] = String(line)
            } else if let name = current, line.hasPrefix("    "), !trimmed.isEmpty {
                blocks[name, default: ""] += "\n" + line
            } else {
                current = nil
            }
        }
        return blocks
    }

    @Test func sharedOptionsHaveTheSameHelpInEveryCommand() throws {
        let build = try Self.optionBlocks("build")
        let check = try Self.optionBlocks("check")
        let serve = try Self.optionBlocks("serve")
        let baseline = try Self.optionBlocks("baseline")
        for option in Self.sharedByAll {
            let text = try #require(build[option], "build --help does not list \(option)")
            #expect(check[option] == text, "check --help differs for \(option)")
            #expect(serve[option] == text, "serve --help differs for \(option)")
            #expect(baseline[option] == text, "baseline --help differs for \(option)")
        }
        for option in Self.sharedByCheckAndBuild {
            let text = try #require(build[option], "build --help does not list \(option)")
            #expect(check[option] == text, "check --help differs for \(option)")
        }
        #expect(baseline["--accept-new"] != nil)
        for option in Self.sharedByBuildAndServe {
            let text = try #require(build[option], "build --help does not list \(option)")
            #expect(serve[option] == text, "serve --help differs for \(option)")
        }
    }

    @Test func defaultsAreShownAndKept() throws {
        let serve = try Self.optionBlocks("serve")
        #expect(serve["--content"]?.contains("(default: Content)") == true)
        #expect(serve["--output"]?.contains("(default: Output)") == true)
        #expect(serve["--port"]?.contains("(default: 8000)") == true)
        #expect(serve["--host"]?.contains("(default: 127.0.0.1)") == true)
    }
}
