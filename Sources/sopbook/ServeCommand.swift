import ArgumentParser
import Foundation
import SopbookKit
import SopbookServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on 127.0.0.1, rebuild when a file changes and reload open pages."
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "DIR"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "DIR"))
    var output: String = "Output"

    @Option(name: .long, help: ArgumentHelp("Templates overriding the built-in theme.", valueName: "DIR"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8000

    @Option(name: .long, help: ArgumentHelp("The date reviews are due against.", valueName: "YYYY-MM-DD"))
    var today: String?

    func run() async throws {
        Terminal.configure()
        guard (0...65535).contains(port) else { throw UsageError("--port must be between 0 and 65535") }
        let workspace = try Workspace(content: content, output: output, templates: templates, config: config, today: today)
        let server = PreviewServer(workspace: workspace, host: host, port: port,
                                   log: { line in
                                       FileHandle.standardOutput.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
                                   },
                                   describe: { Terminal.text($0) })
        do {
            try await server.run()
        } catch {
            throw UsageError("cannot serve on \(host):\(port): \(error)")
        }
    }
}
