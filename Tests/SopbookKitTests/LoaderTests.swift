import Foundation
import Testing
@testable import SopbookKit

@Suite struct LoaderTests {
    static func tempFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: getuid() != 0, "root can read a file without permissions"))
    func unreadableFileIsReported() throws {
        let root = try Self.tempFolder()
        defer {
            chmod(root.appendingPathComponent("locked.md").path, 0o644)
            try? FileManager.default.removeItem(at: root)
        }
        try Data("---\nowner: A\n---\n".utf8).write(to: root.appendingPathComponent("locked.md"))
        chmod(root.appendingPathComponent("locked.md").path, 0)
        let loaded = ContentLoader(root: root).load()
        #expect(loaded.findings.map(\.rule) == ["unreadable-file"])
        #expect(loaded.findings.first?.file == "locked.md")
    }

    @Test func symlinkLoopsAreWalkedOnceAndOutsideLinksReported() throws {
        let root = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("---\nowner: A\n---\n".utf8).write(to: root.appendingPathComponent("a/x.md"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("a/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("home.md").path, withDestinationPath: "/etc/hosts")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("gone.md").path, withDestinationPath: "/nonexistent/file.md")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dangling.md").path, withDestinationPath: "a/missing.md")
        let loaded = ContentLoader(root: root).load()
        #expect(loaded.sources.map(\.path) == ["a/x.md"])
        #expect(loaded.findings.map { "\($0.file) \($0.rule)" }.sorted() == [
            "dangling.md broken-link", "gone.md link-outside-content", "home.md link-outside-content",
        ])
    }

    /// Two entries of the root that reach one folder (the folder and a symlink to it, in either order of
    /// names): walked once, by the first in order, as a walk on one core does, though each entry of the
    /// root is walked on its own.
    @Test func aFolderReachedByTwoRootEntriesIsWalkedOnceByTheFirst() throws {
        for (folder, link) in [("a", "b"), ("b", "a")] {
            let root = try Self.tempFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            try Data("---\nowner: A\n---\n".utf8).write(to: root.appendingPathComponent(folder + "/x.md"))
            try Data("---\nowner: A\n---\n".utf8).write(to: root.appendingPathComponent("c.md"))
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(link).path, withDestinationPath: folder)
            let loaded = ContentLoader(root: root).load()
            #expect(loaded.sources.map(\.path) == ["a/x.md", "c.md"], "folder \(folder), link \(link)")
            #expect(loaded.findings.isEmpty)
        }
    }

    /// `links.dot_folders` opens dot-folders for attachments only (never `.git`, never an SOP); `links.index_pages`
    /// reads `_index.md` as an SOP. Without them, both are skipped as before.
    @Test func conventionsOpenDotFoldersAndIndexPages() throws {
        let root = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for path in [".gitbook/assets/a.png", ".gitbook/notes.md", ".git/config", "s/_index.md", "s/_draft.md", "s/x.md"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("---\nowner: A\n---\n".utf8).write(to: url)
        }
        let plain = ContentLoader(root: root).load()
        #expect(plain.sources.map(\.path) == ["s/x.md"] && plain.attachments.isEmpty)
        var links = LinkConventions()
        links.dotFolders = true
        links.indexPages = ["_index.md", "index.md"]
        let opened = ContentLoader(root: root, links: links).load()
        #expect(opened.sources.map(\.path) == ["s/_index.md", "s/x.md"])
        #expect(opened.attachments == [".gitbook/assets/a.png"])
    }

    /// A file's digest tells its versions apart: every one-byte change, every truncation and every added
    /// byte of a text gives a digest of its own.
    @Test func digestsTellEveryOneByteEditApart() {
        let text = Array("---\nowner: Finance\n---\n# Pay an invoice\n\n1. Check the total.\n".utf8)
        var variants: [[UInt8]] = [text, []]
        for i in text.indices {
            for delta: UInt8 in [1, 32, 128] {
                var edited = text
                edited[i] = edited[i] &+ delta
                variants.append(edited)
            }
            variants.append(Array(text[..<i]))
            variants.append(text + Array(repeating: UInt8(i & 0xFF), count: 1 + i % 9))
        }
        let distinct = Set(variants)
        #expect(Set(distinct.map(SourceFile.digest(of:))).count == distinct.count)
    }
}

