import ArgumentParser
import Foundation
import SopbookKit

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write sopbook-baseline.json beside sopbook.yml: today's findings, which check and build then count as known and do not fail on.",
        discussion: """
            An existing baseline only shrinks: findings fixed since are removed, new ones are not added \
            (they keep failing check) unless --accept-new is given.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Flag(name: .customLong("accept-new"), help: "Add the findings the baseline does not hold yet, instead of only removing the fixed ones.")
    var acceptNew = false

    func run() throws {
        let workspace = try workspaceOptions.resolve(output: "Output")
        // Read before the check, so a broken file stops the run before any work, and is never overwritten.
        let existing = try workspace.readBaseline()
        let report = Pipeline.check(.init(content: workspace.content, configuration: workspace.configuration,
                                          today: workspace.today, renderBodies: false,
                                          history: .reading(workspace.content))).report
        let update = existing.map { $0.updated(with: report.findings, acceptNew: acceptNew) } ?? Baseline.fresh(report.findings)
        do {
            try Data(update.baseline.json.utf8).write(to: workspace.baselineFile, options: .atomic)
        } catch {
            throw UsageError("cannot write the baseline to \(workspace.baselineDisplayName): \(error.localizedDescription)")
        }
        print(update.summary(file: workspace.baselineDisplayName))
    }
}
