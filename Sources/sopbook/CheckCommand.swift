import ArgumentParser
import SopbookKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the knowledge base and print the findings. Writes nothing but the report."
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Write the report to FILE (same as --report); the summary still goes to the terminal.", valueName: "FILE"))
    var output: String?

    func run() throws {
        let workspace = try options.resolve(output: "Output")
        let checked = Pipeline.check(.init(content: workspace.content, configuration: workspace.configuration,
                                           today: workspace.today, renderBodies: false, baseline: workspace.baseline,
                                           history: .reading(workspace.content)))
        let exit = try options.emit(checked.report, to: output ?? options.reportFile)
        Release.inBackground(checked) // the process exits meanwhile: nothing waits for the knowledge base to be freed
        throw exit
    }
}
