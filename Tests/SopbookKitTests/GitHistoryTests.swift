import Foundation
import Testing
@testable import SopbookKit

/// Revisions read from a real repository: every commit that changed a file, newest first, across a rename,
/// with author, date and subject; and a shallow clone or a folder outside Git said to be so.
@Suite struct GitHistoryTests {
    @Test func revisionsFollowRenamesNewestFirst() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("Content/finance/invoice.md", "---\nowner: A\n---\n# Invoice\n")
        try repo.write("README.md", "outside the content folder\n")
        try repo.commit("Write the invoice SOP", author: "Alice Martin", date: "2026-01-10")
        try repo.git("mv", "Content/finance/invoice.md", "Content/finance/issue-invoice.md")
        try repo.commit("Rename it", author: "Bob Stone", date: "2026-02-11")
        try repo.write("Content/finance/issue-invoice.md", "---\nowner: A\n---\n# Issue an invoice\n\nMore.\n")
        try repo.write("Content/hr/leave.md", "---\nowner: B\n---\n# Leave\n")
        try repo.commit("Reword; add leave", author: "Chloé Durand", date: "2026-03-12")
        let history = GitHistory.read(contentRoot: repo.root.appendingPathComponent("Content"))
        #expect(history.isRepository && !history.isShallow && history.head?.count == 40)
        let invoice = try #require(history.revisions["finance/issue-invoice.md"])
        #expect(invoice.map(\.author) == ["Chloé Durand", "Bob Stone", "Alice Martin"])
        #expect(invoice.map(\.date) == ["2026-03-12", "2026-02-11", "2026-01-10"])
        #expect(invoice.map(\.path) == ["finance/issue-invoice.md", "finance/issue-invoice.md", "finance/invoice.md"])
        #expect(invoice.first?.subject == "Reword; add leave" && invoice.first?.shortHash.count ?? 0 >= 7)
        #expect(history.revisions["finance/invoice.md"] == nil && history.revisions["README.md"] == nil)
        #expect(history.revisions["hr/leave.md"]?.count == 1)
        #expect(history.lastChange["finance/issue-invoice.md"] == GitHistory.Change(date: "2026-03-12", author: "Chloé Durand"))
    }

    @Test func aShallowCloneAndAFolderOutsideGitAreSaidToBeSo() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        for n in 1...3 {
            try repo.write("Content/a.md", "# A\n\nversion \(n)\n")
            try repo.commit("Version \(n)", author: "Alice Martin", date: "2026-01-0\(n)")
        }
        let clone = repo.root.appendingPathComponent("clone")
        try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.root.path, clone.path])
        let shallow = GitHistory.read(contentRoot: clone.appendingPathComponent("Content"))
        #expect(shallow.isRepository && shallow.isShallow)
        #expect(GitHistory.read(contentRoot: repo.root.appendingPathComponent("Content")).revisions["a.md"]?.count == 3)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-nogit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        #expect(!GitHistory.read(contentRoot: outside).isRepository)
    }
}
