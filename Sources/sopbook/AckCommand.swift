import ArgumentParser
import Foundation
import SopbookKit

struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Record that a person read the current revision of an SOP, in acknowledgements/<person>.yml beside sopbook.yml.",
        discussion: """
            The record holds the SOP's content hash, the commit it was at and the date; commit it like any \
            other change. Acknowledging again replaces the earlier entry.
            """
    )

    @Argument(help: "The id of the SOP read.")
    var sop: String

    @Option(name: .customLong("as"), help: ArgumentHelp("The person, as named under `people:` in sopbook.yml.", valueName: "NAME"))
    var person: String

    @OptionGroup var workspaceOptions: WorkspaceOptions

    func run() throws {
        let workspace = try workspaceOptions.resolve(output: "Output")
        let outcome = try AcknowledgementWriter.acknowledge(sop: sop, as: person, workspace: workspace)
        let commit = outcome.entry.commit.map { " at \($0.prefix(7))" } ?? ""
        print("\(outcome.replaced ? "updated" : "recorded") \(outcome.file): \(person) read \(outcome.entry.sop)\(commit)")
    }
}
