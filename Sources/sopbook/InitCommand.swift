import ArgumentParser
import Foundation
import SopbookKit

extension Scaffold.CI: ExpressibleByArgument {}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a knowledge base: sopbook.yml, Content/ with an example SOP, .gitignore and CI workflows."
    )

    @Argument(help: "The folder to create it in (default: the current folder).")
    var directory: String = "."

    @Flag(name: .long, help: "Add to a folder that is not empty (existing files are kept).")
    var force = false

    @Option(name: .long, help: ArgumentHelp("The CI to set up: github (a check workflow and a Pages workflow), gitlab (.gitlab-ci.yml) or none.",
                                            valueName: "github|gitlab|none"))
    var ci: Scaffold.CI = .github

    func run() throws {
        let url = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        do {
            let written = try Scaffold.initKnowledgeBase(at: url, force: force, today: CivilDate.today(), ci: ci)
            for path in written { print("created \(directory == "." ? path : directory + "/" + path)") }
            print("Next: `sopbook new \"Your first process\" --area operations --owner \"Operations Lead\"`, then `sopbook serve`.")
        } catch {
            throw UsageError(error.description)
        }
    }
}
