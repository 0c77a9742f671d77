/// Decides the output path of every process page. A page keeps its source's path (`a/b.md` → `a/b.html`)
/// unless that path is one the site itself uses, or another page has it already (`Invoice.md` and
/// `invoice.md` are one file on a case-insensitive disk); then it gets a numbered name and a finding.
enum PageAssignment {
    /// Output paths the site writes itself, compared case-insensitively.
    static let reservedFiles: Set<String> = ["index.html", "gaps.html", "gaps.json", "raci.html", "404.html", "roles.html"]
    static let reservedFolders = ["roles/", "_sopbook/"]

    struct Collision: Sendable {
        var index: Int
        var wanted: String
        var given: String
        var takenBy: String?
    }

    static func assign(files: [String]) -> (pages: [String], collisions: [Collision]) {
        var taken: [String: String] = [:]   // lowercased page path → the file (or "sopbook") holding it
        for r in reservedFiles { taken[r] = "sopbook" }
        var pages: [String] = []
        var collisions: [Collision] = []
        for (i, file) in files.enumerated() {
            let wanted = ContentPath.pagePath(forSource: file)
            var given = wanted
            let lower = wanted.lowercased()
            let holder = taken[lower] ?? (reservedFolders.contains { lower.hasPrefix($0) } ? "sopbook" : nil)
            if holder != nil {
                let stem = String(wanted.dropLast(".html".count))
                var n = 2
                while taken["\(stem)-\(n).html".lowercased()] != nil { n += 1 }
                given = "\(stem)-\(n).html"
                if reservedFolders.contains(where: { given.lowercased().hasPrefix($0) }) { given = "page-" + given.replacingOccurrences(of: "/", with: "-") }
                collisions.append(Collision(index: i, wanted: wanted, given: given, takenBy: holder == "sopbook" ? nil : holder))
            }
            taken[given.lowercased()] = file
            pages.append(given)
        }
        return (pages, collisions)
    }
}
