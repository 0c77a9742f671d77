import Foundation

/// Git run in one folder, its output read whole; nil when it fails (or Git is not installed).
struct GitCommand: Sendable {
    var directory: URL

    func data(_ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    func output(_ arguments: [String]) -> String? { data(arguments).map { String(decoding: $0, as: UTF8.self) } }
}
