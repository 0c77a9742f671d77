import Foundation
import Testing
@testable import SopbookKit

/// `sopbook reviews`: which SOPs are due (the window's edges included), how they are grouped and ordered,
/// and that the Markdown made for an issue renders as a task list whatever the titles hold.
@Suite struct ReviewDigestTests {
    static let today = CivilDate(year: 2026, month: 12, day: 4)!

    static func sop(_ title: String, owner: String, review: String, status: String = "active") -> String {
        "---\ntitle: \(title)\nowner: \(owner)\nstatus: \(status)\nreview: \(review)\n---\n\n## Steps\n1. Do it.\n"
    }

    static func knowledgeBase(siteURL: String? = nil) throws -> (KnowledgeBase, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-reviews-\(UUID().uuidString)")
        let files = [
            "finance/today.md": sop("Due today", owner: "Finance Lead", review: "{ next: 2026-12-04 }"),
            "finance/late.md": sop("Late", owner: "Finance Lead", review: "{ next: 2026-11-22 }"),
            "finance/hostile.md": sop("'Pay ] the | <script>alert(1)</script> *bill*'", owner: "Finance Lead", review: "{ next: 2026-12-20 }"),
            "books/edge.md": sop("Window end", owner: "Accountant", review: "{ next: 2027-01-03 }"),
            "books/after.md": sop("After the window", owner: "Accountant", review: "{ next: 2027-01-04 }"),
            "old/retired.md": sop("Retired", owner: "Accountant", review: "{ next: 2026-01-01 }", status: "retired"),
            "old/draft.md": sop("Draft", owner: "Accountant", review: "{ next: 2026-01-01 }", status: "draft"),
            "shared.md": sop("Shared", owner: "[Zed, Finance Lead]", review: "{ last: 2026-06-01, every: 6 months }"),
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        var configuration = Configuration()
        configuration.roleHandles = ["Finance Lead": "@acme/finance"]
        configuration.siteURL = siteURL
        return (Pipeline.load(dir, configuration: configuration, today: today, renderBodies: false).checked.knowledgeBase, dir)
    }

    static func digest(siteURL: String? = nil) throws -> ReviewDigest {
        let (kb, dir) = try knowledgeBase(siteURL: siteURL)
        defer { try? FileManager.default.removeItem(at: dir) }
        return ReviewDigest(kb, today: today, window: try #require(ReviewDigest.Window("30d")), prefix: "Content/")
    }

    @Test func groupsByAccountableOwnerOverdueFirstWindowEdgesIncluded() throws {
        let digest = try Self.digest()
        #expect(digest.end == CivilDate(year: 2027, month: 1, day: 3))
        #expect(digest.groups.map(\.owner) == ["Accountant", "Finance Lead", "Zed"])
        #expect(digest.groups.map(\.handle) == [nil, "@acme/finance", nil])
        #expect(digest.groups[0].items.map(\.file) == ["Content/books/edge.md"])
        #expect(digest.groups[1].items.map(\.file) == ["Content/finance/late.md", "Content/finance/today.md", "Content/finance/hostile.md"])
        let late = digest.groups[1].items[0], dueToday = digest.groups[1].items[1]
        #expect(late.overdue && late.days == 12)
        #expect(!dueToday.overdue && dueToday.days == 0)
        #expect(digest.groups[0].items[0].days == 30 && !digest.groups[0].items[0].overdue)
        // `last + every`, the date review-overdue uses.
        let shared = try #require(digest.groups[2].items.first)
        #expect(shared.next == CivilDate(year: 2026, month: 12, day: 1) && shared.overdue && shared.days == 3)
        #expect(shared.last == CivilDate(year: 2026, month: 6, day: 1))
        #expect(digest.count == 5 && digest.overdueCount == 2)
        #expect(late.url == "Content/finance/late.md")
    }

    @Test func linksGoToTheSiteWhenItsURLIsKnown() throws {
        let digest = try Self.digest(siteURL: "https://acme.github.io/ops/")
        #expect(digest.groups[1].items[0].url == "https://acme.github.io/ops/finance/late.html")
        let json = digest.render(.json)
        #expect(json.hasPrefix("{\"version\":1,\"today\":\"2026-12-04\",\"within\":\"30 days\","))
        #expect(json.contains("{\"owner\":\"Finance Lead\",\"handle\":\"@acme/finance\",\"reviews\":[{\"id\":\"finance/late\",\"title\":\"Late\","
            + "\"file\":\"Content/finance/late.md\",\"next\":\"2026-11-22\",\"last\":null,\"overdue\":true,\"days\":12,"
            + "\"url\":\"https://acme.github.io/ops/finance/late.html\"}"))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["owners"] as? [Any])?.count == 3)
    }

    @Test func windows() {
        for (text, days) in [("30d", 30), ("2w", 14), ("30 days", 30), ("6 weeks", 42), ("0d", 0)] {
            #expect(ReviewDigest.Window(text).map { $0.end(from: Self.today).dayNumber - Self.today.dayNumber } == days, "\(text)")
        }
        #expect(ReviewDigest.Window("1 month")?.end(from: Self.today) == CivilDate(year: 2027, month: 1, day: 4))
        #expect(ReviewDigest.Window("3m")?.end(from: Self.today) == CivilDate(year: 2027, month: 3, day: 4))
        for bad in ["", "d", "30", "-2d", "3x", "thirty days"] { #expect(ReviewDigest.Window(bad) == nil, "\(bad)") }
    }

    @Test func markdownRendersAsATaskListAndTitlesStayText() throws {
        let markdown = try Self.digest().render(.markdown)
        #expect(markdown.contains("## Finance Lead (@acme/finance)\n"))
        #expect(markdown.contains("- [ ] [Late](Content/finance/late.md) — overdue since 2026-11-22 (12 days)\n"))
        #expect(markdown.contains("- [ ] [Due today](Content/finance/today.md) — due 2026-12-04 (today)\n"))
        let document = try #require(MarkdownDocument(markdown: markdown, lineOffset: 0, unsafeHTML: false))
        let html = document.renderHTML { _, _ in nil }
        #expect(html.components(separatedBy: "type=\"checkbox\"").count - 1 == 5, "\(html)")
        #expect(!html.contains("<script"))
        #expect(html.contains("<a href=\"Content/finance/hostile.md\">Pay ] the | &lt;script&gt;alert(1)&lt;/script&gt; *bill*</a>"), "\(html)")
        #expect(!html.contains("<table"))
    }

    @Test func textListsEachOwnerThenItsSOPs() throws {
        let text = try Self.digest().render(.text)
        #expect(text.hasPrefix("5 SOP reviews due by 2027-01-03 (within 30 days of 2026-12-04): 2 overdue, 3 coming due\n\nAccountant\n"))
        #expect(text.contains("  Late — overdue since 2026-11-22 (12 days)\n    Content/finance/late.md\n"))
        #expect(text.contains("  Shared — overdue since 2026-12-01 (3 days); last reviewed 2026-06-01\n"))
    }
}
