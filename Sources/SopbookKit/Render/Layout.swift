import Foundation

/// Where each process sits in the navigation: its area, the title order of each area and folder, and the
/// sidebar list of each folder. A function of the files, titles and pages, the theme and the language.
struct Layout: Sendable {
    /// Files and pages come from the page table, titles from what links to each process show.
    struct Input: Sendable, Hashable {
        var table: Shared<PageTable>
        var targets: [Shared<LinkTarget>]
        var theme: Theme
        /// The name of the area of the files at the top of the content folder.
        var general: String
        /// The files in the order of the handbook's navigation (`navigation:`); others follow, by title.
        var navigation: [String] = []
        /// The labels of the links to the parts of a long folder's list before and after the one shown
        /// ("{n} earlier", "{n} more").
        var earlier = "{n} earlier"
        var later = "{n} more"

        var files: [String] { table.value.files }
        var pages: [String] { table.value.pages }
        func title(_ i: Int) -> String { targets[i].value.title }
    }

    /// Area (first folder) of each procedure, and the areas in display order.
    var areaOf: [String]
    var areas: [String]
    var membersOfArea: [String: [Int]]
    /// Processes of each folder, for the sidebar: bounded by a folder, not by the whole knowledge base.
    var membersOfFolder: [String: [Int]]
    /// Each process's position in its folder's list, for the previous and next links.
    var folderPosition: [Int]
    var areaNames: [String: String]
    /// The anchor of each area on the home page, made once rather than for every page.
    var areaAnchors: [String: String]
    /// The sidebar list of each folder, rendered once and shared by the folder's pages: rendering it for
    /// every page made the sidebar most of the build's time. A folder of more than `sidebarLimit`
    /// processes is cut into parts of that many, each page showing its own part with links to the parts
    /// before and after: the whole list of a 150-process folder was 18 KB of every one of its pages.
    /// Shared, so that `serve` hashes a list once while its folder's memo keeps it, not at every save.
    var folderLists: [String: [Shared<String>]]
    static let sidebarLimit = 25

    /// Above this many processes, the site-wide lists are split by area: the home page lists the areas and
    /// each area has its page (`areas/<area>.html`), and so do the RACI matrix and the register. At 10,000
    /// processes the home page was 3.5 MB, the register 4.9 MB and the matrix 9.2 MB.
    static let splitAbove = 1_000
    var splitsLists = false
    /// Each area's `areaHref`, made once rather than for each process page at every save.
    var areaHrefs: [String: String] = [:]

    /// Where an area's processes are listed, from the root of the site: its section of the home page, or
    /// on a split site its own page.
    func areaHref(_ area: String) -> String {
        areaHrefs[area] ?? (splitsLists ? areaPage("areas", area) : "index.html#" + anchor(area))
    }

    /// `areas/finance.html`, `raci/finance.html`: an area's page of a split list.
    func areaPage(_ list: String, _ area: String) -> String { list + "/" + anchor(area).dropFirst("area-".count) + ".html" }

    /// Which part of its folder's sidebar list the process is in.
    func sidebarPart(of i: Int) -> Int { folderPosition[i] / Layout.sidebarLimit }

    /// The layout, its two costly parts through `stages` group by group: the title order of each area
    /// and folder, and each folder's sidebar lists. A title edit sorts and renders one area and one folder again.
    static func make(_ input: Input, stages: some StageRunner) -> Layout {
        let areaOf = input.files.map(area(of:))
        var members: [String: [Int]] = [:]
        var folders: [String: [Int]] = [:]
        for (i, a) in areaOf.enumerated() {
            members[a, default: []].append(i)
            folders[folder(of: input.files[i]), default: []].append(i)
        }
        let rank = navigationRanks(input)
        let (sortedAreas, sortedFolders) = orders(areas: members, folders: folders, ranks: rank, input, stages: stages)
        // Areas follow the navigation too: the first of their pages in it places them.
        let areaRank = members.mapValues { $0.map { rank[$0] }.min() ?? Int.max }
        let areas = members.keys.sorted {
            let (a, b) = (areaRank[$0] ?? Int.max, areaRank[$1] ?? Int.max)
            return a != b ? a < b : $0.localizedStandardCompare($1) == .orderedAscending
        }
        let areaNames = Dictionary(uniqueKeysWithValues: areas.map { ($0, areaName($0, general: input.general)) })
        let folderNames = Array(sortedFolders.keys)
        let orders = folderNames.map { sortedFolders[$0] ?? [] }
        let lists = stages.map(.sidebars, orders.count, key: { n in SidebarKey(orders[n], input) }) { n in sidebarParts(orders[n], input).map(Shared.init) }
        var folderPosition = Array(repeating: 0, count: input.files.count)
        for order in sortedFolders.values { for (n, i) in order.enumerated() { folderPosition[i] = n } }
        var layout = Layout(areaOf: areaOf, areas: areas, membersOfArea: sortedAreas, membersOfFolder: sortedFolders,
                            folderPosition: folderPosition,
                            areaNames: areaNames, areaAnchors: Dictionary(uniqueKeysWithValues: areas.map { ($0, areaAnchor($0)) }),
                            folderLists: Dictionary(uniqueKeysWithValues: zip(folderNames, lists)),
                            splitsLists: input.files.count > splitAbove)
        layout.areaHrefs = Dictionary(uniqueKeysWithValues: areas.map { ($0, layout.areaHref($0)) })
        return layout
    }

    /// The title order of each folder, then of each area as the merge of its folders' orders (the same
    /// order as a sort of the area, for a fraction of the comparisons: Foundation's collation is slow on
    /// Linux, and a title edit in `serve` sorted its whole area again on one core). Through `stages` group
    /// by group, an area keyed like a folder: by what its order reads.
    static func orders(areas: [String: [Int]], folders: [String: [Int]], ranks rank: [Int], _ input: Input,
                       stages: some StageRunner) -> (areas: [String: [Int]], folders: [String: [Int]]) {
        let key: @Sendable ([Int]) -> OrderKey = { group in
            OrderKey(members: group, ranks: group.map { rank[$0] }, targets: group.map { input.targets[$0] })
        }
        let folderNames = Array(folders.keys), folderGroups = Array(folders.values)
        let folderOrders = stages.map(.titleOrder, folderGroups.count, key: { key(folderGroups[$0]) }) {
            titleOrder(folderGroups[$0], ranks: rank, input)
        }
        let sortedFolders = Dictionary(uniqueKeysWithValues: zip(folderNames, folderOrders))
        let foldersOfArea = Dictionary(grouping: sortedFolders, by: { area(of: $0.key + "/") }).mapValues { $0.map(\.value) }
        let areaNames = Array(areas.keys), areaGroups = Array(areas.values)
        let areaOrders = stages.map(.titleOrder, areaGroups.count, key: { key(areaGroups[$0]) }) { n in
            merged(foldersOfArea[areaNames[n]] ?? [], by: { precedes($0, $1, ranks: rank, input) })
        }
        return (Dictionary(uniqueKeysWithValues: zip(areaNames, areaOrders)), sortedFolders)
    }

    /// Sorted lists merged into one sorted list, pairwise.
    static func merged(_ lists: [[Int]], by precedes: (Int, Int) -> Bool) -> [Int] {
        var lists = lists
        while lists.count > 1 {
            lists = stride(from: 0, to: lists.count, by: 2).map { k in
                guard k + 1 < lists.count else { return lists[k] }
                let (a, b) = (lists[k], lists[k + 1])
                var out: [Int] = []
                out.reserveCapacity(a.count + b.count)
                var (i, j) = (0, 0)
                while i < a.count, j < b.count {
                    if precedes(b[j], a[i]) { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
                }
                return out + a[i...] + b[j...]
            }
        }
        return lists.first ?? []
    }

    /// What the order of one group reads: its processes, their places in the navigation and their titles
    /// (in what links to them show).
    struct OrderKey: Sendable, Hashable {
        var members: [Int]
        var ranks: [Int]
        var targets: [Shared<LinkTarget>]
    }

    /// A group of processes in the navigation's order, then by title; equal titles stay in file order.
    /// Titles compare as `localizedStandardCompare` does (`standardOrder`, which leaves the titles it cannot
    /// compare itself to Foundation's slow collation): the groups sort in parallel, and `serve` keeps each order.
    static func titleOrder(_ list: [Int], ranks rank: [Int], _ input: Input) -> [Int] {
        list.sorted { precedes($0, $1, ranks: rank, input) }
    }

    /// The order of the navigation: its place in it, then the title, then the file.
    static func precedes(_ a: Int, _ b: Int, ranks rank: [Int], _ input: Input) -> Bool {
        if rank[a] != rank[b] { return rank[a] < rank[b] }
        let order = input.title(a).standardOrder(input.title(b))
        return order == .orderedSame ? a < b : order == .orderedAscending
    }

    /// What a folder's sidebar lists read: its processes in order, their titles and pages, the theme and
    /// the labels of the links between parts.
    struct SidebarKey: Sendable, Hashable {
        var order: [Int]
        var targets: [Shared<LinkTarget>]
        var pages: [String]
        var theme: Theme
        var earlier: String
        var later: String

        init(_ order: [Int], _ input: Input) {
            self.order = order
            targets = order.map { input.targets[$0] }
            pages = order.map { input.pages[$0] }
            theme = input.theme
            earlier = input.earlier
            later = input.later
        }
    }

    /// The sidebar lists of one folder's processes (in order), in parts of at most `sidebarLimit`.
    static func sidebarParts(_ order: [Int], _ input: Input) -> [String] {
        // Pages of one folder are siblings: the link to each is its file name.
        func href(_ i: Int) -> String { ContentPath.encodeSegment(String(input.pages[i].lastSlashPart ?? "")) }
        let starts = Array(stride(from: 0, to: max(order.count, 1), by: sidebarLimit))
        return starts.map { start in
            let part = order[start..<min(start + sidebarLimit, order.count)]
            let items = part.map { i -> TemplateObject in ["index": .int(i), "title": .text(input.title(i)), "href": .text(href(i))] }
            var values: TemplateObject = ["processes": .objects(items)]
            if start > 0 {
                let first = order[start - sidebarLimit]
                values["earlier"] = .object(["href": .text(href(first)), "label": .text(input.earlier.replacingAll("{n}", with: String(start)))])
            }
            if start + sidebarLimit < order.count {
                let next = order[start + sidebarLimit]
                let rest = String(order.count - start - sidebarLimit)
                values["later"] = .object(["href": .text(href(next)), "label": .text(input.later.replacingAll("{n}", with: rest))])
            }
            // Held until every page of the folder is written: without the room a page's rendering reserves.
            return input.theme.render("sidebar-folder", values).compacted()
        }
    }

    /// Each process's place in the navigation, `Int.max` when it is not there (all of them, without one).
    static func navigationRanks(_ input: Input) -> [Int] {
        guard !input.navigation.isEmpty else { return Array(repeating: Int.max, count: input.files.count) }
        var position: [String: Int] = [:]
        for (n, file) in input.navigation.enumerated() where position[file] == nil { position[file] = n }
        return input.files.map { position[$0] ?? Int.max }
    }

    /// The area of a file: its first folder, or "" at the top of the content folder.
    static func area(of file: String) -> String {
        guard let slash = file.utf8.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(file[..<slash])
    }

    static func folder(of file: String) -> String {
        // On UTF-8 bytes: `lastIndex(of:)` over Characters showed in profiles of large sites.
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(file[..<slash])
    }

    static func areaName(_ area: String, general: String) -> String {
        if area.isEmpty { return general }
        let words = area.replacingAll("-", with: " ").replacingAll("_", with: " ")
        // Short folder names are acronyms more often than words: "hr", "it", "qa".
        if words.count <= 2 { return words.uppercased() }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The anchor of an area on the home page: made once per area by `make`.
    func anchor(_ area: String) -> String {
        areaAnchors[area] ?? Layout.areaAnchor(area)
    }

    static func areaAnchor(_ area: String) -> String {
        "area-" + (area.isEmpty ? "general" : Slugger.base(area))
    }
}

extension Layout.Input {
    init(_ kb: KnowledgeBase, targets: [Shared<LinkTarget>], theme: Theme) {
        table = kb.pageTable
        self.targets = targets
        self.theme = theme
        let strings = Strings.table(for: kb.configuration.language)
        general = strings["general"] ?? "General"
        earlier = strings["sidebarEarlier"] ?? earlier
        later = strings["sidebarLater"] ?? later
        navigation = kb.configuration.navigationOrder
    }
}
