import Foundation
import Testing

/// `sopbook ack` through the binary: it writes the person's record beside sopbook.yml, replaces an earlier
/// entry of the same SOP, and refuses an unknown SOP or person with exit status 2 and a "did you mean".
@Suite(.serialized) struct AckCLITests {
    static func handbook() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-ack-\(UUID().uuidString)")
        try BaselineCLITests.write(dir, "sopbook.yml", """
            roles: [Accountant]
            people:
              Alice Martin: { roles: [Accountant] }
            """)
        try BaselineCLITests.write(dir, "Content/invoice.md", "---\nid: finance/invoice\nowner: Accountant\n---\n# Invoice\n\n## Steps\n1. Send it.\n")
        try BaselineCLITests.write(dir, "Content/payroll.md", "---\nid: hr/payroll\nowner: Accountant\n---\n# Payroll\n\n## Steps\n1. Pay.\n")
        return dir
    }

    @Test func writesTheRecordThenReplacesTheEntry() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLITests.run(["ack", "hr/payroll", "--as", "Alice Martin", "--today", "2026-11-01"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("recorded acknowledgements/alice-martin.yml"))
        try CLITests.run(["ack", "finance/invoice", "--as", "Alice Martin", "--today", "2026-11-02"], in: dir)
        let payrollHash = try #require(try Self.hash(of: dir, "Content/payroll.md"))
        let invoiceHash = try #require(try Self.hash(of: dir, "Content/invoice.md"))
        // Outside Git there is no commit to record.
        let expected = """
            # Written by `sopbook ack`: the revision of each SOP this person read.
            person: Alice Martin
            acknowledged:
              - sop: finance/invoice
                hash: \(invoiceHash)
                date: 2026-11-02
              - sop: hr/payroll
                hash: \(payrollHash)
                date: 2026-11-01

            """
        #expect(try BaselineCLITests.read(dir, "acknowledgements/alice-martin.yml") == expected)

        // The SOP changes; acknowledging it again replaces the entry, and the record stays in id order.
        try BaselineCLITests.write(dir, "Content/payroll.md", "---\nid: hr/payroll\nowner: Accountant\n---\n# Payroll\n\n## Steps\n1. Pay on the 25th.\n")
        let check = try CLITests.run(["check", "--today", "2026-11-03"], in: dir)
        #expect(check.stdout.contains("Alice Martin acknowledged an earlier revision (on 2026-11-01)"))
        let again = try CLITests.run(["ack", "hr/payroll", "--as", "Alice Martin", "--today", "2026-11-03"], in: dir)
        #expect(again.status == 0 && again.stdout.contains("updated acknowledgements/alice-martin.yml"))
        let newHash = try #require(try Self.hash(of: dir, "Content/payroll.md"))
        #expect(newHash != payrollHash)
        let record = try BaselineCLITests.read(dir, "acknowledgements/alice-martin.yml")
        #expect(record == expected.replacingOccurrences(of: "hash: \(payrollHash)\n    date: 2026-11-01", with: "hash: \(newHash)\n    date: 2026-11-03"))
        #expect(!(try CLITests.run(["check", "--today", "2026-11-03"], in: dir)).stdout.contains("acknowledgement-outdated"))
    }

    @Test func refusesAnUnknownSOPOrPersonWithExitStatus2() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sop = try CLITests.run(["ack", "hr/payrol", "--as", "Alice Martin"], in: dir)
        #expect(sop.status == 2)
        #expect(sop.stderr == "sopbook: error: no SOP has the id `hr/payrol` (did you mean `hr/payroll`?)\n")
        let person = try CLITests.run(["ack", "hr/payroll", "--as", "Alice Martine"], in: dir)
        #expect(person.status == 2)
        #expect(person.stderr == "sopbook: error: \"Alice Martine\" is not listed under `people:` in sopbook.yml (did you mean \"Alice Martin\"?)\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("acknowledgements").path))
    }

    @Test func refusesToRewriteARecordItCannotRead() throws {
        let dir = try Self.handbook()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = "person: Alice Martin\nacknowledged:\n  - sop: hr/payroll\n    hash: nothex\n    date: 2026-11-01\n"
        try BaselineCLITests.write(dir, "acknowledgements/alice-martin.yml", broken)
        let run = try CLITests.run(["ack", "finance/invoice", "--as", "Alice Martin"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("acknowledgements/alice-martin.yml:4: `hash` must be 16 lowercase hex digits"))
        #expect(try BaselineCLITests.read(dir, "acknowledgements/alice-martin.yml") == broken)
        let check = try CLITests.run(["check"], in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains("acknowledgements/alice-martin.yml:4:1: error: `hash` must be 16 lowercase hex digits"))
    }

    /// The 64-bit FNV-1a of the file, computed here independently of Sopbook's code.
    static func hash(of dir: URL, _ path: String) throws -> String? {
        let data = try Data(contentsOf: dir.appendingPathComponent(path))
        var h: UInt64 = 14_695_981_039_346_656_037
        for b in data { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
