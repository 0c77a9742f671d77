import ArgumentParser
import Foundation
import SopbookKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site and the gap report into the output folder, and print the findings."
    )

    @OptionGroup var options: CommonOptions

    @OptionGroup var destination: OutputFolderOption

    func run() throws {
        let workspace = try options.resolve(output: destination.output)
        let progress = BuildProgress()
        let line = Terminal.ProgressLine(progress, enabled: !options.quiet)
        line.start()
        let outcome: BuildOutcome
        do {
            outcome = try SiteBuilder.build(workspace, progress: progress)
            line.stop()
        } catch {
            line.stop()
            throw UsageError(error.description)
        }
        for warning in outcome.warnings { FileHandle.standardError.write(Data("sopbook: warning: \(warning)\n".utf8)) }
        let footer = String(format: "Built the site of %d processes into %@/ in %.2f s.", outcome.processPages, destination.output, outcome.seconds)
        throw try options.emit(outcome.report, to: options.reportFile, footer: Terminal.isTTY ? footer : nil)
    }
}
