import Foundation
import Testing
@testable import SopbookKit

/// A folder of more than `Layout.sidebarLimit` processes is listed in the sidebar in parts: each page shows
/// its own part, marked, with links to the parts before and after, so the page does not carry the folder.
struct SidebarPartsTests {
    @Test func aLongFolderIsListedInPartsWithLinksAround() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-sidebar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("content/ops")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Titles sort as their numbers: "Task 01" … "Task 60".
        for n in 1...60 {
            let name = String(format: "task-%02d", n)
            try Data("---\ntitle: Task \(String(format: "%02d", n))\nowner: Ops\n---\n## Steps\n1. Do it.\n".utf8)
                .write(to: folder.appendingPathComponent("\(name).md"))
        }
        let output = root.appendingPathComponent("out")
        try Pipeline.build(root.appendingPathComponent("content"), output: output)
        func sidebar(_ page: String) throws -> String {
            let html = try String(contentsOf: output.appendingPathComponent("ops/\(page).html"), encoding: .utf8)
            let start = try #require(html.range(of: "<nav class=\"sidebar\"")), end = try #require(html.range(of: "</nav>", range: start.upperBound..<html.endIndex))
            return String(html[start.lowerBound..<end.lowerBound])
        }
        let middle = try sidebar("task-30")
        #expect(middle.components(separatedBy: "data-item=").count - 1 == 25)
        #expect(middle.contains(">Task 26<") && middle.contains(">Task 50<") && !middle.contains(">Task 25<") && !middle.contains(">Task 51<"))
        #expect(middle.contains("<a href=\"task-01.html\">↑ 25 earlier</a>"), "\(middle)")
        #expect(middle.contains("<a href=\"task-51.html\">↓ 10 more</a>"), "\(middle)")
        #expect(middle.contains("class=\"current\"><a aria-current=\"page\" href=\"task-30.html\">Task 30</a>"))
        let first = try sidebar("task-01"), last = try sidebar("task-60")
        #expect(!first.contains("earlier") && first.contains("<a href=\"task-26.html\">↓ 35 more</a>"))
        #expect(last.contains("<a href=\"task-26.html\">↑ 50 earlier</a>") && !last.contains("more</a>"))
        #expect(last.components(separatedBy: "data-item=").count - 1 == 10)
    }

    /// The page's own item is marked by its number, whole: item 8 is not item 84, the last item and the
    /// first are found, and a list without the item is shown as it is.
    @Test func theCurrentItemIsMarkedByItsWholeNumber() {
        let list = "<ul>\n<li data-item=\"84\"><a href=\"b.html\">B</a></li>\n<li data-item=\"8\"><a href=\"a.html\">A</a></li>\n</ul>\n"
        func marked(_ item: Int) -> String {
            switch PageFrame.markCurrent(item, in: list) {
            case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
            case .text(let text): text
            default: ""
            }
        }
        let current = #"class="current"><a aria-current="page" "#
        #expect(marked(8) == list.replacingOccurrences(of: #"data-item="8"><a "#, with: #"data-item="8" "# + current))
        #expect(marked(84) == list.replacingOccurrences(of: #"data-item="84"><a "#, with: #"data-item="84" "# + current))
        #expect(marked(9) == list)
        #expect(marked(8).components(separatedBy: "aria-current").count == 2)
    }
}
