import Foundation
import Testing
@testable import SopbookKit

/// Above `Layout.splitAbove` processes, the site-wide pages that list every process are split by
/// area, losing nothing: every process is in exactly one area's page, with the same cells.
@Suite(.serialized) struct SplitPagesTests {
    static func largeSite() throws -> (root: URL, output: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-split-\(UUID().uuidString)")
        let count = Layout.splitAbove + 1
        for n in 0..<count {
            let area = n % 2 == 0 ? "alpha" : "beta"
            let role = n % 2 == 0 ? "Alpha Clerk" : "Beta Clerk"
            let folder = root.appendingPathComponent("content/\(area)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("---\ntitle: Task \(n)\nowner: Lead\nraci: {responsible: \(role), accountable: Lead}\n---\n## Steps\n1. Do it.\n".utf8)
                .write(to: folder.appendingPathComponent("task-\(n).md"))
        }
        let output = root.appendingPathComponent("out")
        try Pipeline.build(root.appendingPathComponent("content"), output: output)
        return (root, output)
    }

    @Test func theHomePageTheRaciMatrixTheRegisterAndLongRolePathsAreSplitByArea() throws {
        let (root, output) = try Self.largeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        func read(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        let index = try read("raci.html")
        #expect(!index.contains("<table class=\"matrix\""))
        #expect(index.contains("<a href=\"raci/alpha.html\">Alpha</a> <span class=\"count\">501</span>"), "\(index)")
        #expect(index.contains("<a href=\"raci/beta.html\">Beta</a> <span class=\"count\">500</span>"))
        let alpha = try read("raci/alpha.html")
        #expect(alpha.contains("<h1>RACI matrix · Alpha</h1>"))
        #expect(alpha.components(separatedBy: "<tr data-area=").count - 1 == 501)
        #expect(alpha.contains("href=\"../roles/alpha-clerk.html\">Alpha Clerk</a></th>") && !alpha.contains(">Beta Clerk</a></th>"))
        #expect(alpha.contains("<a href=\"../alpha/task-0.html\">Task 0</a>"))
        #expect(!alpha.contains(">Task 1</a>"))
        let beta = try read("raci/beta.html")
        #expect(beta.components(separatedBy: "<tr data-area=").count - 1 == 500)
        #expect(alpha.contains("href=\"../_sopbook/style.css\""), "the area page is one folder down")

        let register = try read("register.html")
        #expect(!register.contains("<table class=\"register") && register.contains("<a href=\"register/beta.html\">Beta</a>"))
        let betaRegister = try read("register/beta.html")
        #expect(betaRegister.contains("<h1>Document register · Beta</h1>") || betaRegister.contains(" · Beta</h1>"), "\(betaRegister.prefix(3000))")
        #expect(betaRegister.components(separatedBy: "<tr data-area=").count - 1 == 500)
        #expect(betaRegister.contains("<a href=\"../beta/task-1.html\">Task 1</a>") && betaRegister.contains("href=\"../register.csv\""))
        let csv = try read("register.csv")
        #expect(csv.split(separator: "\r\n").count == Layout.splitAbove + 2, "the CSV holds every SOP and its header")
        // Made from the areas' rows, it still lists every SOP once, in file order.
        let ids = csv.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(ids == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } && Set(ids).count == Layout.splitAbove + 1)
        #expect(ids.first == "alpha/task-0" && ids.last == "beta/task-999")

        let home = try read("index.html")
        #expect(!home.contains("Task 0<") && home.contains("<a href=\"areas/alpha.html\">Alpha</a> <span class=\"count\">501</span>"))
        #expect(home.contains("<span class=\"value\">1001</span>"), "the home page keeps the whole base's coverage")
        let area = try read("areas/beta.html")
        #expect(area.contains("<h1>Beta</h1>") && area.contains("<span class=\"value\">500</span>"))
        #expect(area.components(separatedBy: "<tr><td><a href=\"../beta/").count - 1 == 500)
        #expect(area.contains("<a href=\"../index.html\">Home</a>"))
        let process = try read("alpha/task-0.html")
        #expect(process.contains("<a href=\"../areas/alpha.html\">Alpha</a> <span aria-hidden=\"true\">›</span>"), "the breadcrumb")
        #expect(process.contains("<li class=\"area current\"><a href=\"../areas/alpha.html\">Alpha</a>"), "the sidebar")

        // Print: the manual lists the area packs; a pack of more than 200 SOPs comes in volumes; a role
        // whose path holds more than a volume has no pack.
        let manual = try read("print/index.html")
        #expect(!manual.contains("<article class=\"sop\"") && manual.contains("<a href=\"../print/areas/alpha.html\">Alpha</a>"), "\(manual.prefix(4000))")
        let volume2 = try read("print/areas/alpha-2.html")
        #expect(volume2.components(separatedBy: "<article class=\"sop\"").count - 1 == 200)
        #expect(volume2.contains("<ol start=\"201\">") && volume2.contains("<strong aria-current=\"page\">Volume 2</strong>"))
        #expect(volume2.contains("<a href=\"alpha.html\">Volume 1</a>") && volume2.contains("<a href=\"alpha-3.html\">Volume 3</a>"))
        #expect(try read("print/areas/alpha-3.html").components(separatedBy: "<article class=\"sop\"").count - 1 == 101)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("print/areas/alpha-4.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("print/roles/lead.html").path))
        #expect(!(try read("roles/lead.html")).contains("print/roles/"))

        // A role whose path holds more than 200 SOPs lists it area by area: every SOP of the path on one
        // area's part, with its letters, and the role's page linking to the parts.
        let lead = try read("roles/lead.html")
        #expect(lead.contains("<a href=\"../roles/lead/alpha.html\">Alpha</a> <span class=\"count\">501</span>"), "\(lead)")
        #expect(lead.contains("<a href=\"../roles/lead/beta.html\">Beta</a> <span class=\"count\">500</span>"))
        #expect(!lead.contains("Task 0<") && !lead.contains("class=\"reading-path\""))
        let leadBeta = try read("roles/lead/beta.html")
        #expect(leadBeta.contains("<h1>Lead · Beta</h1>") && leadBeta.contains("<a href=\"../../roles/lead.html\">Lead</a>"))
        let pathItems = leadBeta.components(separatedBy: "class=\"reading-path\"").last?.components(separatedBy: "</ol>").first ?? ""
        #expect(pathItems.components(separatedBy: "<li>").count - 1 == 500)
        #expect(pathItems.contains("<a href=\"../../beta/task-1.html\">Task 1</a>") && !pathItems.contains(">Task 0<"))
        #expect(pathItems.contains("<span class=\"letters\">A</span>"))
        #expect(leadBeta.contains("href=\"../../_sopbook/style.css\""), "the part is two folders down")
        // A role whose path is all in one area has that area's part only.
        let clerk = try read("roles/alpha-clerk.html")
        #expect(clerk.contains("roles/alpha-clerk/alpha.html") && !clerk.contains("roles/alpha-clerk/beta.html"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("roles/alpha-clerk/beta.html").path))
    }
}
