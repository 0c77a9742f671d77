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
    /// The configuration file read, if any: `serve` watches it and reads it again when it changes.
    public var configFile: URL?
    public var today: CivilDate
    private var explicitToday = false

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
        self.configFile = configURL
        self.configuration = try Workspace.readConfiguration(configURL)

        self.explicitToday = today != nil
        if let today {
            guard let date = CivilDate(today) else { throw UsageError("--today must be a date written YYYY-MM-DD, not \(today)") }
            self.today = date
        } else {
            self.today = CivilDate.today()
        }
    }

    static func readConfiguration(_ url: URL?) throws(UsageError) -> Configuration {
        guard let url else { return Configuration() }
        do {
            return try Configuration.load(from: url, displayName: url.lastPathComponent)
        } catch {
            throw UsageError("invalid configuration: \(error.description)")
        }
    }

    /// The same workspace with the configuration read again (and today moved on, unless --today fixed it).
    public func reloaded() throws(UsageError) -> Workspace {
        var copy = self
        copy.configuration = try Workspace.readConfiguration(configFile)
        if !explicitToday { copy.today = CivilDate.today() }
        return copy
    }
}
