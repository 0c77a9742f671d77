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
    /// Where the baseline is, read or written: `sopbook-baseline.json` beside the configuration file,
    /// or in the current folder when there is none.
    public var baselineFile: URL
    /// How messages name `baselineFile`: relative to the current folder when it is inside it.
    public var baselineDisplayName: String
    /// The baseline findings are compared with; nil until `useBaseline()` finds one.
    public var baseline: Baseline?
    /// Whether `reloaded()` reads the baseline again (the commands that use one: not with --no-baseline).
    private var usesBaseline = false

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
        try Workspace.readNavigation(into: &configuration, configFile: configURL, content: self.content)
        let baselineFolder = configURL?.deletingLastPathComponent() ?? currentDirectory.standardizedFileURL
        self.baselineFile = baselineFolder.appendingPathComponent(Baseline.fileName)
        let cwd = currentDirectory.standardizedFileURL.path
        self.baselineDisplayName = baselineFile.path.hasPrefix(cwd + "/") ? String(baselineFile.path.dropFirst(cwd.count + 1)) : baselineFile.path

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

    /// The order of the navigation file `navigation:` names (relative to sopbook.yml's folder), its place
    /// under the content folder, and its entries that name no page (`known`: the pages, when they are not
    /// the folder's on disk). A missing file stops the run.
    static func readNavigation(into configuration: inout Configuration, configFile: URL?, content: URL,
                               pages known: Set<String>? = nil) throws(UsageError) {
        guard let written = configuration.navigation else { return }
        let folder = configFile?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let url = (written.hasPrefix("/") ? URL(fileURLWithPath: written) : folder.appendingPathComponent(written)).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw UsageError("invalid configuration: \(configFile?.lastPathComponent ?? "sopbook.yml"): the navigation file \(written) cannot be read")
        }
        // The pages that exist, so that an entry naming none is reported: one listing of the folder, only
        // for a handbook that has a navigation file.
        let pages = known ?? Set((FileManager.default.enumerator(atPath: content.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.lowercased().hasSuffix(".md") })
        let order = Navigation.order(text, file: url.path, content: content.path, pages: pages)
        let root = content.standardizedFileURL.path
        let inside = url.path.hasPrefix(root + "/") ? String(url.path.dropFirst(root.count + 1)) : nil
        configuration.navigationOrder = order.pages
        configuration.navigationSource = inside
        configuration.navigationProblems = order.problems.map {
            Configuration.NavigationProblem(file: inside ?? written, line: $0.line, message: $0.message)
        }
    }

    /// The same workspace with the configuration read again (and today moved on, unless --today fixed it).
    public func reloaded() throws(UsageError) -> Workspace {
        var copy = self
        copy.configuration = try Workspace.readConfiguration(configFile)
        try Workspace.readNavigation(into: &copy.configuration, configFile: configFile, content: content)
        if !explicitToday { copy.today = CivilDate.today() }
        if usesBaseline { try copy.useBaseline() }
        return copy
    }

    /// Compares findings with the baseline from now on, when there is one. A baseline that cannot be read
    /// stops the run (exit status 2) rather than be skipped or half read: either could turn a red run
    /// green, or hide which findings are new.
    public mutating func useBaseline() throws(UsageError) {
        usesBaseline = true
        baseline = try readBaseline()
    }

    /// The baseline file's contents, or nil when there is none.
    public func readBaseline() throws(UsageError) -> Baseline? {
        guard FileManager.default.fileExists(atPath: baselineFile.path) else { return nil }
        do {
            return try Baseline.load(from: baselineFile, displayName: baselineDisplayName)
        } catch {
            throw UsageError("invalid baseline: \(error.description) (fix it, or delete it and run `sopbook baseline` again)")
        }
    }
}
