import Foundation
import Testing
@testable import SopbookKit

/// The print packs built from a real Git repository: what each pack holds and in which order, the revision
/// block, retired SOPs left out, and bodies moved into one document without their links or ids clashing.
/// (`Tests/browser/test_print.py` prints them to PDF.)
@Suite struct PrintPackTests {
    static func sop(_ title: String, owner: String, extra: String = "", steps: String) -> String {
        "---\ntitle: \(title)\nowner: \(owner)\nraci:\n  responsible: Accountant\n  accountable: \(owner)\n\(extra)---\n# \(title)\n\n## Steps\n\(steps)\n"
    }

    @Test func packsHoldTheActiveSOPsWithTheirRevisions() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        try repo.write("Content/finance/invoice.md", Self.sop("Issue an invoice", owner: "Finance Lead",
                                                            steps: "1. Create it.\n2. TODO\n"))
        try repo.write("Content/finance/close.md", Self.sop("Close the month", owner: "Finance Lead",
            extra: "approval:\n  by: Founder\n  on: 2026-10-01\neffective: 2026-10-15\n",
            steps: "1. Reconcile. See [the invoice](invoice.md#step-2) and [step 1](#step-1).\n"))
        try repo.write("Content/finance/fax.md", Self.sop("Invoice by fax", owner: "Finance Lead", extra: "status: retired\n",
                                                        steps: "1. Fax it.\n"))
        try repo.commit("First version", author: "Alice Martin", date: "2026-09-01")
        try repo.write("Content/finance/invoice.md", Self.sop("Issue an invoice", owner: "Finance Lead",
                                                            steps: "1. Create it.\n2. Archive it.\n"))
        try repo.commit("Archive step", author: "Bob Chen", date: "2026-10-20")
        let output = repo.root.appendingPathComponent("Output")
        let workspace = try Workspace(content: "Content", output: "Output", templates: nil, config: nil, today: "2026-11-23",
                                      currentDirectory: repo.root)
        _ = try SiteBuilder.build(workspace)
        func read(_ path: String) throws -> String {
            try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }
        let manual = try read("print/index.html")
        let head = try repo.git("rev-parse", "--short=7", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(manual.contains("<code>\(head)</code>") && manual.contains("2026-11-23"))
        #expect(manual.contains("finance/invoice · rev. 2") && manual.contains("finance/close · rev. 1"))
        #expect(manual.contains("Founder on 2026-10-01") && manual.contains("2026-10-15"))
        #expect(!manual.contains("Invoice by fax"), "a retired SOP is not printed")
        #expect(manual.components(separatedBy: "<article class=\"sop\"").count == 3)
        // Links go to the site's pages; ids and in-page links are the SOP's own.
        #expect(manual.contains(##"href="../finance/invoice.html#step-2""##))
        #expect(manual.contains(##"href="#sop-finance-close-step-1""##) && manual.contains(##"id="sop-finance-close-step-1""##))
        #expect(manual.contains(##"id="sop-finance-invoice-step-1""##))
        let area = try read("print/areas/finance.html")
        #expect(area.contains(##"href="../../finance/invoice.html#step-2""##) && area.contains(##"href="../../index.html#area-finance""##))
        let role = try read("print/roles/accountant.html")
        #expect(role.contains("Issue an invoice") && role.contains(##"href="../../roles/accountant.html""##))
        #expect(try read("roles/accountant.html").contains(##"href="../print/roles/accountant.html""##))
        #expect(try read("index.html").contains(##"href="print/areas/finance.html""##))
    }

    @Test func aShallowCloneShowsNoRevisionNumbers() throws {
        let repo = try GitRepository()
        defer { repo.remove() }
        for n in 1...3 {
            try repo.write("Content/a.md", Self.sop("A", owner: "Founder", steps: "1. Version \(n).\n"))
            try repo.commit("Version \(n)", author: "Alice Martin", date: "2026-01-0\(n)")
        }
        let clone = repo.root.appendingPathComponent("clone")
        try repo.git(["clone", "-q", "--depth", "1", "file://" + repo.root.path, clone.path])
        let workspace = try Workspace(content: "Content", output: "Output", templates: nil, config: nil, today: "2026-11-23",
                                      currentDirectory: clone)
        _ = try SiteBuilder.build(workspace)
        let manual = try String(contentsOf: clone.appendingPathComponent("Output/print/index.html"), encoding: .utf8)
        // One commit of three: a wrong `rev. 1` would be worse than none.
        #expect(!manual.contains("rev. ") && manual.contains("unknown (no Git history)"), "\(manual)")
    }

    @Test func rebasingKeepsWhatIsNotRelative() {
        let html = ##"<p><a href="../hr/leave.html#x">a</a> <a href="https://e.com/a">b</a> <a href="/abs">c</a> "##
            + ##"<a href="#step-2">d</a> <img src="img/a.png" alt="x"> <a href="../dates/">e</a></p><h2 id="why">Why</h2>"##
        let out = PrintBody.rebase(html, from: "finance/invoice.html", root: "../../", idPrefix: "sop-a")
        #expect(out == ##"<p><a href="../../hr/leave.html#x">a</a> <a href="https://e.com/a">b</a> <a href="/abs">c</a> "##
            + ##"<a href="#sop-a-step-2">d</a> <img src="../../finance/img/a.png" alt="x"> <a href="../../dates/">e</a></p><h2 id="sop-a-why">Why</h2>"##)
        // Text that only looks like an attribute is escaped by the renderer, so it is never rewritten.
        #expect(PrintBody.rebase("<p>id=&quot;x&quot;</p>", from: "a.html", root: "../", idPrefix: "p") == "<p>id=&quot;x&quot;</p>")
    }

    /// The rebasing on bytes against a plain one on strings (the way it was first written), over links
    /// made of every kind of segment, from pages at several depths.
    @Test func rebasingOnBytesMatchesTheStringRewrite() {
        let segments = ["a", "..", ".", "", "b.html", "dir"]
        var values = ["", "#", "#x", "/abs", "https://e.com/a?b#c", "mailto:x@y", "1a:b", "c:d", "?q", "./", "../", "a/b/", "../../x#y"]
        for a in segments { for b in segments { for c in ["x.html", "y/", "z.html#f", "w?q=1#f"] { values.append("\(a)/\(b)/\(c)") } } }
        for page in ["a.html", "f/a.html", "f/g/h/a.html"] {
            for value in values {
                for attribute in ["href", "src", "id"] {
                    let html = "<a \(attribute)=\"\(value)\">t</a>"
                    let expected = "<a \(attribute)=\"\(Self.stringRewrite(attribute, value, page: page, root: "../../", idPrefix: "p"))\">t</a>"
                    #expect(PrintBody.rebase(html, from: page, root: "../../", idPrefix: "p") == expected, "\(page) \(attribute)=\(value)")
                }
            }
        }
    }

    static func stringRewrite(_ name: String, _ value: String, page: String, root: String, idPrefix: String) -> String {
        let folder = page.split(separator: "/").dropLast().map(String.init)
        if name == "id" { return idPrefix + "-" + value }
        if value.hasPrefix("#") { return value.count > 1 ? "#" + idPrefix + "-" + value.dropFirst() : value }
        if value.isEmpty || value.hasPrefix("/") || ContentPath.hasScheme(value) { return value }
        let cut = value.firstIndex { $0 == "?" || $0 == "#" } ?? value.endIndex
        var parts = folder
        for segment in value[..<cut].split(separator: "/") where segment != "." {
            if segment == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(String(segment)) }
        }
        let slash = value[..<cut].hasSuffix("/") && !parts.isEmpty ? "/" : ""
        return root + parts.joined(separator: "/") + slash + value[cut...]
    }
}
