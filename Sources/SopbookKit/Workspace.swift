import Foundation

/// A problem that stops the run before it starts (exit status 2): bad arguments, bad configuration,
/// missing content folder, an output folder we must not touch.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The folders and settings of one run, resolved from the command line against the current directory.
public struct Workspace: Sendable {
    public var content: URL
    public var output: URL
    public var templates: URL?
    public var configuration: Configuration
    public var today: CivilDate

    public init(content: String, output: String, templates: String?, config: String?, today: String?,
                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(UsageError) {
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL
                : currentDirectory.appendingPathComponent(path).standardizedFileURL
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        self.content = resolve(content)
        guard fm.fileExists(atPath: self.content.path, isDirectory: &isDir), isDir.boolValue else {
            throw UsageError("content folder not found: \(content) (use --content DIR)")
        }
        self.output = resolve(output)

        if let templates {
            let url = resolve(templates)
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
                throw UsageError("templates folder not found: \(templates)")
            }
            self.templates = url
        } else {
            let url = resolve("Templates")
            self.templates = fm.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue ? url : nil
        }

        let configURL: URL?
        if let config {
            configURL = resolve(config)
            guard fm.fileExists(atPath: resolve(config).path) else { throw UsageError("configuration file not found: \(config)") }
        } else {
            let url = resolve("sopbook.yml")
            configURL = fm.fileExists(atPath: url.path) ? url : nil
        }
        if let configURL {
            do {
                self.configuration = try Configuration.load(from: configURL, displayName: config ?? "sopbook.yml")
            } catch {
                throw UsageError("invalid configuration: \(error.description)")
            }
        } else {
            self.configuration = Configuration()
        }

        if let today {
            guard let date = CivilDate(today) else { throw UsageError("--today must be a date written YYYY-MM-DD, not \(today)") }
            self.today = date
        } else {
            self.today = CivilDate.today()
        }
    }
}
