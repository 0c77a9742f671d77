import ArgumentParser
import Foundation
import SopbookKit

/// Exit statuses of the spec: 0 clean, 1 findings at or above --fail-on, 2 the run could not happen.
/// ArgumentParser's own usage errors exit 64; they are mapped to 2 here, with one line on stderr.
@main
enum Entry {
    static func main() async {
        do {
            var command = try Sopbook.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let usage as UsageError {
            FileHandle.standardError.write(Data("sopbook: error: \(usage.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = Sopbook.exitCode(for: error)
            if code == .success {
                Sopbook.exit(withError: error)
            }
            if code.rawValue == 1 {
                Foundation.exit(1)
            }
            let message = Sopbook.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            FileHandle.standardError.write(Data("sopbook: error: \(message) (see sopbook --help)\n".utf8))
            Foundation.exit(2)
        }
    }
}
