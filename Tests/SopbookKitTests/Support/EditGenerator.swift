import Foundation

// The knowledge base and the edits of the incremental property tests, shared by the library test
// (SopbookKitTests/IncrementalPropertyTests.swift) and the test through the real `sopbook serve` process
// (SopbookCLITests/ServeEquivalenceTests.swift). Foundation only, so that both test targets compile it:
// `Tests/SopbookCLITests/Support/EditGenerator.swift` is a symbolic link to this file.

/// Deterministic pseudo-random numbers (SplitMix64): a failing sequence is replayed from its seed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of a property run: `SOPBOOK_PROPERTY_SEED` when set (a number, or `random`), else `fallback`.
    static func seedFromEnvironment(default fallback: UInt64) -> UInt64 {
        guard let text = ProcessInfo.processInfo.environment["SOPBOOK_PROPERTY_SEED"] else { return fallback }
        if text == "random" { return UInt64.random(in: 1...UInt64(UInt32.max)) }
        return UInt64(text) ?? fallback
    }
}

/// Every kind of change a writer makes while `serve` runs (issue 10, "Done when").
enum EditKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case bodyParagraph = "body-paragraph"
    case title
    case owner
    case raci
    case addSOP = "add-sop"
    case deleteSOP = "delete-sop"
    case renameSOP = "rename-sop"
    case attachmentAdded = "attachment-added"
    case attachmentChanged = "attachment-changed"
    case anchorBroken = "heading-renamed-anchor-breaks"
    case anchorHealed = "heading-renamed-back-anchor-heals"
    case ruleSeverity = "config-rule-severity"
    case language = "config-language"
    case roles = "config-roles"
    case themeOverrideAdded = "theme-override-added"
    case themeOverrideChanged = "theme-override-changed"
    case themeOverrideRemoved = "theme-override-removed"
    case todayPastReview = "today-past-review"
    /// `status: retired` with a `superseded_by` (half the time one that names no SOP): the retired page's
    /// banner, the pages that link to it (`link-to-retired`), role paths, search and the register move.
    case retireSOP = "retire-sop"
    /// `approval: {by, on}` added to an SOP: its revision block, the approved figures and the home page move.
    case approveSOP = "approve-sop"
    /// A person declared under `people:` and a record of theirs under `acknowledgements/` (of an earlier
    /// revision, or naming no SOP): the training matrix, its pages, role completion and the register move.
    case acknowledge

    var description: String { rawValue }

    /// Edits that must have been made (before the cache is warm) for this one to apply to the base corpus.
    var prerequisites: [EditKind] {
        switch self {
        case .anchorHealed: [.anchorBroken]
        case .themeOverrideChanged, .themeOverrideRemoved: [.themeOverrideAdded]
        default: []
        }
    }
}

/// A knowledge base in a temporary folder that is not a Git repository: `Content/`, `sopbook.yml`, a
/// templates folder `Theme/` (empty at first: no override) and the date the run is made on.
struct EditSandbox {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let baseToday = "2026-06-15"
    static let areas = ["finance": 4, "hr": 3, "operations": 3, "operations/warehouse": 2, "sales": 3, "support": 3]
    static let declaredRoles = ["Founder", "Operations Lead", "Finance Lead", "Accountant", "Sales Lead", "Account Manager",
                                "Support Lead", "Support Agent", "HR Lead", "Warehouse Lead"]
    /// Built-in theme files an override may replace, and where its visible mark goes.
    static let overridable = ["layout.mustache", "sidebar-folder.mustache", "assets/style.css"]
    /// The attachment a base SOP links to before it exists (a broken link that `attachment-added` heals).
    static let awaitedAttachment = "hr/files/handbook.pdf"

    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL { root.appendingPathComponent("Theme") }
    var config: URL { root.appendingPathComponent("sopbook.yml") }
    private(set) var today = EditSandbox.baseToday
    /// What has been done to the base corpus, one line an edit, for failure messages.
    private(set) var log: [String] = []

    private var language = "en"
    private var roles = EditSandbox.declaredRoles
    private var severities: [(rule: String, severity: String)] = [("missing-quality", "info")]
    private var people: [(name: String, role: String)] = []
    private var serial = 0

    /// With `scale` above 1, each folder holds `scale` times its processes: at 60, more than
    /// `Layout.splitAbove`, so that the site-wide lists are split by area.
    init(label: String, scale: Int = 1) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-\(label)-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: templates, withIntermediateDirectories: true)
        let files = Self.baseFiles(scale: scale)
        for (path, text) in files { try write(text, to: path) }
        try write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\"/></svg>\n",
                  to: "operations/assets/layout.svg")
        try write("%PDF-1.4 claim form, first edition\n", to: "finance/forms/claim.pdf")
        try writeConfiguration()
    }

    func output(_ name: String) -> URL { root.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: root) }

    // MARK: The base corpus

    /// The SOP files of the base corpus by content-relative path: 18 processes in six folders, linked to one
    /// another by relative path with heading and step anchors and by wiki link, with attachments, review
    /// dates either side of today, and a few gaps (no RACI, no quality, a placeholder step, a draft).
    static func baseFiles(scale: Int = 1) -> [String: String] {
        var paths: [String] = []
        for (area, count) in areas.sorted(by: { $0.key < $1.key }) {
            for k in 1...(count * scale) { paths.append("\(area)/procedure-\(k).md") }
        }
        var files: [String: String] = [:]
        for (i, path) in paths.enumerated() {
            let next = paths[(i + 1) % paths.count], third = paths[(i + 3) % paths.count], fifth = paths[(i + 5) % paths.count]
            var extra: [String] = []
            if path == "operations/procedure-1.md" { extra.append("![Packing layout](assets/layout.svg)") }
            if path == "finance/procedure-2.md" { extra.append("Fill in the [claim form](forms/claim.pdf).") }
            if path == "hr/procedure-1.md" { extra.append("Read the [staff handbook](files/handbook.pdf) first.") }
            if i == 4 { extra.append("Our supplier portal: https://example.com/portal") }
            files[path] = sop(path: path, number: i, links: (next, third, fifth), extra: extra)
        }
        return files
    }

    static func sop(path: String, number i: Int, links: (next: String, third: String, fifth: String), extra: [String]) -> String {
        let area = path.split(separator: "/").dropLast().joined(separator: " ").capitalized
        let title = "\(area) procedure \(i + 1)"
        let n = declaredRoles.count
        let owner = declaredRoles[(i * 3) % n]
        var front = ["---", "title: \(title)", "owner: \(owner)", "summary: How the \(area.lowercased()) team handles case \(i + 1).",
                     "tags: [\(path.split(separator: "/")[0]), case-\(i % 3)]"]
        if i % 9 == 8 { front.append("status: draft") }
        if i % 5 != 4 {
            let accountable = i % 7 == 6 ? "[\(owner), \(declaredRoles[(i + 4) % n])]" : owner
            front += ["raci:", "  responsible: \(declaredRoles[(i + 1) % n])", "  accountable: \(accountable)",
                      "  consulted: [\(declaredRoles[(i + 2) % n])]", "  informed: [\(declaredRoles[(i + 3) % n])]"]
        }
        if i % 4 != 3 { front += ["quality:", "  - Done within 2 business days", "  - standard: Accuracy", "    metric: errors per 100 cases",
                                  "    target: \"< 2\""] }
        // Next reviews every 17 days from two months before today: some overdue, more coming due.
        let offset = i * 17 - 60
        if i % 2 == 0 {
            front += ["review:", "  last: \(addDays(baseToday, offset - 182))", "  every: 26 weeks"]
        } else {
            front += ["review:", "  last: \(addDays(baseToday, offset - 90))", "  next: \(addDays(baseToday, offset))"]
        }
        if i == 10 { front.append("reviewer: \(owner)") }
        front.append("---")
        let id = String(links.fifth.dropLast(3))
        var steps = ["1. **Prepare** the case; the people to ask are in [\(links.next)](\(relative(from: path, to: links.next))#contacts).",
                     "2. **Check** the earlier work with [[\(id)]] before you start.",
                     "3. **Record** the result as in [step 2 there](\(relative(from: path, to: links.third))#step-2)."]
        if i % 6 == 5 { steps.append("4. TODO") }
        let body = ["", "# \(title)", "", "## Purpose", "Why case \(i + 1) matters to the \(area.lowercased()) team.", "",
                    "## Contacts", "Ask the \(owner) on the team channel.", "", "## Steps"] + steps + [""] + extra
        return (front + body).joined(separator: "\n") + "\n"
    }

    /// A relative link from one content file to another.
    static func relative(from: String, to: String) -> String {
        let fromDirs = from.split(separator: "/").dropLast()
        let toParts = to.split(separator: "/")
        var common = 0
        while common < fromDirs.count, common < toParts.count - 1, fromDirs[common] == toParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: fromDirs.count - common)
        return (ups + toParts[common...].map(String.init)).joined(separator: "/")
    }

    static func addDays(_ ymd: String, _ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = ymd.split(separator: "-").compactMap { Int($0) }
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
        let moved = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: date)!)
        return String(format: "%04d-%02d-%02d", moved.year!, moved.month!, moved.day!)
    }

    // MARK: Files

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    func write(_ data: Data, to path: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)
    }

    /// Content-relative paths of the files under the content folder, sorted, hidden ones left out.
    func contentFiles() -> [String] {
        SiteComparison.regularFiles(under: content).filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
    }

    var sops: [String] { contentFiles().filter { $0.hasSuffix(".md") } }
    var attachments: [String] { contentFiles().filter { !$0.hasSuffix(".md") } }
    var overrides: [String] { Self.overridable.filter { FileManager.default.fileExists(atPath: templates.appendingPathComponent($0).path) } }

    /// SOPs whose `## Contacts` heading was renamed by `anchor-breaks`.
    var renamedHeadings: [String] { sops.filter { (try? read($0))?.contains("\n## Contacts and escalation\n") == true } }

    func writeConfiguration() throws {
        var lines = ["# Written by the incremental property test.", "title: Property Test Handbook", "language: \(language)", "roles:"]
        lines += roles.map { "  - \($0)" }
        if !severities.isEmpty { lines += ["rules:"] + severities.map { "  \($0.rule): \($0.severity)" } }
        if !people.isEmpty { lines += ["people:"] + people.map { "  \($0.name): {roles: [\($0.role)]}" } }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: config)
    }

    // MARK: Edits

    func isApplicable(_ kind: EditKind) -> Bool {
        switch kind {
        case .deleteSOP, .renameSOP: sops.count > 4
        case .attachmentChanged: !attachments.isEmpty
        case .anchorBroken: sops.contains { (try? read($0))?.contains("\n## Contacts\n") == true }
        case .anchorHealed: !renamedHeadings.isEmpty
        case .themeOverrideAdded: overrides.count < Self.overridable.count
        case .themeOverrideChanged, .themeOverrideRemoved: !overrides.isEmpty
        default: !sops.isEmpty
        }
    }

    /// Makes one edit of `kind` (which must be applicable), choosing what to edit with `random`.
    mutating func apply(_ kind: EditKind, random: inout SeededRandom) throws {
        serial += 1
        let what: String
        switch kind {
        case .bodyParagraph:
            let file = sops.randomElement(using: &random)!
            // Half the time the new paragraph also links to another process: a backlink appears on its page.
            let other = Bool.random(using: &random) ? sops.filter { $0 != file }.randomElement(using: &random) : nil
            let paragraph = "Why this matters, revised in edit \(serial)."
                + (other.map { " Compare with [that process](\(Self.relative(from: file, to: $0)))." } ?? "")
            try edit(file) { text in
                guard let r = text.range(of: "## Purpose\n") else { return text + "\n\(paragraph)\n" }
                let end = text[r.upperBound...].firstIndex(of: "\n") ?? text.endIndex
                return text.replacingCharacters(in: r.upperBound..<end, with: paragraph)
            }
            what = file + (other.map { ", now linking to \($0)" } ?? "")
        case .title:
            let file = sops.randomElement(using: &random)!
            let words = ["Approve", "Audit", "Book", "Close", "Dispatch", "Pack", "Quote", "Reconcile", "Refund", "Ship"]
            let title = "\(words.randomElement(using: &random)!) the batch \(serial)"
            try setField("title", to: title, in: file)
            what = "\(file) → \(title)"
        case .owner:
            let file = sops.randomElement(using: &random)!
            let owner = (roles + ["Night Shift Lead"]).randomElement(using: &random)!
            try setField("owner", to: owner, in: file)
            what = "\(file) → \(owner)"
        case .raci:
            let file = sops.randomElement(using: &random)!
            let role = roles.randomElement(using: &random)!
            try edit(file) { text in
                if text.contains("\n  responsible: ") { return Self.replacingLine(startingWith: "  responsible: ", in: text, with: "  responsible: \(role)") }
                return Self.replacingLine(startingWith: "owner: ", in: text, with: nil) { "\($0)\nraci:\n  responsible: \(role)\n  accountable: \(role)" }
            }
            what = "\(file) responsible → \(role)"
        case .addSOP:
            let area = Self.areas.keys.sorted().randomElement(using: &random)!
            let path = "\(area)/added-\(serial).md"
            let target = sops.randomElement(using: &random)!
            let owner = roles.randomElement(using: &random)!
            try write("---\ntitle: Added process \(serial)\nowner: \(owner)\nraci:\n  responsible: \(owner)\n  accountable: \(owner)\n---\n\n"
                      + "## Purpose\nA process added while serve runs.\n\n## Steps\n1. Start as in [the other one](\(Self.relative(from: path, to: target))#contacts).\n2. TBD\n",
                      to: path)
            what = "\(path) linking to \(target)"
        case .deleteSOP:
            let file = sops.randomElement(using: &random)!
            try FileManager.default.removeItem(at: content.appendingPathComponent(file))
            what = file
        case .renameSOP:
            let file = sops.randomElement(using: &random)!
            let renamed = String(file.dropLast(3)) + "-r\(serial).md"
            try FileManager.default.moveItem(at: content.appendingPathComponent(file), to: content.appendingPathComponent(renamed))
            what = "\(file) → \(renamed)"
        case .attachmentAdded:
            let linksToAwaited = sops.contains { (try? read($0))?.contains("files/handbook.pdf") == true }
            if linksToAwaited, !attachments.contains(Self.awaitedAttachment) {
                // Only a new non-SOP file: a broken link heals.
                try write("%PDF-1.4 staff handbook \(serial)\n", to: Self.awaitedAttachment)
                what = "\(Self.awaitedAttachment), which a SOP already links to"
            } else {
                let file = sops.randomElement(using: &random)!
                let folder = file.split(separator: "/").dropLast().joined(separator: "/")
                let path = "\(folder)/files/note-\(serial).txt"
                try write("Note \(serial)\n", to: path)
                try edit(file) { $0 + "\nSee [note \(serial)](files/note-\(serial).txt).\n" }
                what = "\(path), linked from \(file)"
            }
        case .attachmentChanged:
            let path = attachments.randomElement(using: &random)!
            let bytes = path.hasSuffix(".svg")
                ? "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><text y=\"15\">\(serial)</text></svg>\n"
                : "revision \(serial) of \(path)\n"
            try write(bytes, to: path)
            what = path
        case .anchorBroken:
            let candidates = sops.filter { (try? read($0))?.contains("\n## Contacts\n") == true }
            let linked = candidates.filter { file in
                let name = (file as NSString).lastPathComponent
                return sops.contains { (try? read($0))?.contains("\(name)#contacts") == true }
            }
            let file = (linked.isEmpty ? candidates : linked).randomElement(using: &random)!
            try edit(file) { $0.replacingOccurrences(of: "\n## Contacts\n", with: "\n## Contacts and escalation\n") }
            what = "\(file): ## Contacts → ## Contacts and escalation"
        case .anchorHealed:
            let file = renamedHeadings.randomElement(using: &random)!
            try edit(file) { $0.replacingOccurrences(of: "\n## Contacts and escalation\n", with: "\n## Contacts\n") }
            what = "\(file): ## Contacts and escalation → ## Contacts"
        case .ruleSeverity:
            let rule = ["missing-quality", "orphan", "undocumented-step", "review-overdue", "unknown-role", "missing-raci", "broken-link"]
                .randomElement(using: &random)!
            let current = severities.first { $0.rule == rule }?.severity
            let severity: String = ["error", "warning", "info", "off"].filter { $0 != current }.randomElement(using: &random)!
            severities.removeAll { $0.rule == rule }
            severities.append((rule: rule, severity: severity))
            try writeConfiguration()
            what = "rules.\(rule): \(severity)"
        case .language:
            language = language == "en" ? "fr" : "en"
            try writeConfiguration()
            what = "language: \(language)"
        case .roles:
            let choice = Int.random(in: 0..<3, using: &random)
            if choice == 0, roles.count > 4 {
                let gone = roles.remove(at: Int.random(in: 0..<roles.count, using: &random))
                what = "declared role \(gone) removed"
            } else if choice == 1 {
                roles.append("Quality Lead \(serial)")
                what = "declared role Quality Lead \(serial) added"
            } else {
                roles.swapAt(0, roles.count - 1)
                what = "declared roles reordered"
            }
            try writeConfiguration()
        case .themeOverrideAdded:
            let name = Self.overridable.filter { !overrides.contains($0) }.randomElement(using: &random)!
            try writeOverride(name)
            what = name
        case .themeOverrideChanged:
            let name = overrides.randomElement(using: &random)!
            try writeOverride(name)
            what = name
        case .themeOverrideRemoved:
            let name = overrides.randomElement(using: &random)!
            try FileManager.default.removeItem(at: templates.appendingPathComponent(name))
            what = name
        case .retireSOP:
            let file = sops.randomElement(using: &random)!
            let others = sops.filter { $0 != file }
            let successor = Bool.random(using: &random) ? others.randomElement(using: &random).map { String($0.dropLast(".md".count)) } : nil
            try setField("status", to: "retired", in: file)
            try setField("superseded_by", to: successor ?? "no-such-sop-\(serial)", in: file)
            what = "\(file) retired, superseded by \(successor ?? "an unknown id")"
        case .approveSOP:
            let file = sops.randomElement(using: &random)!
            try setField("approval", to: "{by: Quality Lead, on: 2026-0\(1 + serial % 9)-1\(serial % 10)}", in: file)
            what = "\(file) approved"
        case .acknowledge:
            let name = "Person \(serial)", role = roles.randomElement(using: &random) ?? "Ops"
            people.append((name, role))
            try writeConfiguration()
            let sop = Bool.random(using: &random) ? sops.randomElement(using: &random).map { String($0.dropLast(".md".count)) } ?? "x" : "no-such-sop"
            let record = ["# Written by `sopbook ack`: the revision of each SOP this person read.", "person: \(name)", "acknowledged:",
                          "  - sop: \(sop)", "    hash: 0123456789abcdef", "    date: 2026-01-0\(1 + serial % 9)"]
            let folder = root.appendingPathComponent("acknowledgements")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((record.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("person-\(serial).yml"))
            what = "\(name) (\(role)) acknowledged \(sop)"
        case .todayPastReview:
            // Reviews fall due every 17 days: 45 days on, at least two more are overdue.
            today = Self.addDays(today, 45)
            what = "today → \(today)"
        }
        log.append("\(log.count + 1). \(kind): \(what)")
    }

    /// A copy of the built-in theme file `name` with a visible change, marked with this edit's serial.
    func writeOverride(_ name: String) throws {
        let builtIn = try String(contentsOf: Self.repository.appendingPathComponent("Templates").appendingPathComponent(name), encoding: .utf8)
        let mark = "override-\(serial)"
        let changed: String
        switch name {
        case "layout.mustache" where builtIn.contains("</footer>"):
            changed = builtIn.replacingOccurrences(of: "</footer>", with: " · \(mark)</footer>")
        case "sidebar-folder.mustache" where builtIn.contains("<ul>"):
            changed = builtIn.replacingOccurrences(of: "<ul>", with: "<ul class=\"\(mark)\">")
        case "assets/style.css":
            changed = builtIn + "\n/* \(mark) */\n.footer { letter-spacing: .01em; }\n"
        default:
            changed = builtIn + "\n<!-- \(mark) -->\n"
        }
        let url = templates.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(changed.utf8).write(to: url)
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        try write(change(try read(path)), to: path)
    }

    func setField(_ field: String, to value: String, in path: String) throws {
        try edit(path) { text in
            if text.contains("\n\(field): ") { return Self.replacingLine(startingWith: "\(field): ", in: text, with: "\(field): \(value)") }
            return text.replacingOccurrences(of: "---\n", with: "---\n\(field): \(value)\n", options: [], range: text.range(of: "---\n"))
        }
    }

    /// `text` with its first line that starts with `prefix` replaced by `line`, or by `transform` of it.
    static func replacingLine(startingWith prefix: String, in text: String, with line: String?,
                              transform: ((String) -> String)? = nil) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else { return text }
        lines[i] = line ?? transform?(lines[i]) ?? lines[i]
        return lines.joined(separator: "\n")
    }

    // MARK: Running

    /// True when `url` is inside a Git work tree (then the pages' "last changed" dates would come from commits).
    static func isInsideGitWorkTree(_ url: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "--is-inside-work-tree"]
        process.currentDirectoryURL = url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Byte-for-byte comparison of two output folders.
enum SiteComparison {
    /// Relative paths of every regular file under `folder`, hidden ones included, sorted.
    static func regularFiles(under folder: URL) -> [String] {
        let fm = FileManager.default
        return ((try? fm.subpathsOfDirectory(atPath: folder.path)) ?? []).filter { rel in
            (try? fm.attributesOfItem(atPath: folder.appendingPathComponent(rel).path)[.type] as? FileAttributeType) == .typeRegular
        }.sorted()
    }

    /// The bytes of every regular file under `folder`, by relative path.
    static func files(under folder: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: regularFiles(under: folder).map { rel in
            (rel, FileManager.default.contents(atPath: folder.appendingPathComponent(rel).path) ?? Data())
        })
    }

    /// Nil when both folders hold the same files with the same bytes; else the files that differ, the first
    /// in full with an excerpt of its first differing line.
    static func difference(live: URL, cold: URL) -> String? {
        let a = files(under: live), b = files(under: cold)
        let paths = Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
        guard let first = paths.first else { return nil }
        var text = "\(paths.count) file(s) differ: \(paths.prefix(8).joined(separator: ", "))\(paths.count > 8 ? ", …" : "")\n"
        text += "first differing file: \(first)"
        switch (a[first], b[first]) {
        case (nil, _): text += " (missing from the incremental output)"
        case (_, nil): text += " (only in the incremental output: left behind?)"
        case let (x?, y?): text += "\n" + excerpt(live: x, cold: y)
        }
        return text
    }

    static func excerpt(live: Data, cold: Data) -> String {
        let x = String(decoding: live, as: UTF8.self).components(separatedBy: "\n")
        let y = String(decoding: cold, as: UTF8.self).components(separatedBy: "\n")
        guard let line = (0..<max(x.count, y.count)).first(where: { ($0 < x.count ? x[$0] : nil) != ($0 < y.count ? y[$0] : nil) })
        else { return "  (same text, different bytes)" }
        func around(_ lines: [String], _ other: [String]) -> String {
            guard line < lines.count else { return "(no such line)" }
            let s = Array(lines[line]), o = line < other.count ? Array(other[line]) : []
            let column = (0..<min(s.count, o.count)).first { s[$0] != o[$0] } ?? min(s.count, o.count)
            let from = max(0, column - 60), to = min(s.count, column + 100)
            return (from > 0 ? "…" : "") + String(s[from..<to]) + (to < s.count ? "…" : "")
        }
        return "  line \(line + 1)\n  incremental: \(around(x, y))\n  cold build:  \(around(y, x))"
    }
}
