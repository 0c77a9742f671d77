import ArgumentParser
import Foundation
import SopbookKit

enum ImpactFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json

    func render(_ report: ImpactReport) -> String {
        switch self {
        case .text: ImpactText.render(report)
        case .markdown: ImpactMarkdown.render(report)
        case .json: ImpactJSON.render(report)
        }
    }
}

struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "What a change does to the knowledge base: the processes it changes, who to consult, inform and retrain, and the findings it adds and fixes.",
        discussion: """
            Runs the checks on --base (read through Git, without touching the working tree or the index) and \
            on --head (default: the working tree), and compares them. Exit status 1 when a finding new in \
            head is at or above --fail-on; the findings the base already had never fail it.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(name: .long, help: ArgumentHelp("The revision to compare with: the pull request's base (a commit, branch or tag).", valueName: "REV"))
    var base: String

    @Option(name: .long, help: ArgumentHelp("The revision compared (default: the working tree).", valueName: "REV"))
    var head: String?

    @Option(name: .long, help: "How to print the report: text, markdown (a pull-request comment) or json.")
    var format: ImpactFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a new finding is at or above: error, warning or never.")
    var failOn: FailOn = .error

    @Option(name: .customLong("report"), help: ArgumentHelp("Write the report to FILE instead of the terminal.", valueName: "FILE"))
    var reportFile: String?

    func run() throws {
        let workspace = try workspaceOptions.resolve(output: "Output")
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let report = try ImpactRun.run(workspace, .init(base: base, head: head), currentDirectory: cwd)
        let text = format.render(report)
        if let reportFile {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: reportFile, relativeTo: cwd)) } catch {
                throw UsageError("cannot write the report to \(reportFile): \(error.localizedDescription)")
            }
            print("\(report.headline); \(report.findingsLine)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if report.fails(at: failOn.threshold) { throw ExitCode(1) }
    }
}
