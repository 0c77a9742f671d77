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

/// The options `check` and `build` share.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "DIR"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("Templates overriding the built-in theme (default: Templates/ when present).", valueName: "DIR"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: sopbook.yml when present).", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: "How to print findings: text, json, github, junit or sarif.")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above: error, warning or never.")
    var failOn: FailOn = .error

    @Option(name: .long, help: ArgumentHelp("The date reviews are due against.", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Write the report to FILE; the summary line still goes to the terminal.", valueName: "FILE"))
    var reportFile: String?

    @Flag(name: .long, help: "Print nothing but findings and errors: no progress, no summary line.")
    var quiet = false

    func workspace(output: String) throws -> Workspace {
        Terminal.configure()
        return try Workspace(content: content, output: output, templates: templates, config: config, today: today)
    }

    /// Prints the report (or writes it to `file`) and returns the exit status.
    /// The content folder as a prefix for paths seen from the current folder (`Content/`), for the
    /// formats whose readers resolve paths from the repository root.
    var contentPrefix: String {
        let cwd = FileManager.default.currentDirectoryPath
        let full = URL(fileURLWithPath: content, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
        let relative = full.hasPrefix(cwd + "/") ? String(full.dropFirst(cwd.count + 1)) : full
        return relative.isEmpty || full == cwd ? "" : relative + "/"
    }

    func emit(_ report: Report, to file: String?, footer: String? = nil) throws -> ExitCode {
        if let file {
            let text = format.render(report, pathPrefix: contentPrefix)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            } catch {
                throw UsageError("cannot write the report to \(file): \(error.localizedDescription)")
            }
            if !quiet { print(Terminal.summary(report) + (footer.map { " " + $0 } ?? "")) }
        } else {
            var text = format == .text ? Terminal.text(report) : format.render(report, pathPrefix: contentPrefix)
            if quiet && format == .text {
                text = report.findings.map(TextReport.line).joined(separator: "\n") + (report.findings.isEmpty ? "" : "\n")
            }
            FileHandle.standardOutput.write(Data(text.utf8))
            if let footer, !quiet, format == .text { print(footer) }
        }
        return report.fails(at: failOn.threshold) ? ExitCode(1) : .success
    }
}
