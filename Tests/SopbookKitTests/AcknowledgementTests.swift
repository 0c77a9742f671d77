import Foundation
import Testing
@testable import SopbookKit

/// The records of `acknowledgements/`: the bytes `sopbook ack` writes, read back the same; every hand
/// edit it does not write found with its line; and, in a real Git repository, an acknowledgement made
/// outdated by a later commit, with the training matrix and the page of what changed.
@Suite struct AcknowledgementTests {
    static let day = CivilDate(year: 2026, month: 11, day: 2)!

    @Test func aRecordIsWrittenSortedAndReadBackTheSame() throws {
        let record = AcknowledgementRecord(file: "acknowledgements/zoe.yml", person: "Zoé \"Z\" O'Neil: ops", entries: [
            Acknowledgement(sop: "hr/payroll", hash: "0123456789abcdef", commit: nil, date: Self.day),
            Acknowledgement(sop: "finance/invoice", hash: "fedcba9876543210", commit: String(repeating: "a", count: 40), date: Self.day),
        ])
        #expect(record.text == """
            # Written by `sopbook ack`: the revision of each SOP this person read.
            person: "Zoé \\"Z\\" O'Neil: ops"
            acknowledged:
              - sop: finance/invoice
                hash: fedcba9876543210
                commit: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
                date: 2026-11-02
              - sop: hr/payroll
                hash: 0123456789abcdef
                date: 2026-11-02

            """)
        let (read, problems) = AcknowledgementReader.parse(record.text, file: record.file)
        #expect(problems.isEmpty)
        let back = try #require(read)
        #expect(back.person == record.person && back.personLine == 2)
        #expect(back.entries.map(\.sop) == ["finance/invoice", "hr/payroll"] && back.entries.map(\.line) == [4, 8])
        #expect(back.entries.map(\.hash) == record.entries.map(\.hash) && back.entries.map(\.commit) == record.entries.map(\.commit))
        // Written again, byte for byte the same: a re-run changes nothing in Git.
        #expect(back.text == record.text)
        let replaced = back.replacing(Acknowledgement(sop: "hr/payroll", hash: "1111111111111111", commit: nil, date: Self.day))
        #expect(replaced.entries.count == 2 && replaced.entries.last?.hash == "1111111111111111")
        #expect(AcknowledgementRecord.fileName(for: "Chloé Durand") == "chloé-durand.yml")
    }

    @Test func everyHandEditItDoesNotWriteIsAProblemWithItsLine() {
        let text = """
            person: Alice Martin
            acknowledged:
              - sop: finance/invoice
                hash: 0123456789ABCDEF
                date: 2026-11-01
              - sop: hr/payroll
                hash: 0123456789abcdef
                commit: abc123
                date: 2026-11-01
              - sop: hr/leave
                date: 2026-11-01
              - sop: ops/open
                hash: 0123456789abcdef
                date: 1 November
              - sop: ops/close
                hash: 0123456789abcdef
                date: 2026-11-01
              - sop: ops/close
                hash: 0123456789abcdef
                date: 2026-11-02
            signed_by: HR
            person: Bob
              orphan: line
            note "unterminated
            """
        let (record, problems) = AcknowledgementReader.parse(text, file: "acknowledgements/alice.yml")
        #expect(problems.map(\.line) == [4, 8, 10, 14, 18, 21, 22, 23, 24])
        #expect(problems.allSatisfy { $0.file == "acknowledgements/alice.yml" })
        #expect(problems[0].message.contains("`hash` must be 16 lowercase hex digits"))
        #expect(problems[1].message.contains("`commit` must be a full commit hash"))
        #expect(problems[2].message == "this entry has no `hash`")
        #expect(problems[3].message.contains("`date` must be a date"))
        #expect(problems[4].message.contains("acknowledged twice (first on line 15)"))
        #expect(problems[5].message.contains("unknown key `signed_by`"))
        #expect(problems[6].message.contains("`person` is given twice"))
        // The good entry is kept, the rest reported, nothing dropped without a word.
        #expect(record?.entries.map(\.sop) == ["ops/close"])
        let (none, missing) = AcknowledgementReader.parse("acknowledged: []\n", file: "acknowledgements/x.yml")
        #expect(none == nil && missing.map(\.line) == [1])
        let (_, quote) = AcknowledgementReader.parse("person: \"Alice\n", file: "acknowledgements/x.yml")
        #expect(quote.first?.line == 1 && quote.first?.message.contains("quoted string") == true)
    }

    @Test func aFileThatIsNotARecordIsAProblemNotACrash() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-ack-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("acknowledgements")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data([0xff, 0xfe, 0x00]).write(to: folder.appendingPathComponent("binary.yml"))
        try Data("person: A\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let read = AcknowledgementReader.read(besideConfigurationIn: root)
        #expect(read.records.isEmpty)
        #expect(read.problems.map(\.file) == ["acknowledgements/binary.yml", "acknowledgements/notes.txt"])
        #expect(read.problems.map(\.line) == [1, 1])
    }

    @Test func lineDiffMarksRemovedThenAddedLines() {
        let diff = LineDiff.diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n")
        #expect(diff.map { "\($0.kind.rawValue):\($0.text)" } == ["same:a", "removed:b", "added:B", "same:c", "same:d", "added:e"])
        #expect(LineDiff.diff("x\n", "x\n").allSatisfy { $0.kind == .same })
    }

    @Test func peopleWhoseNamesGiveOneSlugGetTheirOwnPages() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-ack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("sopbook.yml", "people:\n  Ann Lee: { roles: [Ops] }\n  ann lee: { roles: [Ops] }\n  \"!!!\": { roles: [Ops] }\n")
        try write("Content/a.md", "---\nid: a\nowner: Ops\n---\n# A\n\n## Steps\n1. Do it.\n")
        for (file, name) in [("one", "Ann Lee"), ("two", "ann lee"), ("three", "\"!!!\"")] {
            try write("acknowledgements/\(file).yml", "person: \(name)\nacknowledged:\n  - sop: a\n    hash: 0000000000000000\n    date: 2026-11-01\n")
        }
        let workspace = try Workspace(content: "Content", output: "Output", templates: nil, config: nil, today: "2026-11-23", currentDirectory: root)
        let outcome = try SiteBuilder.build(workspace)
        #expect(Set(outcome.report.findings.filter { $0.rule == "acknowledgement-outdated" }.compactMap(\.subject)) == ["!!!", "Ann Lee", "ann lee"])
        for folder in ["ann-lee", "ann-lee-2", "person"] {
            let page = root.appendingPathComponent("Output/training/\(folder)/a.html")
            #expect(FileManager.default.fileExists(atPath: page.path), "no page for \(folder)")
        }
        let annLee2 = try String(contentsOf: root.appendingPathComponent("Output/training/ann-lee-2/a.html"), encoding: .utf8)
        #expect(annLee2.contains("<span aria-current=\"page\">ann lee</span>"))
    }

    /// A procedure's content hash is taken when something reads it (people or acknowledgements configured,
    /// or asked for, as `impact` and `ack` do), and is that of the file's bytes; otherwise it is empty.
    @Test func theContentHashIsTakenWhenTrainingReadsIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let text = "---\nid: a\nowner: Ops\n---\n# A\n\n## Steps\n1. Do it.\n"
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: root.appendingPathComponent("a.md"))
        var trained = Configuration()
        trained.people = [Configuration.Person(name: "Ann", roles: ["Ops"])]
        let expected = ContentHash.of(Array(text.utf8))
        for (configuration, asked, hashed) in [(Configuration(), nil, false), (trained, nil, true), (Configuration(), true, true)] as [(Configuration, Bool?, Bool)] {
            let input = Pipeline.Input(content: root, configuration: configuration, today: Pipeline.testToday, renderBodies: false, hashesContent: asked)
            let hash = Pipeline.check(input).knowledgeBase.procedures.first?.contentHash
            #expect(hash == (hashed ? expected : ""))
        }
    }
}
