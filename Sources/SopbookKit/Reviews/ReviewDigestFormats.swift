import Foundation

extension ReviewDigest {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: text
        case .markdown: markdown
        case .json: json
        }
    }

    static func when(_ item: Item) -> String {
        if item.overdue { return "overdue since \(item.next) (\(item.days) day\(item.days == 1 ? "" : "s"))" }
        if item.days == 0 { return "due \(item.next) (today)" }
        return "due \(item.next) (in \(item.days) day\(item.days == 1 ? "" : "s"))"
    }

    var summary: String {
        let upcoming = count - overdueCount
        return "\(count) SOP review\(count == 1 ? "" : "s") due by \(end) (within \(window) of \(today)): "
            + "\(overdueCount) overdue, \(upcoming) coming due"
    }

    /// Plain lines for a terminal: the owner, then each SOP indented under it.
    public var text: String {
        var lines = [summary]
        for group in groups {
            lines.append("")
            lines.append((group.owner.map(Self.oneLine) ?? "(no owner)") + (group.handle.map { " (\($0))" } ?? ""))
            for item in group.items {
                let last = item.last.map { "; last reviewed \($0)" } ?? ""
                lines.append("  \(Self.oneLine(item.title)) — \(Self.when(item))\(last)")
                lines.append("    \(Self.oneLine(item.url))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For a GitHub issue: a summary line, a heading per owner naming its handle (so that the owner is
    /// notified), and a task list of SOPs. Titles are escaped, so a title cannot end the link or add HTML.
    public var markdown: String {
        var lines = ["**\(summary)**"]
        if groups.isEmpty { lines += ["", "Nothing to review."] }
        for group in groups {
            lines.append("")
            // A handle is written as it is (it is checked when the configuration is read): escaped, it
            // would no longer mention anyone.
            let name: String
            if let owner = group.owner {
                name = Configuration.isHandle(owner) ? owner
                    : Self.escapeMarkdown(owner) + (group.handle.map { " (\($0))" } ?? "")
            } else {
                name = "No owner"
            }
            lines += ["## \(name)", ""]
            for item in group.items {
                let last = item.last.map { "; last reviewed \($0)" } ?? ""
                lines.append("- [ ] [\(Self.escapeMarkdown(item.title))](\(Self.markdownDestination(item.url))) — \(Self.when(item))\(last)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The stable JSON of `--format json`; keys may be added, never renamed.
    public var json: String {
        var owners: [String] = []
        for group in groups {
            var fields = ["\"owner\":\(Self.jsonValue(group.owner))"]
            if let handle = group.handle { fields.append("\"handle\":\(Self.jsonString(handle))") }
            let reviews = group.items.map { item in
                "{\"id\":\(Self.jsonString(item.id)),\"title\":\(Self.jsonString(item.title)),\"file\":\(Self.jsonString(item.file)),"
                    + "\"next\":\"\(item.next)\",\"last\":\(Self.jsonValue(item.last?.description)),"
                    + "\"overdue\":\(item.overdue),\"days\":\(item.days),\"url\":\(Self.jsonString(item.url))}"
            }
            fields.append("\"reviews\":[\(reviews.joined(separator: ","))]")
            owners.append("{\(fields.joined(separator: ","))}")
        }
        return "{\"version\":1,\"today\":\"\(today)\",\"within\":\(Self.jsonString(window.description)),\"end\":\"\(end)\","
            + "\"owners\":[\(owners.joined(separator: ","))]}\n"
    }

    // MARK: Escaping

    /// Every ASCII punctuation character backslash-escaped (CommonMark lets any be), and line breaks made
    /// spaces: the text stays literal whatever it holds (`]`, `|`, `<script>`, `*`).
    static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        for c in oneLine(text) {
            if c.isASCII, c.isPunctuation || c.isSymbol { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// A link destination that cannot end the link early: spaces, brackets, parentheses and angle
    /// brackets percent-encoded.
    static func markdownDestination(_ url: String) -> String {
        var out = ""
        for scalar in oneLine(url).unicodeScalars {
            if " ()<>[]|\\`\"'".unicodeScalars.contains(scalar) {
                out += String(format: "%%%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }

    static func jsonValue(_ text: String?) -> String { text.map(jsonString) ?? "null" }

    /// The baseline's JSON strings: the same escaping, written once.
    static func jsonString(_ text: String) -> String { Baseline.jsonString(text) }
}
