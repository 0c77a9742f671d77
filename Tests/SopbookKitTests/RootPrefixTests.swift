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
