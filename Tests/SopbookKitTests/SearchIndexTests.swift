import Foundation
import Testing
@testable import SopbookKit

/// The split search index: a small core, text shards a process keeps, and keys that let `serve` rewrite only
/// the files an edit changes.
struct SearchIndexTests {
    static func entry(_ n: Int, steps: [String]? = nil, retired: Bool = false) -> SearchIndex.Entry {
        SearchIndex.Entry(title: "Process \(n)", url: "area\(n % 3)/folder\(n % 5)/p\(n).html", summary: "Summary \(n)",
                          owner: "Ops", roles: "Ops · Finance", tags: "t\(n)", area: "Area \(n % 3)",
                          steps: steps ?? ["Open the file of \(n).", "Close it."], retired: retired)
    }

    static func keys(_ jobs: [PageJob]) throws -> [String: Int] {
        let theme = try Theme.load(overrides: nil)
        return Dictionary(uniqueKeysWithValues: jobs.map { ($0.path, $0.key(theme: theme)) })
    }

    static func script(_ job: PageJob) -> String {
        guard case .searchIndex(let part) = job.content else { return "" }
        return String(decoding: part.script(), as: UTF8.self)
    }

    @Test func theShardOfAPageIsFNV1aAndTheSameInEveryRun() {
        // Fixed numbers: Swift's `Hasher` would give others in every process, and so other files.
        #expect(SearchIndex.shard(of: "finance/invoice.html", count: 25) == 7)
        #expect(SearchIndex.shard(of: "qualité/contrôle.html", count: 7) == 3)
    }

    @Test func aThousandProcessesMakeACoreAndThreeShardsHoldingEachProcessOnce() throws {
        let entries = (0..<1000).map { Shared(Self.entry($0, retired: $0 == 999)) }
        let jobs = SearchIndex.jobs(processes: entries, roles: [SearchIndex.RoleEntry(name: "Ops", url: "roles/ops.html")])
        #expect(jobs.map(\.path) == ["_sopbook/search/index.js", "_sopbook/search/text-0.js", "_sopbook/search/text-1.js",
                                     "_sopbook/search/text-2.js"])
        let core = Self.script(jobs[0])
        let prefix = "window.SOPBOOK_SEARCH="
        #expect(core.hasPrefix(prefix) && core.hasSuffix(";\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(core.dropFirst(prefix.count).dropLast(2).utf8)) as? [String: Any])
        #expect(json["text"] as? Int == 3)
        let folders = try #require(json["folders"] as? [String])
        let rows = try #require(json["processes"] as? [[Any]])
        #expect(rows.count == 1000 && folders.count == 15)
        let first = try #require(rows.first)
        #expect(first[0] as? String == "Process 0" && (first[1] as? Int).map { folders[$0] } == "area0/folder0/" && first[2] as? String == "p0.html")
        #expect(rows.last?.count == 5 && rows.dropLast().allSatisfy { $0.count == 4 })
        #expect(!core.contains("Summary") && !core.contains("Open the file"))
        var seen: [String] = []
        for (n, job) in jobs.dropFirst().enumerated() {
            let text = Self.script(job)
            let head = "window.SOPBOOK_SEARCH_TEXT_\(n)="
            #expect(text.hasPrefix(head))
            let shard = try #require(try JSONSerialization.jsonObject(with: Data(text.dropFirst(head.count).dropLast(2).utf8)) as? [[Any]])
            seen += shard.compactMap { $0.first as? String }
            #expect(shard.allSatisfy { ($0.first as? String).map { SearchIndex.shard(of: $0, count: 3) } == n })
        }
        #expect(seen.sorted() == entries.map(\.value.url).sorted())
    }

    @Test func aStepEditChangesOneShardAndATitleEditTheCoreAndThatShard() throws {
        var entries = (0..<1000).map { Shared(Self.entry($0)) }
        let before = try Self.keys(SearchIndex.jobs(processes: entries, roles: []))
        entries[500] = Shared(Self.entry(500, steps: ["Open the file of 500.", "Close it firmly."]))
        let shard = "_sopbook/search/text-\(SearchIndex.shard(of: entries[500].value.url, count: 3)).js"
        let afterStep = try Self.keys(SearchIndex.jobs(processes: entries, roles: []))
        #expect(Set(afterStep.keys.filter { afterStep[$0] != before[$0] }) == [shard])
        var retitled = Self.entry(500, steps: ["Open the file of 500.", "Close it firmly."])
        retitled.title = "Another title"
        entries[500] = Shared(retitled)
        let afterTitle = try Self.keys(SearchIndex.jobs(processes: entries, roles: []))
        #expect(Set(afterTitle.keys.filter { afterTitle[$0] != afterStep[$0] }).isSubset(of: ["_sopbook/search/index.js", shard]))
        #expect(afterTitle["_sopbook/search/index.js"] != afterStep["_sopbook/search/index.js"])
    }

    @Test func anEmptyKnowledgeBaseHasACoreAndOneEmptyShard() {
        let jobs = SearchIndex.jobs(processes: [], roles: [])
        #expect(jobs.map(Self.script) == [
            "window.SOPBOOK_SEARCH={\"text\":1,\"folders\":[],\"areas\":[],\"processes\":[],\"roles\":[]};\n",
            "window.SOPBOOK_SEARCH_TEXT_0=[];\n",
        ])
    }
}
