import ArgumentParser
import SopbookKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the knowledge base and print the findings. Writes nothing."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let workspace = try options.workspace(output: "Output")
        let site = Site.load(.init(contentRoot: workspace.content, configuration: workspace.configuration, renderBodies: false))
        let report = site.check(today: workspace.today)
        throw try options.emit(report)
    }
}
