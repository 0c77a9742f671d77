import Foundation
import Testing
@testable import SopbookKit

/// `serve`'s incremental path must give exactly the site a cold build gives: after each kind of edit, the
/// output patched in place is compared byte for byte with a fresh build of the same content.
@Suite struct IncrementalBuildTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Sandbox {
        let root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var config: URL { root.appendingPathComponent("sopbook.yml") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-incremental-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repository.appendingPathComponent("Content"), to: content)
            try FileManager.default.copyItem(at: repository.appendingPathComponent("sopbook.yml"), to: config)
        }

        func workspace(output: String) throws -> Workspace {
            try Workspace(content: content.path, output: root.appendingPathComponent(output).path, templates: nil,
                          config: config.path, today: "2026-11-23", currentDirectory: root)
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = content.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            // A save a second later than the last one on coarse file systems: the stamp must move.
            try Data(change(text).utf8).write(to: url)
        }
    }

    /// Builds incrementally into `live`, cold into a fresh folder, and compares the two.
    func expectSameAsColdBuild(_ sandbox: Sandbox, session: IncrementalSession, round: Int, changedFiles: Set<String>? = nil,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildOutcome {
        let incremental = try session.build(try sandbox.workspace(output: "live"), changedFiles: changedFiles)
        let cold = try SiteBuilder.build(try sandbox.workspace(output: "cold-\(round)"))
        #expect(incremental.report.findings == cold.report.findings, sourceLocation: sourceLocation)
        let live = try SiteGoldenTests.files(under: sandbox.root.appendingPathComponent("live"))
        let fresh = try SiteGoldenTests.files(under: sandbox.root.appendingPathComponent("cold-\(round)"))
        #expect(Set(live.keys) == Set(fresh.keys), "round \(round): files differ", sourceLocation: sourceLocation)
        for (path, data) in fresh where live[path] != data {
            Issue.record("round \(round): \(path) differs from a cold build", sourceLocation: sourceLocation)
        }
        return incremental
    }

    /// The search index is a core and text shards, each its own file: a step edit rewrites the shard that
    /// holds the process, never the core (which has no steps).
    @Test func aStepEditRewritesOneSearchShardAndNotTheCore() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let session = IncrementalSession()
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 0)
        let live = sandbox.root.appendingPathComponent("live")
        let before = try SiteGoldenTests.files(under: live)
        try sandbox.edit("finance/issue-invoice.md") { $0.replacingOccurrences(of: "1. **Check the delivery note** in ShipStation",
                                                                              with: "1. **Check the signed delivery note** in ShipStation") }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 1)
        let after = try SiteGoldenTests.files(under: live)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed.contains("_sopbook/search/text-0.js") && !changed.contains("_sopbook/search/index.js"))
        #expect(session.stats.written == changed.count, "\(changed.sorted())")
    }

    /// A save that changes only prose (`BodyEdit`): the SOP's page and the print volumes that hold its body
    /// are written, nothing else is made again, and the site is the cold build's. A title save skips the
    /// checks. A save that changes what a check reads (a step, a link, a line number a finding points at)
    /// goes through the whole pipeline.
    @Test func proseAndTitleEditsCutThePipelineShort() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let session = IncrementalSession()
        let first = try expectSameAsColdBuild(sandbox, session: session, round: 0)
        let live = sandbox.root.appendingPathComponent("live")
        let invoice = "finance/issue-invoice.md", expense = "finance/expense-report.md"
        let page = try #require(first.pageByFile()[invoice]), expensePage = try #require(first.pageByFile()[expense])

        var before = try SiteGoldenTests.files(under: live)
        try sandbox.edit(invoice) { $0 + "\nOne more paragraph about invoices.\n" }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 1, changedFiles: [invoice])
        #expect(session.stats.cutOff == .bodies && session.stats.parsed == 1)
        var after = try SiteGoldenTests.files(under: live)
        var changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed.contains(page) && changed.contains { $0.hasPrefix("print/") })
        #expect(changed.allSatisfy { $0 == page || $0.hasPrefix("print/") }, "\(changed.sorted())")
        #expect(session.stats.written == changed.count, "\(changed.sorted())")

        // Two SOPs saved together, each a word changed in the prose of its Purpose.
        before = after
        try sandbox.edit(invoice) { $0.replacingOccurrences(of: "One more paragraph", with: "One further paragraph") }
        try sandbox.edit(expense) { $0 + "\nReceipts older than a year are kept in the archive.\n" }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 2, changedFiles: [invoice, expense])
        #expect(session.stats.cutOff == .bodies && session.stats.parsed == 2)
        after = try SiteGoldenTests.files(under: live)
        changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed.contains(page) && changed.contains(expensePage))

        // A step's text is in the search index; a link adds a backlink; a line added above the steps moves
        // every line a finding points at: each goes through the whole pipeline.
        let edits: [(String) -> String] = [
            { $0.replacingOccurrences(of: "1. **Check the delivery note**", with: "1. **Check the signed delivery note**") },
            { $0 + "\nSee also [the expense report](expense-report.md).\n" },
            { $0.replacingOccurrences(of: "## Steps", with: "A line before the steps.\n\n## Steps") },
        ]
        for (n, change) in edits.enumerated() {
            try sandbox.edit(invoice, change)
            _ = try expectSameAsColdBuild(sandbox, session: session, round: 3 + n, changedFiles: [invoice])  // rounds 3 to 5
            #expect(session.stats.cutOff == nil && session.stats.incremental, "edit \(n)")
        }
        // A title shows in lists, sidebars and links, but no finding, link or anchor reads it: only the
        // plan and the write run, and the site is the cold build's. With the prose in the same save too.
        try sandbox.edit(invoice) { $0.replacingOccurrences(of: "title: ", with: "title: Renamed — ") }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 10, changedFiles: [invoice])
        #expect(session.stats.cutOff == .titles && session.stats.resolved == 0 && session.stats.written > 2)
        try sandbox.edit(invoice) { $0.replacingOccurrences(of: "Renamed — ", with: "Renamed again — ") + "\nAnd a last paragraph.\n" }
        try sandbox.edit(expense) { $0 + "\nAnd a last paragraph.\n" }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 11, changedFiles: [invoice, expense])
        #expect(session.stats.cutOff == .titles)
        // The stages a title save skipped kept their memos: an owner changed next is checked as usual, the
        // invoice parsed again with it (its saves went around the memos).
        try sandbox.edit(expense) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("owner:") ? "owner: Studio Manager" : String($0) }.joined(separator: "\n")
        }
        let owner = try expectSameAsColdBuild(sandbox, session: session, round: 12, changedFiles: [expense])
        #expect(session.stats.cutOff == nil && session.stats.parsed == 2 && session.stats.resolved == 2)
        #expect(owner.report.findings.contains { $0.file == expense && $0.message.contains("Studio Manager") })

        // An attachment, or a file the last build did not have, is not a body.
        try Data("new".utf8).write(to: sandbox.content.appendingPathComponent("finance/notes.txt"))
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 13)
        try Data("newer".utf8).write(to: sandbox.content.appendingPathComponent("finance/notes.txt"))
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 14, changedFiles: ["finance/notes.txt"])
        #expect(session.stats.cutOff == nil)
    }

    @Test func everyKindOfEditGivesTheColdBuildsSite() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let session = IncrementalSession()
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 0)
        #expect(!session.stats.incremental)

        // A body edit: one file parsed, its page written (the search index shows steps, not paragraphs), and
        // the print packs that hold its body: the manual, its area's and its roles' reading packs.
        try sandbox.edit("finance/issue-invoice.md") { $0 + "\nOne more paragraph about invoices.\n" }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 1)
        #expect(session.stats.incremental)
        #expect(session.stats.parsed == 1)
        let packs = try SiteGoldenTests.files(under: sandbox.root.appendingPathComponent("live")).filter { path, data in
            path.hasPrefix("print/") && String(decoding: data, as: UTF8.self).contains("One more paragraph about invoices")
        }
        #expect(packs.count >= 3)
        #expect(session.stats.written == 1 + packs.count)

        // A title: the sidebar of its folder, its neighbours, backlinks, role pages and home change too.
        try sandbox.edit("finance/issue-invoice.md") { $0.replacingOccurrences(of: "title: ", with: "title: Renamed — ") }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 2)
        #expect(session.stats.incremental)
        #expect(session.stats.written > 2)

        // Steps removed from a page others link to by `#step-9`: their findings and pages change.
        try sandbox.edit("sales/prepare-quote.md") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { line in !(5...19).contains(where: { line.hasPrefix("\($0). ") }) }
                .joined(separator: "\n")
        }
        let anchors = try expectSameAsColdBuild(sandbox, session: session, round: 3)
        #expect(anchors.report.findings.contains { $0.rule == "broken-anchor" && $0.file == "sales/b2b-account-setup.md" })

        // An owner changed under a hint: the role index and the role pages follow.
        try sandbox.edit("finance/expense-report.md") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("owner:") ? "owner: Studio Manager" : String($0) }
                .joined(separator: "\n")
        }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 31)
        #expect(session.stats.incremental)

        // A new file, no hint: the folder is walked again but only the new file is read. (Every body is
        // rendered again: a new page can change where any link points.)
        try Data("---\ntitle: Count the till\nowner: Store Manager\n---\n\n## Steps\n\n1. Count it.\n".utf8)
            .write(to: sandbox.content.appendingPathComponent("operations/count-till.md"))
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 4)
        #expect(session.stats.read == 1)

        // A file deleted: its page goes away.
        try FileManager.default.removeItem(at: sandbox.content.appendingPathComponent("operations/count-till.md"))
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 5)

        // An id changed under a hint: links by id move, so the patch gives way to a full load.
        try sandbox.edit("hr/offboard-employee.md") { $0.replacingOccurrences(of: "---\n", with: "---\nid: leaving\n", options: [], range: $0.range(of: "---\n")) }
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 6)

        // A file made unreadable (not UTF-8) under a hint.
        let url = sandbox.content.appendingPathComponent("support/handle-ticket.md")
        try (try Data(contentsOf: url) + Data([0xE9, 0x0A])).write(to: url)
        _ = try expectSameAsColdBuild(sandbox, session: session, round: 7)
    }
}
