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

/// One problem in the knowledge base, in the shape every report format consumes: a source range,
/// notes that point at other places, and fixes that a tool (or a writer) can apply as they are.
public struct Finding: Sendable, Hashable {
    /// Another place that explains the finding: the other file of a duplicate id, a link's target.
    public struct Note: Sendable, Hashable {
        /// Path relative to the content folder, `/`-separated.
        public var file: String
        public var location: SourceLocation
        public var message: String

        public init(file: String, location: SourceLocation, message: String) {
            self.file = file
            self.location = location
            self.message = message
        }
    }

    /// Text to put in place of the range `start..<end` of `file` (`end` is just past the last replaced
    /// character, as in SARIF and LSP; a range with `start == end` inserts).
    public struct Replacement: Sendable, Hashable {
        public var file: String
        public var start: SourceLocation
        public var end: SourceLocation
        public var text: String

        public init(file: String, start: SourceLocation, end: SourceLocation, text: String) {
            self.file = file
            self.start = start
            self.end = end
            self.text = text
        }
    }

    /// One way to make the finding go away, as concrete edits.
    public struct Fix: Sendable, Hashable {
        /// Worded for a menu: "Replace `ownr` with `owner`".
        public var description: String
        public var replacements: [Replacement]

        public init(description: String, replacements: [Replacement]) {
            self.description = description
            self.replacements = replacements
        }
    }

    public var rule: String
    public var severity: Severity
    /// Path relative to the content folder, `/`-separated.
    public var file: String
    /// Where the range starts.
    public var location: SourceLocation
    /// Just past the last character of the range, when the rule knows it (a link's span, a key).
    public var end: SourceLocation?
    /// Id of the process the finding is about, when the file could be read as one.
    public var process: String?
    public var message: String
    public var notes: [Note]
    public var fixes: [Fix]
    /// What the finding is about within its process (a link's destination, a key, a role), so that two
    /// findings of one rule on one process can be told apart without their line: see `fingerprint`.
    public var subject: String?

    public init(rule: String, severity: Severity, file: String, location: SourceLocation, end: SourceLocation? = nil,
                process: String?, message: String, notes: [Note] = [], fixes: [Fix] = [], subject: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.location = location
        self.end = end
        self.process = process
        self.message = message
        self.notes = notes
        self.fixes = fixes
        self.subject = subject
    }

    /// A stable identity for the finding that survives edits elsewhere in the file: built from the rule,
    /// the process id (the file when there is none) and the subject, never from the line or the message
    /// wording. A baseline matches findings across runs with it. 16 hex digits of 64-bit FNV-1a: a
    /// hash written out by hand because Swift's `Hasher` is seeded anew in every process.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // A 0 byte between the parts, so ("ab", "c") and ("a", "bc") differ.
        for (k, part) in [rule, process ?? file, subject ?? ""].enumerated() {
            if k > 0 { hash = (hash ^ 0) &* 0x0000_0100_0000_01b3 }
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The report order of the spec: file, line, column, rule (then message, so equal keys stay stable).
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
        if a.location != b.location { return a.location < b.location }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}

extension Finding {
    /// An entry of the handbook's navigation file (`navigation:`) that names no page: a broken link there.
    init(navigation problem: Configuration.NavigationProblem) {
        self.init(rule: "broken-link", severity: .error, file: problem.file, location: SourceLocation(line: problem.line, column: 1),
                  process: nil, message: problem.message, subject: problem.message)
    }
}
