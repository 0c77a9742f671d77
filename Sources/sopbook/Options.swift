import ArgumentParser
import Foundation
import SopbookKit

extension ReportFormat: ExpressibleByArgument {}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, never

    var threshold: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
    }
}

/// Where the knowledge base, its theme and its configuration are, and the date: the options `build`,
/// `check` and `serve` share, declared once so their names, defaults and help texts cannot drift apart.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "DIR"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("Templates overriding the built-in theme (default: Templates/ when present).", valueName: "DIR"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: sopbook.yml when present).", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The date reviews are due against (default: today).", valueName: "YYYY-MM-DD"))
    var today: String?

    /// The workspace these options name, checked: exit status 2 when a folder or the configuration is wrong.
    func resolve(output: String) throws -> Workspace {
        Terminal.configure()
        return try Workspace(content: content, output: output, templates: templates, config: config, today: today)
    }

    /// The content folder as a prefix for paths seen from the current folder (`Content/`), for the
    /// formats whose readers resolve paths from the repository root.
    var contentPrefix: String {
        let cwd = FileManager.default.currentDirectoryPath
        let full = URL(fileURLWithPath: content, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
        let relative = full.hasPrefix(cwd + "/") ? String(full.dropFirst(cwd.count + 1)) : full
        return relative.isEmpty || full == cwd ? "" : relative + "/"
    }
}

/// The folder the site is written to, for the commands that write one (`build`, `serve`). `check` writes
/// no site, and its `--output` names a report file instead.
struct OutputFolderOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The output folder the site and the gap report are written to.", valueName: "DIR"))
    var output: String = "Output"
}

/// The options `check` and `build` share beyond the workspace: how findings are reported and gate the run.
struct CommonOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .long, help: "How to print findings: text, json, github, junit, sarif or codeclimate.")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above: error, warning or never.")
    var failOn: FailOn = .error

    @Option(name: .customLong("report"), help: ArgumentHelp("Write the report to FILE; the summary line still goes to the terminal.", valueName: "FILE"))
    var reportFile: String?

    @Flag(name: .long, help: "Print nothing but findings and errors: no progress, no summary line.")
    var quiet = false

    @Flag(name: .customLong("no-baseline"), help: "Ignore sopbook-baseline.json: every finding is new and counts towards --fail-on.")
    var noBaseline = false

    /// The workspace, with the baseline read unless --no-baseline: exit status 2 when it cannot be read.
    func resolve(output: String) throws -> Workspace {
        var resolved = try workspace.resolve(output: output)
        if !noBaseline { try resolved.useBaseline() }
        return resolved
    }

    /// Prints the report (or writes it to `file`) and returns the exit status.
    func emit(_ report: Report, to file: String?, footer: String? = nil) throws -> ExitCode {
        if let file {
            let text = format.render(report, pathPrefix: workspace.contentPrefix)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            } catch {
                throw UsageError("cannot write the report to \(file): \(error.localizedDescription)")
            }
            if !quiet { print(Terminal.summary(report) + (footer.map { " " + $0 } ?? "")) }
        } else {
            var text = format == .text ? Terminal.text(report) : format.render(report, pathPrefix: workspace.contentPrefix)
            if quiet && format == .text {
                text = TextReport.findingLines(report).map { $0 + "\n" }.joined()
            }
            FileHandle.standardOutput.write(Data(text.utf8))
            if let footer, !quiet, format == .text { print(footer) }
        }
        return report.fails(at: failOn.threshold) ? ExitCode(1) : .success
    }
}
