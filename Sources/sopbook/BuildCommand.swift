import ArgumentParser
import Foundation
import SopbookKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site and the gap report into the output folder, and print the findings."
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "DIR"))
    var output: String = "Output"

    func run() throws {
        let workspace = try options.workspace(output: output)
        let theme: Theme
        do { theme = try Theme.load(overrides: workspace.templates) } catch { throw UsageError(error.description) }
        let writer: OutputWriter
        do { writer = try OutputWriter(output: workspace.output, content: workspace.content) } catch { throw UsageError(error.description) }
        let site = Site.load(.init(contentRoot: workspace.content, configuration: workspace.configuration, renderBodies: true))
        let report = site.check(today: workspace.today)
        do {
            try site.build(report: report, theme: theme, today: workspace.today, contentRoot: workspace.content, writer: writer)
        } catch {
            throw UsageError("the build failed and the previous output was left as it was: \(error.localizedDescription)")
        }
        throw try options.emit(report)
    }
}
