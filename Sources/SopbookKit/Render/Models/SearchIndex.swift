import Foundation

/// `_sopbook/search-index.js`: what the search box searches, as a script so that it loads from `file://`
/// where `fetch` is refused.
struct SearchIndex: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var title: String
        var url: String
        var summary: String
        var owner: String
        var roles: String
        var tags: String
        var area: String
        /// Step texts, each cut to 300 characters.
        var steps: [String]
        /// Ranked after every current SOP by the search script, so a reader finds the current one first.
        var retired = false
    }

    struct RoleEntry: Hashable, Sendable {
        var name: String
        var url: String
    }

    /// In page order.
    var processes: [Shared<Entry>]
    var roles: [RoleEntry]

    func script() -> Data {
        let j = JSONReport.string
        let parts: [String] = Parallel.map(processes) { shared in
            let e = shared.value
            var entry = "{\"t\":\(j(e.title)),\"u\":\(j(e.url)),\"s\":\(j(e.summary)),\"o\":\(j(e.owner)),"
            entry += "\"r\":\(j(e.roles)),\"g\":\(j(e.tags)),\"a\":\(j(e.area)),\"p\":["
            entry += e.steps.map(j).joined(separator: ",")
            entry += e.retired ? "],\"x\":1}" : "]}"
            return entry
        }
        let roleList = roles.map { "{\"t\":\(j($0.name)),\"u\":\(j($0.url))}" }
        // Straight into one buffer: at 10,000 processes the index is some 17 MB, and each joined copy of it counted.
        let head = "window.SOPBOOK_INDEX={\"processes\":[", middle = "],\"roles\":[", tail = "]};\n"
        var out = Data(capacity: parts.reduce(0) { $0 + $1.utf8.count + 1 } + roleList.reduce(0) { $0 + $1.utf8.count + 1 } + 64)
        out.append(contentsOf: head.utf8)
        for (n, part) in parts.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: part.utf8)
        }
        out.append(contentsOf: middle.utf8)
        for (n, role) in roleList.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: role.utf8)
        }
        out.append(contentsOf: tail.utf8)
        return out
    }
}
