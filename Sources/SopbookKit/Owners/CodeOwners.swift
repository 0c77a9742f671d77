import Foundation

/// The CODEOWNERS block `sopbook codeowners` keeps: one line per SOP naming the handles of its owners, so
/// that GitHub or GitLab requests their review on a pull request that changes it. The file is shared with
/// lines written by hand; only the lines between the two markers are Sopbook's.
public enum CodeOwners {
    public static let beginMarker = "# BEGIN sopbook codeowners"
    public static let endMarker = "# END sopbook codeowners"
    static let header = "# Generated from the SOPs' owners and the role handles in sopbook.yml by `sopbook codeowners --write`: "
        + "change those and run it again rather than edit these lines."

    /// Where the file is looked for when `codeowners:` names none: GitHub's three places, then GitLab's.
    public static let candidates = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"]

    /// One SOP of the block: its path from the repository root, its owners' handles (deduplicated, in owner
    /// order), and its owners that have none.
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var handles: [String]
        public var missing: [String]
        public var hasOwner: Bool

        /// Whether the SOP gets no review request from some owner (an `owner-without-handle`, or no owner).
        public var lacksHandle: Bool { !missing.isEmpty || !hasOwner }
    }

    /// A line of the file that stops the run: a BEGIN without END, an END without BEGIN.
    public struct Problem: Error, Sendable, Hashable {
        public var line: Int
        public var message: String
    }

    /// A line of the block that `--check` found missing from the file (`+`) or extra in it (`-`), at a
    /// line of the file (for a missing line: the line it would take).
    public struct Difference: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable { case missing = "+", extra = "-" }
        public var line: Int
        public var kind: Kind
        public var text: String
        public var description: String { "\(kind.rawValue) \(text)" }
    }

    /// The owners of `procedure` that have no handle, each once, in owner order.
    static func ownersWithoutHandle(_ procedure: Procedure, _ configuration: Configuration) -> [String] {
        var seen = Set<String>()
        return procedure.owners.filter { configuration.handle(for: $0) == nil && seen.insert($0).inserted }
    }

    /// Every SOP of the knowledge base, by path; `prefix` is the content folder's path from the repository
    /// root (`Content/`, or empty).
    public static func entries(_ knowledgeBase: KnowledgeBase, prefix: String) -> [Entry] {
        let configuration = knowledgeBase.configuration
        return knowledgeBase.procedures.map { p in
            var seen = Set<String>()
            let handles = p.owners.compactMap { configuration.handle(for: $0) }.filter { seen.insert($0).inserted }
            return Entry(path: prefix + p.file, handles: handles, missing: ownersWithoutHandle(p, configuration), hasOwner: !p.owners.isEmpty)
        }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The block, markers included. An SOP without a handle for some owner gets a comment line, so that the
    /// gap shows where a reader of the file looks for the SOP.
    public static func block(_ entries: [Entry]) -> [String] {
        var lines = [beginMarker, header]
        for entry in entries {
            guard let pattern = pattern(entry.path) else {
                lines.append("# \(commentText(entry.path)): this path cannot be written in CODEOWNERS")
                continue
            }
            if !entry.hasOwner { lines.append("# \(pattern): no owner") }
            if !entry.missing.isEmpty { lines.append("# \(pattern): no handle for \(entry.missing.map(commentText).joined(separator: ", "))") }
            if !entry.handles.isEmpty { lines.append("\(pattern) \(entry.handles.joined(separator: " "))") }
        }
        lines.append(endMarker)
        return lines
    }

    /// The CODEOWNERS pattern of a path from the repository root: anchored with `/`, and with the characters
    /// the gitignore-style syntax reads as separators, comments or wildcards escaped by `\`. Nil for a path
    /// holding a control character (a newline cannot be escaped there).
    static func pattern(_ path: String) -> String? {
        guard !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        var out = "/"
        for c in path {
            if " \t#*?[\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Text put in a comment line: on one line.
    static func commentText(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }

    /// The file's path from the repository root: the one `codeowners:` names, else the first of the usual
    /// places that exists, else where the forge the repository uses reads it (`exists` is asked about paths
    /// from the root).
    public static func location(_ setting: Configuration.CodeOwnersSetting?, exists: (String) -> Bool) -> String {
        if case .path(let written) = setting { return written }
        if let found = candidates.first(where: exists) { return found }
        return exists(".gitlab-ci.yml") && !exists(".github") ? ".gitlab/CODEOWNERS" : ".github/CODEOWNERS"
    }

    // MARK: The file

    /// The file's lines as written (a CRLF line keeps its `\r`), the block's lines (markers included), and
    /// how the file ends lines and whether its last line ends with one.
    struct Layout {
        var lines: [String]
        var block: Range<Int>?
        var newline: String
        var trailingNewline: Bool
    }

    static func layout(_ text: String) throws(Problem) -> Layout {
        // Split on the byte: in a Swift string `\r\n` is one character, which no `\n` matches.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let trailing = text.utf8.last == UInt8(ascii: "\n")
        if trailing || text.isEmpty { lines.removeLast() }
        var begin: Int?
        var block: Range<Int>?
        for (i, line) in lines.enumerated() {
            let marker = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if marker == beginMarker {
                guard begin == nil, block == nil else {
                    throw Problem(line: i + 1, message: "a second `\(beginMarker)`: keep one generated block")
                }
                begin = i
            } else if marker == endMarker {
                guard let start = begin else {
                    throw Problem(line: i + 1, message: "`\(endMarker)` without a `\(beginMarker)` before it")
                }
                block = start..<(i + 1)
                begin = nil
            }
        }
        if let begin {
            throw Problem(line: begin + 1, message: "`\(beginMarker)` has no `\(endMarker)` after it: add it where the generated lines end")
        }
        return Layout(lines: lines, block: block, newline: lines.first?.utf8.last == UInt8(ascii: "\r") ? "\r\n" : "\n", trailingNewline: trailing || text.isEmpty)
    }

    /// The file with its block replaced by `block`, or `block` appended when it has none: at the end,
    /// since the last pattern matching a file wins, so hand-written lines above cannot undo it. Every other
    /// line is kept byte for byte, and so is whether the file ends with a newline.
    public static func merged(_ text: String?, block: [String]) throws(Problem) -> String {
        guard let text, !text.isEmpty else { return block.joined(separator: "\n") + "\n" }
        let layout = try layout(text)
        let ending = layout.newline == "\r\n" ? "\r" : ""
        let generated = block.map { $0 + ending }
        var lines = layout.lines
        if let range = layout.block {
            lines.replaceSubrange(range, with: generated)
        } else {
            if let last = lines.last, !last.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { lines.append(ending) }
            lines += generated
        }
        return lines.joined(separator: "\n") + (layout.trailingNewline ? "\n" : "")
    }

    /// What `--check` reports: the lines of `block` the file lacks and the lines of its block it should
    /// not have, in file order. A missing file or block lacks every line.
    public static func differences(_ text: String?, block: [String]) throws(Problem) -> [Difference] {
        guard let text else { return block.enumerated().map { Difference(line: $0.offset + 1, kind: .missing, text: $0.element) } }
        let layout = try layout(text)
        guard let range = layout.block else {
            // Where `merged` would put it: after a blank line that it adds below a last line of text.
            let blank = layout.lines.last.map { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? false
            let start = layout.lines.count + (blank ? 2 : 1)
            return block.enumerated().map { Difference(line: start + $0.offset, kind: .missing, text: $0.element) }
        }
        let written = layout.lines[range].map { $0.utf8.last == UInt8(ascii: "\r") ? String(decoding: $0.utf8.dropLast(), as: UTF8.self) : $0 }
        return diff(written, block, firstLine: range.lowerBound + 1)
    }

    /// A line diff (longest common subsequence) of `old`, which starts at line `firstLine` of the file,
    /// against `new`. The common head and tail are set aside first; a middle too large to compare line by
    /// line is reported whole, which is still right, only longer.
    static func diff(_ old: [String], _ new: [String], firstLine: Int) -> [Difference] {
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let a = Array(old[head..<(old.count - tail)]), b = Array(new[head..<(new.count - tail)])
        let line = firstLine + head
        guard a.count * b.count <= 4_000_000 else {
            return a.enumerated().map { Difference(line: line + $0.offset, kind: .extra, text: $0.element) }
                + b.map { Difference(line: line + a.count, kind: .missing, text: $0) }
        }
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [Difference] = []
        var i = 0, j = 0
        // Lines that replace extra ones are numbered where those were: a changed line reads `- x` then `+ y`
        // on one line number.
        var replaced: Int?
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1
                j += 1
                replaced = nil
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append(Difference(line: line + i, kind: .extra, text: a[i]))
                replaced = replaced ?? line + i
                i += 1
            } else {
                out.append(Difference(line: replaced ?? line + i, kind: .missing, text: b[j]))
                j += 1
            }
        }
        return out
    }
}
