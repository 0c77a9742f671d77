import ArgumentParser

struct Sopbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sopbook",
        abstract: "Compile Standard Operating Procedures into a knowledge base site and a gap report.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self, AdoptCommand.self,
                      BaselineCommand.self, AckCommand.self, ImpactCommand.self, CodeownersCommand.self, ReviewsCommand.self]
    )
}
