import Foundation

/// The lifecycle state of a process.
public enum ProcedureStatus: String, Sendable, CaseIterable {
    case draft, active, retired
}

/// Who is Responsible, Accountable, Consulted and Informed for a process.
public struct Raci: Sendable, Hashable {
    public var responsible: [String] = []
    public var accountable: [String] = []
    public var consulted: [String] = []
    public var informed: [String] = []

    public init(responsible: [String] = [], accountable: [String] = [], consulted: [String] = [], informed: [String] = []) {
        self.responsible = responsible
        self.accountable = accountable
        self.consulted = consulted
        self.informed = informed
    }

    /// Every role named, in R, A, C, I order, without repeats.
    public var allRoles: [String] {
        var seen = Set<String>()
        return (responsible + accountable + consulted + informed).filter { seen.insert($0).inserted }
    }
}

/// A quality standard: what "done well" means for the process.
public struct QualityStandard: Sendable, Hashable {
    public var standard: String
    public var metric: String?
    public var target: String?
}

/// A calendar date without time zone, so that "overdue" does not depend on where the build runs.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        // `YYYY-MM-DD` in digits, as almost every date is written, read from the bytes; anything else
        // (a sign before a number) by the parts. Splitting every date was 0.4% of `sopbook check`.
        var text = text
        if let (y, m, d) = text.withUTF8(CivilDate.digits) {
            self.init(year: y, month: m, day: d)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month and day of `YYYY-MM-DD` written in ASCII digits; nil for any other text.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return (y, m, d)
    }

    public static func today() -> CivilDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? CivilDate(year: 1970, month: 1, day: 1)!
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm), for day arithmetic.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(_ period: ReviewPeriod) -> CivilDate {
        switch period.unit {
        case .day: return CivilDate(dayNumber: dayNumber + period.count)
        case .week: return CivilDate(dayNumber: dayNumber + 7 * period.count)
        case .month, .year:
            let months = period.unit == .year ? 12 * period.count : period.count
            let total = year * 12 + (month - 1) + months
            let y = min(9999, total / 12), m = total % 12 + 1
            let d = min(day, CivilDate.daysIn(month: m, year: y))
            return CivilDate(year: y, month: m, day: d) ?? self
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// `YYYY-MM-DD`, written digit by digit: the register and the print packs show three dates of every
    /// SOP, and a title edit in `serve` makes the register's 10,000 rows again.
    public var description: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            (out[0], out[1], out[2], out[3]) = (zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10))
            (out[4], out[5], out[6]) = (dash, zero + UInt8(month / 10), zero + UInt8(month % 10))
            (out[7], out[8], out[9]) = (dash, zero + UInt8(day / 10), zero + UInt8(day % 10))
            return 10
        }
    }
}

/// A review interval such as "6 months".
public struct ReviewPeriod: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable { case day, week, month, year }
    public var count: Int
    public var unit: Unit

    /// Parses "30 days", "6 weeks", "6 months", "1 year" (singular or plural, any case).
    public init?(_ text: String) {
        let parts = text.lowercased().split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let n = Int(parts[0]), n > 0, n <= 100_000 else { return nil }
        var word = String(parts[1])
        if word.hasSuffix("s") { word.removeLast() }
        guard let unit = Unit(rawValue: word) else { return nil }
        self.count = n
        self.unit = unit
    }

    public var description: String { "\(count) \(unit.rawValue)\(count == 1 ? "" : "s")" }
}

public struct Review: Sendable, Hashable {
    public var last: CivilDate?
    public var every: ReviewPeriod?
    public var next: CivilDate?

    /// The date the next review is due: `next` when given, else `last + every`.
    public var due: CivilDate? {
        if let next { return next }
        if let last, let every { return last.adding(every) }
        return nil
    }
}

/// Who approved a controlled document before issue, and when (`approval: {by, on}`).
public struct Approval: Sendable, Hashable {
    /// A role or a person.
    public var by: String
    public var on: CivilDate
}

/// A heading of an SOP with its GitHub-compatible anchor.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
    public var line: Int
}

/// One step of a process: an item of the Steps list, or a sub-heading of the Steps section.
public struct Step: Sendable, Hashable {
    /// 1-based; the anchor is `step-<number>`.
    public var number: Int
    /// The step's text with markup removed.
    public var text: String
    public var location: SourceLocation
    public var isUndocumented: Bool
    public var anchor: String { "step-\(number)" }
}

/// A link found in an SOP, before resolution.
public struct Link: Sendable, Hashable {
    public enum Kind: String, Sendable { case inline, image, wiki }
    public var kind: Kind
    /// The destination as written (`../finance/invoice.md#step-2`, `https://…`, or a wiki id).
    public var destination: String
    public var text: String
    public var location: SourceLocation
    /// Just past the link's last character, when the parser knows it.
    public var end: SourceLocation? = nil
    /// Where `destination` is written, when the source spells it exactly so (no escapes, not a reference
    /// link): what lets a fix replace the destination and nothing else.
    public var destinationStart: SourceLocation? = nil
}

/// A position of a front matter key, so findings about a field point at its line.
public typealias FieldLocations = SmallMap<String, SourceLocation>

/// A front matter key the spec does not know, and where it is.
public struct UnknownField: Sendable, Hashable {
    public var key: String
    public var location: SourceLocation
}

/// A problem of type in the front matter, already worded for the writer, and where it is.
public struct FrontMatterProblem: Sendable, Hashable {
    public var location: SourceLocation
    public var message: String
}

/// A process: one SOP file, with everything the front matter and the Markdown say about it (its
/// `Record`, read as if its fields were the procedure's own). Equatable so that `serve` can tell a save
/// that changed only a body's prose from one that changed what other pages show
/// (`Incremental/BodyEdit.swift`): every stored property of the record takes part, so a new one does too.
///
/// The record is held in one object, copied on write: every rule, page and report reads procedures out
/// of arrays, and a copy of thirty fields retained each of them (5% of `sopbook check`); now a copy is
/// one reference.
@dynamicMemberLookup
public struct Procedure: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        /// Path relative to the content folder, `/`-separated, with `.md`.
        public var file: String
        public var id: String
        public var title: String
        /// Every owner named, in order; most SOPs have one.
        public var owners: [String] = []
        public var raci: Raci?
        public var quality: [QualityStandard] = []
        public var review: Review?
        public var status: ProcedureStatus = .active
        /// `ContentHash.of` the file's bytes: what an acknowledgement records as the revision read. Empty
        /// when the run reads none (`Pipeline.Input.hashesContent`: no training records, and not `impact`).
        public var contentHash = ""
        public var tags: [String] = []
        public var summary: String?
        /// Document control: who approved this revision and when, the date it takes effect, and for a retired
        /// SOP the id of the one that replaces it.
        public var approval: Approval?
        public var effective: CivilDate?
        public var supersededBy: String?
        /// Where the value of `superseded_by` is written.
        public var supersededByLocation: SourceLocation?

        /// URLs the handbook's generator also serves this page at (`fields.url`, `fields.aliases`), as written.
        public var urls: [String] = []
        /// The URLs the page's own front matter sets (`fields.url`): it is served there, not at its file's URL.
        public var ownURLs: [String] = []

        /// Keys present in the front matter, with where they are.
        public var fields: FieldLocations = [:]
        /// Keys the spec does not know, with where they are.
        public var unknownFields: [UnknownField] = []
        /// Problems of type in the front matter (`invalid-front-matter`), already worded for the writer.
        public var frontMatterProblems: [FrontMatterProblem] = []
        /// Where each role named in `owner` or `raci` is written (its first mention).
        public var roleLocations: SmallMap<String, SourceLocation> = [:]
        /// Keys whose value had the wrong type: reported once, and not reported again as missing.
        public var invalidFields: Set<String> = []
        /// The end (just past it) of front matter keys and role values whose extent was checked against the
        /// text, by their start: what lets a fix replace exactly a mistyped key or role.
        public var tokenEnds: SmallMap<SourceLocation, SourceLocation> = [:]
        /// Replacements the front matter parser proposes for its problems (a mistyped `raci` key), by the
        /// problem's location.
        public var frontMatterFixes: SmallMap<SourceLocation, Finding.Fix> = [:]
        /// Line in the file where the front matter starts (1), or where the body starts when there is none.
        public var frontMatterLine: Int = 1

        public var headings: [Heading] = []
        /// Whether a Steps section exists at all.
        public var hasStepsSection = false
        public var stepsSectionLine: Int?
        public var steps: [Step] = []
        public var links: [Link] = []
        /// Anchors written in raw HTML (`<a name="x">`), when the handbook's conventions count them.
        public var htmlAnchors: [String] = []
    }

    /// Holds the record; shared between copies until one of them changes it.
    private final class Storage: @unchecked Sendable {
        var record: Record
        init(_ record: Record) { self.record = record }
    }

    private var storage: Storage

    public init(file: String, id: String, title: String) {
        storage = Storage(Record(file: file, id: id, title: title))
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Record, Value>) -> Value {
        get { storage.record[keyPath: field] }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.record) }
            yield &storage.record[keyPath: field]
        }
    }

    public static func == (a: Procedure, b: Procedure) -> Bool {
        a.storage === b.storage || a.storage.record == b.storage.record
    }

    /// The accountable owner: the first of `owners`.
    public var owner: String? { self.owners.first }

    public func location(ofField key: String) -> SourceLocation {
        self.fields[key] ?? SourceLocation(line: self.frontMatterLine, column: 1)
    }

    /// Every role the process names, owner first.
    public var roles: [String] {
        var seen = Set<String>()
        return (self.owners + (self.raci?.allRoles ?? [])).filter { seen.insert($0).inserted }
    }
}

extension Procedure {
    /// The procedure as the plan reads it, without what only the stages before it read: where each front
    /// matter key, role and token is, the front matter's problems and fixes, and the links and headings as
    /// written (resolved by then, into `KnowledgeBase.links` and the anchors). A cold build plans from these
    /// (`Pipeline.checkForPlan`); `serve` keeps whole procedures, to compare them with the next save's.
    func forPlan() -> Procedure {
        var p = self
        p.fields = [:]
        p.unknownFields = []
        p.frontMatterProblems = []
        p.roleLocations = [:]
        p.invalidFields = []
        p.tokenEnds = [:]
        p.frontMatterFixes = [:]
        p.headings = []
        p.links = []
        p.htmlAnchors = []
        return p
    }
}
