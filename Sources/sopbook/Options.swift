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

    func workspace(output: String) throws -> Workspace {
        do {
            return try Workspace(content: content, output: output, templates: templates, config: config, today: today)
        } catch {
            throw UsageError(error.description)
        }
    }

    /// Prints the report (or writes it to --report) and returns the exit status.
    func emit(_ report: Report) throws -> ExitCode {
        let text = format.render(report)
        if let reportFile {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: reportFile))
            } catch {
                throw UsageError("cannot write the report to \(reportFile): \(error.localizedDescription)")
            }
            print(TextReport.summaryLine(report.summary))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return report.fails(at: failOn.threshold) ? ExitCode(1) : .success
    }
}
