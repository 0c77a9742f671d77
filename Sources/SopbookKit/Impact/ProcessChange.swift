/// How one process differs between two revisions of the knowledge base: what a reviewer reads first.
public struct ProcessChange: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case added, changed, renamed, retired, deleted
    }

    /// A step whose words changed in place: the same position between unchanged neighbours.
    public struct Reworded: Sendable, Hashable {
        public var from: String
        public var to: String
    }

    /// The roles added to and removed from one RACI letter (`owner` counts as a letter of its own).
    public struct RoleChange: Sendable, Hashable {
        public var letter: String
        public var added: [String]
        public var removed: [String]
    }

    /// A front matter value that changed, worded for a reader: `title`, `status`, `review`…
    public struct FieldChange: Sendable, Hashable {
        public var field: String
        public var from: String
        public var to: String
    }

    public var kind: Kind
    /// The id and file in the head revision (the base's for a deleted process).
    public var id: String
    public var file: String
    public var title: String
    public var owner: String?
    /// The base revision's file, when it moved.
    public var previousFile: String?
    public var stepsAdded: [String] = []
    public var stepsRemoved: [String] = []
    public var stepsReworded: [Reworded] = []
    public var roles: [RoleChange] = []
    public var qualityAdded: [String] = []
    public var qualityRemoved: [String] = []
    public var fields: [FieldChange] = []
    /// The file changed and none of the above says how: wording elsewhere in the text.
    public var textEdited = false
    /// The file cannot be read as an SOP in this revision (its findings say why).
    public var unreadable = false
    /// The number of steps in the revision shown (the head's, the base's for a deleted process).
    public var stepCount = 0
    /// The roles to consult and to inform about this change (C; and I with the roles on whose onboarding
    /// path the process is), in both revisions: a role removed from a process is told it was.
    public var consult: [String] = []
    public var inform: [String] = []

    /// Whether what the process asks of people changed (a pure move does not).
    public var changesContent: Bool { kind != .renamed || hasDetails }

    /// Whether any part of the process is said to have changed: steps, roles, quality, fields, text.
    var hasDetails: Bool {
        !stepsAdded.isEmpty || !stepsRemoved.isEmpty || !stepsReworded.isEmpty || !roles.isEmpty
            || !qualityAdded.isEmpty || !qualityRemoved.isEmpty || !fields.isEmpty || textEdited || unreadable
    }

    /// What changed, in a few words per part: "2 steps added", "consulted: + Sales Lead".
    public var summaryParts: [String] {
        var parts: [String] = []
        func count(_ n: Int, _ what: String) { if n > 0 { parts.append(n == 1 ? "1 step \(what)" : "\(n) steps \(what)") } }
        if unreadable { parts.append("cannot be read as an SOP") }
        if let previousFile { parts.append("moved from \(previousFile)") }
        switch kind {
        case .added: parts.append(stepCount == 1 ? "new, 1 step" : "new, \(stepCount) steps")
        case .deleted: parts.append("deleted")
        default: break
        }
        count(stepsAdded.count, "added")
        count(stepsRemoved.count, "removed")
        count(stepsReworded.count, "reworded")
        for change in roles {
            let sides = change.added.map { "+ \($0)" } + change.removed.map { "− \($0)" }
            parts.append("\(change.letter): \(sides.joined(separator: ", "))")
        }
        if !qualityAdded.isEmpty || !qualityRemoved.isEmpty {
            parts.append("quality: \(qualityAdded.count) added, \(qualityRemoved.count) removed")
        }
        for field in fields { parts.append("\(field.field): \(field.from.isEmpty ? "—" : field.from) → \(field.to.isEmpty ? "—" : field.to)") }
        if textEdited { parts.append("text edited") }
        return parts
    }
}
