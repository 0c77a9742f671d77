/// How serious a finding is. `off` only appears in configuration: a rule set to `off` yields nothing.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case error, warning, info, off

    private var rank: Int {
        switch self {
        case .error: 3
        case .warning: 2
        case .info: 1
        case .off: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A 1-based position in a source file. Column 0 means "unknown".
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int = 1) {
        self.line = max(1, line)
        self.column = max(0, column)
    }

    public static let start = SourceLocation(line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem in the knowledge base, in the shape every report format consumes.
public struct Finding: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    /// Path relative to the content folder, `/`-separated.
    public var file: String
    public var location: SourceLocation
    /// Id of the process the finding is about, when the file could be read as one.
    public var process: String?
    public var message: String

    public init(rule: String, severity: Severity, file: String, location: SourceLocation,
                process: String?, message: String) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.location = location
        self.process = process
        self.message = message
    }

    /// The report order of the spec: file, line, column, rule (then message, so equal keys stay stable).
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
        if a.location != b.location { return a.location < b.location }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}
