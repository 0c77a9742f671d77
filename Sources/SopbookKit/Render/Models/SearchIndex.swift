import Foundation

/// What the search box searches, split so that the first keystroke downloads a small part of it.
///
/// One index of everything was 17 MB at 10,000 processes, downloaded and parsed before the first result
/// could show. It is now two kinds of scripts under `_sopbook/search/` (scripts that set a global, because
/// browsers refuse `fetch` on `file://` pages):
/// - `index.js`, the **core**: the title, page, area and retired flag of every process, and the roles. The
///   common query, a word of a title or a role, is answered from it alone; at 10,000 processes it is some
///   0.8 MB, because pages are written as a folder number and a file name, and areas as a number. (It
///   grows by some 83 bytes a process, so it passes 3 MB near 36,000 processes: split it by the same hash
///   as the text, should a knowledge base come near that.)
/// - `text-K.js`, the **text shards**: summary, owner, roles, tags and steps, each process in the shard
///   its page's FNV-1a hash names, about 400 processes (well under 1 MB) a shard. The script loads them after
///   it has shown the core's results, and refines the results as each arrives. A hash rather than ranges of
///   the page order keeps a process in its shard when others are added or removed, so an edit rewrites the
///   core and one shard (and a step edit that shard alone), and the shards stay even whatever the folders.
enum SearchIndex {
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

    /// Processes per text shard: at the 1,700 bytes a generated process takes, some 0.7 MB a shard.
    static let processesPerShard = 400
    static let folder = "_sopbook/search/"

    /// One file of the index, and what it is made of: its key is the hash of this value.
    enum Part: Hashable, Sendable {
        case core(Core)
        case text(TextShard)

        func script() -> Data {
            switch self {
            case .core(let core): core.script()
            case .text(let shard): shard.script()
            }
        }
    }

    /// The page jobs of the index: `processes` in the order results of equal rank keep (retired last).
    static func jobs(processes: [Shared<Entry>], roles: [RoleEntry]) -> [PageJob] {
        let count = max(1, (processes.count + processesPerShard - 1) / processesPerShard)
        var shards = Array(repeating: [Shared<Entry>](), count: count)
        for p in processes { shards[shard(of: p.value.url, count: count)].append(p) }
        let core = Core(processes: processes.map { CoreEntry($0.value) }, roles: roles, shardCount: count)
        return [PageJob(path: folder + "index.js", content: .searchIndex(.core(core)))]
            + shards.enumerated().map { n, list in
                PageJob(path: folder + "text-\(n).js", content: .searchIndex(.text(TextShard(number: n, processes: list))))
            }
    }

    /// FNV-1a of the page's UTF-8 bytes: the same in every run (Swift's `Hasher` is seeded per process).
    static func shard(of url: String, count: Int) -> Int {
        var h: UInt32 = 2_166_136_261
        for b in url.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return Int(h % UInt32(count))
    }

    /// What the core holds of a process; only this, so that a step edit leaves the core's key alone.
    struct CoreEntry: Hashable, Sendable {
        var title: String
        var url: String
        var area: String
        var retired: Bool

        init(_ e: Entry) {
            (title, url, area, retired) = (e.title, e.url, e.area, e.retired)
        }
    }

    struct Core: Hashable, Sendable {
        var processes: [CoreEntry]
        var roles: [RoleEntry]
        var shardCount: Int

        /// `window.SOPBOOK_SEARCH={"text":N,"folders":[…],"areas":[…],"processes":[[title,folder,file,area(,1 if retired)]…],"roles":[[name,url]…]};`
        func script() -> Data {
            var folders = Table(), areas = Table()
            // Bytes appended to one buffer, and the folder cut on UTF-8: `serve` writes the core again at every
            // title edit, and a string per row and a search by `Character` were most of its time.
            var rows: [UInt8] = []
            rows.reserveCapacity(processes.count * 96)
            for (n, p) in processes.enumerated() {
                let cut = p.url.utf8.lastIndex(of: UInt8(ascii: "/")).map { p.url.utf8.index(after: $0) } ?? p.url.startIndex
                let f = folders.number(p.url[..<cut]), a = areas.number(p.area[...])
                rows.append(contentsOf: n == 0 ? [UInt8(ascii: "[")] : [UInt8(ascii: ","), UInt8(ascii: "[")])
                JSONReport.append(p.title[...], to: &rows)
                rows.append(contentsOf: ",\(f),".utf8)
                JSONReport.append(p.url[cut...], to: &rows)
                rows.append(contentsOf: ",\(a)\(p.retired ? ",1" : "")]".utf8)
            }
            let j = JSONReport.string
            var out = Data("window.SOPBOOK_SEARCH={\"text\":\(shardCount),\"folders\":[".utf8)
            out.append(contentsOf: (folders.names.map(j).joined(separator: ",") + "],\"areas\":[" + areas.names.map(j).joined(separator: ",")
                + "],\"processes\":[").utf8)
            out.append(contentsOf: rows)
            out.append(contentsOf: ("],\"roles\":[" + roles.map { "[\(j($0.name)),\(j($0.url))]" }.joined(separator: ",") + "]};\n").utf8)
            return out
        }
    }

    /// Names numbered in the order they first appear, so the same input numbers them the same way.
    struct Table {
        var names: [String] = []
        var numbers: [Substring: Int] = [:]

        mutating func number(_ name: Substring) -> Int {
            if let n = numbers[name] { return n }
            numbers[name] = names.count
            names.append(String(name))
            return names.count - 1
        }
    }

    struct TextShard: Hashable, Sendable {
        var number: Int
        var processes: [Shared<Entry>]

        /// `window.SOPBOOK_SEARCH_TEXT_K=[[url,summary,owner,roles,tags,[step…]]…];`
        func script() -> Data {
            var out = Array("window.SOPBOOK_SEARCH_TEXT_\(number)=[".utf8)
            out.reserveCapacity(processes.count * 1_600)
            for (n, shared) in processes.enumerated() {
                let e = shared.value
                out.append(contentsOf: n == 0 ? [UInt8(ascii: "[")] : [UInt8(ascii: ","), UInt8(ascii: "[")])
                for field in [e.url, e.summary, e.owner, e.roles, e.tags] {
                    JSONReport.append(field[...], to: &out)
                    out.append(UInt8(ascii: ","))
                }
                out.append(UInt8(ascii: "["))
                for (k, step) in e.steps.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    JSONReport.append(step[...], to: &out)
                }
                out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "]")])
            }
            out.append(contentsOf: "];\n".utf8)
            return Data(out)
        }
    }
}
