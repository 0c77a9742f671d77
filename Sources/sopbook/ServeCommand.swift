import ArgumentParser
import Foundation
import SopbookKit
import SopbookServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on 127.0.0.1, rebuild when a file changes and reload open pages."
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @OptionGroup var destination: OutputFolderOption

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8000

    func run() async throws {
        guard (0...65535).contains(port) else { throw UsageError("--port must be between 0 and 65535") }
        var workspace = try workspaceOptions.resolve(output: destination.output)
        // The preview's gap report splits known and new findings as `build`'s does; every rebuild reads
        // the baseline again, so `sopbook baseline` run beside it shows at the next save.
        try workspace.useBaseline()
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
