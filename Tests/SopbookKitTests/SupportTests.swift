import Testing
@testable import SopbookKit

/// `rootPrefix` counts folders on bytes; its oracle is the plain definition by `split`.
@Suite struct RootPrefixTests {
    @Test(arguments: ["index.html", "a/b.html", "a/b/c.html", "roles/x.html", "a//b.html", "/a/b.html", "a/b/", "", "é/ü/ß.html"])
    func matchesTheSplitDefinition(_ page: String) {
        let oracle = String(repeating: "../", count: max(0, page.split(separator: "/").count - 1))
        #expect(ContentPath.rootPrefix(forPage: page) == oracle)
    }
}

/// `partitionPoint` against its oracle, the first index where the predicate stops holding, found by a scan.
@Suite struct PartitionPointTests {
    @Test(arguments: [0, 1, 2, 3, 7, 8, 20])
    func findsTheFirstElementNotBefore(_ count: Int) {
        let sorted = (0..<count).map { $0 * 2 }
        for probe in -1...(count * 2 + 1) {
            let oracle = sorted.firstIndex { !($0 < probe) } ?? sorted.endIndex
            #expect(sorted.partitionPoint { $0 < probe } == oracle)
        }
    }
}
