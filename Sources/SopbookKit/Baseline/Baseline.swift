/// The findings a team has accepted for now (`sopbook-baseline.json`): `check` and `build` count them as
/// known and fail only on new ones, so CI can be switched on for a handbook with hundreds of gaps and
/// the number can only go down. Findings are matched by `Finding.fingerprint` (rule, process, subject),
/// never by line, with a count per fingerprint: two `TODO` steps of one process are one entry of count 2.
public struct Baseline: Sendable, Hashable {
    public static let version = 1
    public static let fileName = "sopbook-baseline.json"

    /// One fingerprint and how many findings of it are known. `rule`, `process` and `subject` are not
    /// used to match: they say what the entry is about to whoever reads the file or reviews its diff.
    public struct Entry: Sendable, Hashable {
        /// `Finding.fingerprint`: 16 lowercase hex digits.
        public var fingerprint: String
        public var rule: String
        /// The process id, or the file when the finding has no process.
        public var process: String
        /// What the finding is about (a link's destination, a key, a step's text); empty when the rule and
        /// process say it all.
        public var subject: String
        public var count: Int

        public init(fingerprint: String, rule: String, process: String, subject: String, count: Int) {
            self.fingerprint = fingerprint
            self.rule = rule
            self.process = process
            self.subject = subject
            self.count = count
        }

        /// The entry that holds `finding`, with a count of 1. A finding without a subject (`missing-owner`)
        /// is said by its rule and process; its message would repeat on every such entry.
        init(_ finding: Finding, fingerprint: String) {
            self.init(fingerprint: fingerprint, rule: finding.rule, process: finding.process ?? finding.file,
                      subject: Entry.summary(finding.subject ?? ""), count: 1)
        }

        /// One line of at most 120 characters: a step's text can be a paragraph.
        static func summary(_ text: String) -> String {
            let line = text.oneLine
            return line.count <= 120 ? line : String(line.prefix(119)) + "…"
        }

        /// The file's order: by process, then rule, then subject, so that a process's entries sit together.
        static func fileOrder(_ a: Entry, _ b: Entry) -> Bool {
            if a.process != b.process { return a.process.utf8.lexicographicallyPrecedes(b.process.utf8) }
            if a.rule != b.rule { return a.rule.utf8.lexicographicallyPrecedes(b.rule.utf8) }
            if a.subject != b.subject { return a.subject.utf8.lexicographicallyPrecedes(b.subject.utf8) }
            return a.fingerprint < b.fingerprint
        }
    }

    /// In the file's order, one per fingerprint, each with a count of at least 1.
    public private(set) var entries: [Entry]

    /// `entries` sorted, entries of count 0 or less dropped. Two entries of one fingerprint are merged.
    public init(entries: [Entry]) {
        var merged: [String: Entry] = [:]
        for entry in entries where entry.count > 0 {
            if let existing = merged[entry.fingerprint] {
                merged[entry.fingerprint]?.count = existing.count + entry.count
            } else {
                merged[entry.fingerprint] = entry
            }
        }
        self.entries = merged.values.sorted(by: Entry.fileOrder)
    }

    /// A baseline that holds every one of `findings`.
    public init(findings: [Finding]) {
        var entries: [String: Entry] = [:]
        for finding in findings {
            let fingerprint = finding.fingerprint
            if entries[fingerprint] != nil {
                entries[fingerprint]?.count += 1
            } else {
                entries[fingerprint] = Entry(finding, fingerprint: fingerprint)
            }
        }
        self.init(entries: Array(entries.values))
    }

    /// How many findings the baseline holds in all.
    public var total: Int { entries.reduce(0) { $0 + $1.count } }

    /// The file: pretty, one entry per line, keys in a fixed order, so that equal baselines are equal bytes
    /// and a change to one entry is a one-line diff.
    public var json: String {
        let s = Baseline.jsonString
        var out = "{\n  \"version\": \(Baseline.version),\n"
        out += "  \"note\": \(s("Findings that `sopbook check` counts as known and does not fail on. `sopbook baseline` removes the fixed ones; --accept-new adds new ones.")),\n"
        out += "  \"entries\": ["
        for (i, e) in entries.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    { \"fingerprint\": \(s(e.fingerprint)), \"rule\": \(s(e.rule)), \"process\": \(s(e.process)),"
            out += " \"subject\": \(s(e.subject)), \"count\": \(e.count) }"
        }
        out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}

/// How the findings of one run stand against a baseline.
public struct BaselineComparison: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Held by the baseline: reported, but does not fail the run.
        case known
        /// Not in the baseline (or beyond its count): fails the run as usual.
        case new
    }

    /// The state of each finding, in the order of the findings compared.
    public var states: [State]
    /// The entries with fewer current findings than their count; each entry's `count` is how many fewer.
    public var fixed: [Baseline.Entry]

    public var known: Int { states.count(where: { $0 == .known }) }
    public var new: Int { states.count(where: { $0 == .new }) }
    /// How many known findings disappeared since the baseline was written.
    public var fixedCount: Int { fixed.reduce(0) { $0 + $1.count } }
}

extension Baseline {
    /// Up to `count` findings of each fingerprint are known, in the order given (the report's: file, line),
    /// and the rest new; what the baseline holds beyond the current findings is fixed.
    public func compare(_ findings: [Finding]) -> BaselineComparison {
        var remaining = Dictionary(uniqueKeysWithValues: entries.map { ($0.fingerprint, $0.count) })
        var states: [BaselineComparison.State] = []
        states.reserveCapacity(findings.count)
        for finding in findings {
            let fingerprint = finding.fingerprint
            if let left = remaining[fingerprint], left > 0 {
                remaining[fingerprint] = left - 1
                states.append(.known)
            } else {
                states.append(.new)
            }
        }
        let fixed = entries.compactMap { entry -> Entry? in
            guard let left = remaining[entry.fingerprint], left > 0 else { return nil }
            var copy = entry
            copy.count = left
            return copy
        }
        return BaselineComparison(states: states, fixed: fixed)
    }

    /// What `sopbook baseline` did to an existing baseline.
    public struct Update: Sendable, Hashable {
        public var baseline: Baseline
        /// Known findings that are gone, removed from the baseline.
        public var removed: Int
        /// New findings added (with --accept-new) or left out (without).
        public var new: Int
        public var acceptedNew: Bool
        /// Whether there was a baseline before.
        public var existed: Bool

        /// What `sopbook baseline` prints: "Baseline: 412 known findings, 3 fixed removed; 2 new findings
        /// not added (use --accept-new)".
        public func summary(file: String) -> String {
            let known = Baseline.count(baseline.total, "known finding")
            guard existed else { return "Baseline: \(known) written to \(file)." }
            var line = "Baseline: \(known) in \(file), \(removed) fixed removed"
            if new == 0 { return line + "." }
            line += acceptedNew ? ", \(new) new added." : "; \(Baseline.count(new, "new finding")) not added (use --accept-new)."
            return line
        }
    }

    /// The baseline `sopbook baseline` writes: without `acceptNew`, this one with the fixed findings
    /// removed and nothing added (it only shrinks); with it, exactly the current findings. Entries that
    /// stay keep their text, so the diff of the file shows only what moved.
    public func updated(with findings: [Finding], acceptNew: Bool) -> Update {
        let comparison = compare(findings)
        let current = Baseline(findings: findings)
        let counts = Dictionary(uniqueKeysWithValues: current.entries.map { ($0.fingerprint, $0.count) })
        var kept = entries.compactMap { entry -> Entry? in
            var copy = entry
            copy.count = acceptNew ? counts[entry.fingerprint] ?? 0 : min(entry.count, counts[entry.fingerprint] ?? 0)
            return copy.count > 0 ? copy : nil
        }
        if acceptNew {
            let held = Set(entries.map(\.fingerprint))
            kept += current.entries.filter { !held.contains($0.fingerprint) }
        }
        return Update(baseline: Baseline(entries: kept), removed: comparison.fixedCount, new: comparison.new,
                      acceptedNew: acceptNew, existed: true)
    }

    /// A first baseline, of every current finding.
    public static func fresh(_ findings: [Finding]) -> Update {
        Update(baseline: Baseline(findings: findings), removed: 0, new: 0, acceptedNew: true, existed: false)
    }

    /// A JSON string literal escaping only what JSON requires (and U+2028/2029, which some readers take for
    /// line ends): unlike the report's, `<` and `&` stay as they are, since people read this file.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// "1 known finding", "412 known findings".
    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
