import Foundation

/// Decides the output path of every process page. A page keeps its source's path (`a/b.md` → `a/b.html`)
/// unless that path is one the site itself uses, or another page has it already (`Invoice.md` and
/// `invoice.md` are one file on a case-insensitive disk); then it gets a numbered name and a finding.
enum PageAssignment {
    /// Output paths the site writes itself, compared case-insensitively.
    static let reservedFiles: Set<String> = ["index.html", "gaps.html", "gaps.json", "raci.html", "404.html", "roles.html",
                                                "register.html", "register.csv", "training.html", "training.csv"]
    static let reservedFolders = ["roles/", "_sopbook/", "training/"]

    struct Collision: Sendable {
        var file: String
        var wanted: String
        var given: String
        var takenBy: String?
        var reservedFolder: Bool
    }

    static func assign(files: [String]) -> (pages: [String], collisions: [Collision]) {
        var taken: [String: String] = [:]   // page path key → the file (or "sopbook") holding it
        for r in reservedFiles { taken[r] = "sopbook" }
        var pages: [String] = []
        var collisions: [Collision] = []
        // Case-insensitive and normalisation-insensitive disks (macOS, Windows) see `Invoice.md` and
        // `invoice.md`, or `café` in NFC and NFD, as one file: so do we. An ASCII path is its own NFC, and
        // skips Foundation's normalisation (bridged through NSString on Linux: most of the page table's time).
        func key(_ path: String) -> String {
            path.utf8.allSatisfy { $0 < 0x80 } ? path.lowercased() : path.precomposedStringWithCanonicalMapping.lowercased()
        }
        for file in files {
            let wanted = ContentPath.pagePath(forSource: file)
            var given = wanted
            let lower = key(wanted)
            let inReservedFolder = reservedFolders.contains { lower.hasPrefix($0) }
            let holder = taken[lower] ?? (inReservedFolder ? "sopbook" : nil)
            if holder != nil {
                // Out of a reserved folder first, then numbered until free.
                let stem = inReservedFolder ? "page-" + String(wanted.dropLast(".html".count)).replacingAll("/", with: "-")
                                            : String(wanted.dropLast(".html".count))
                var n = inReservedFolder ? 1 : 2
                given = n == 1 ? "\(stem).html" : "\(stem)-\(n).html"
                while taken[key(given)] != nil {
                    n += 1
                    given = "\(stem)-\(n).html"
                }
                collisions.append(Collision(file: file, wanted: wanted, given: given, takenBy: holder == "sopbook" ? nil : holder,
                                            reservedFolder: inReservedFolder))
            }
            taken[key(given)] = file
            pages.append(given)
        }
        return (pages, collisions)
    }
}
