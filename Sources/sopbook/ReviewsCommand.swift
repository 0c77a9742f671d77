import ArgumentParser
import Foundation
import SopbookKit

extension ReviewDigest.Format: ExpressibleByArgument {}

struct ReviewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "List the SOPs whose review is overdue or coming due, grouped by owner.",
        discussion: """
            The next review is the one review-overdue checks (review.next, else review.last + review.every). \
            Drafts and retired SOPs are left out. Links go to the published site when site_url is set in \
            sopbook.yml, else to the file from the repository root.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(name: .long, help: ArgumentHelp("How far ahead to look: 30d, 2w, 3m, 1y, or 30 days, 6 weeks, 1 month.", valueName: "PERIOD"))
    var within = "30d"

    @Option(name: .long, help: "How to print the list: text, markdown (for an issue) or json.")
    var format: ReviewDigest.Format = .text

    @Flag(name: .customLong("fail-on-overdue"), help: "Exit 1 when a listed SOP is overdue (by default the list is a report: exit 0).")
    var failOnOverdue = false

    func run() throws {
        guard let window = ReviewDigest.Window(within) else {
            throw UsageError("--within must be a period such as 30d, 2w, 3m, 1y or \"30 days\", not \(within)")
        }
        let workspace = try workspaceOptions.resolve(output: "Output")
        let checked = Pipeline.check(.init(content: workspace.content, configuration: workspace.configuration,
                                           today: workspace.today, renderBodies: false))
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let prefix = try RepositoryRoot.contentPrefix(workspace, currentDirectory: cwd).prefix
        let digest = ReviewDigest(checked.knowledgeBase, today: workspace.today, window: window, prefix: prefix)
        FileHandle.standardOutput.write(Data(digest.render(format).utf8))
        if failOnOverdue && digest.overdueCount > 0 { throw ExitCode(1) }
    }
}
