import Foundation

/// That a person read one revision of an SOP: the content hash of the file they read, the commit it was
/// at (when the content is in Git) and the day. Kept in `acknowledgements/<person>.yml` beside
/// `sopbook.yml`, one file per person, so that two people acknowledging at once never touch one file.
public struct Acknowledgement: Sendable, Hashable {
    public var sop: String
    /// `ContentHash.of` the file's bytes when it was read: 16 lowercase hex digits.
    public var hash: String
    /// The commit of the revision read, when there was one: `git show <commit>:<path>` gives it back.
    public var commit: String?
    public var date: CivilDate
    /// The line of `- sop:` in the record, for findings.
    public var line: Int = 0

    public init(sop: String, hash: String, commit: String?, date: CivilDate, line: Int = 0) {
        self.sop = sop
        self.hash = hash
        self.commit = commit
        self.date = date
        self.line = line
    }
}

/// One person's record file, as read.
public struct AcknowledgementRecord: Sendable, Hashable {
    public static let folder = "acknowledgements"

    /// Relative to `sopbook.yml`'s folder: `acknowledgements/alice-martin.yml`.
    public var file: String
    public var person: String
    public var personLine: Int
    /// Sorted by SOP id, one per SOP.
    public var entries: [Acknowledgement]

    public init(file: String, person: String, personLine: Int = 1, entries: [Acknowledgement]) {
        self.file = file
        self.person = person
        self.personLine = personLine
        self.entries = entries.sorted { $0.sop.utf8.lexicographicallyPrecedes($1.sop.utf8) }
    }

    /// Where a person's record lives: their name as a slug (`Alice Martin` → `alice-martin.yml`).
    public static func fileName(for person: String) -> String {
        let slug = Slugger.base(person.trimmed)
        return (slug.isEmpty ? "person" : slug) + ".yml"
    }

    /// A line of a record that is not what `sopbook ack` writes: a finding (`invalid-acknowledgement`).
    public struct Problem: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var message: String
    }

    /// The file's bytes: stable (entries sorted, fixed key order), so re-running `ack` on an unchanged
    /// record changes nothing and a merge of two people's records never overlaps.
    public var text: String {
        var out = "# Written by `sopbook ack`: the revision of each SOP this person read.\n"
        out += "person: \(Self.quoted(person))\n"
        out += "acknowledged:\n"
        for entry in entries {
            out += "  - sop: \(Self.quoted(entry.sop))\n"
            out += "    hash: \(entry.hash)\n"
            if let commit = entry.commit { out += "    commit: \(commit)\n" }
            out += "    date: \(entry.date)\n"
        }
        return out
    }

    /// The record with `entry` in place of any earlier acknowledgement of the same SOP.
    public func replacing(_ entry: Acknowledgement) -> AcknowledgementRecord {
        AcknowledgementRecord(file: file, person: person, personLine: personLine,
                              entries: entries.filter { $0.sop != entry.sop } + [entry])
    }

    /// Plain when YAML reads it back as the same text, double-quoted otherwise.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.trimmed == value && !value.contains(": ") && !value.contains(" #")
            && !value.hasSuffix(":") && value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
            && !"-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains { value.unicodeScalars.first == $0 }
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

/// A stable hash of a file's bytes: 64-bit FNV-1a, the hash `Finding.fingerprint` uses, as 16 hex digits.
/// Stable across runs and machines (Swift's `Hasher` is seeded per process), and no package is needed.
public enum ContentHash {
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
