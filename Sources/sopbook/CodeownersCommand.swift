import ArgumentParser
import Foundation
import SopbookKit

struct CodeownersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codeowners",
        abstract: "Print, write or check the CODEOWNERS block that requests each SOP's review from its owners' handles.",
        discussion: """
            The handles come from `handle:` under `roles:` in sopbook.yml (an owner written as @user, @org/team \
            or an email is its own handle). The file is the one `codeowners:` names, else the first of \
            .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS, .gitlab/CODEOWNERS. Only the lines between \
            `# BEGIN sopbook codeowners` and `# END sopbook codeowners` are Sopbook's; a new block goes at the end.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Flag(name: .long, help: "Write the block into the CODEOWNERS file (creating it), keeping every other line.")
    var write = false

    @Flag(name: .long, help: "Exit 1, listing the differences, when the file's block is not what --write would write.")
    var check = false

    func run() throws {
        if write && check { throw UsageError("--write and --check cannot be used together") }
        let workspace = try workspaceOptions.resolve(output: "Output")
        let checked = Pipeline.check(.init(content: workspace.content, configuration: workspace.configuration,
                                           today: workspace.today, renderBodies: false))
        let file = try CodeOwnersFile(checked, workspace: workspace)
        if write {
            try file.write()
            print("wrote \(file.displayPath) (\(file.entries.count) SOPs, \(file.withoutHandle) without a handle)")
        } else if check {
            let differences = try file.differences()
            guard !differences.isEmpty else { return print("CODEOWNERS is up to date") }
            for difference in differences { print("\(file.displayPath):\(difference.line): \(difference)") }
            print("\(file.displayPath) is out of date: run `sopbook codeowners --write`")
            throw ExitCode(1)
        } else {
            print(file.block.joined(separator: "\n"))
        }
    }
}
