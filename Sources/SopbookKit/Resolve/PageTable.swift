import Foundation

/// Stage 3: which file and which id name which process, and where each page goes. Known before any body
/// is parsed, so that links can be rewritten to pages while the body is rendered.
struct PageTable: Sendable, Hashable {
    /// The file and id of each process, in file order.
    var files: [String]
    var ids: [String]
    /// Procedure index by id; the first file in path order wins when ids repeat.
    var indexByID: [String: Int] = [:]
    var indexByFile: [String: Int] = [:]
    /// Procedure index by the URLs its front matter says it is served at (`fields.url`, `fields.aliases`).
    var indexByURL: [String: Int] = [:]
    /// Processes served at their own URL, not at their file's.
    var movedURL: Set<Int> = []
    /// Output path of each procedure's page (same index).
    var pages: [String]
    /// Unreadable files get a page too, explaining why, so links to them still land somewhere.
    var unreadablePages: [String: String]
    var collisions: [PageAssignment.Collision]

    /// What the table is made from: the file and id of each process, and the files that could not be read.
    struct Input: Sendable, Hashable {
        var files: [String]
        var ids: [String]
        var unreadable: [String]
        /// The URL keys of each process (`LinkReading.urlKeys`); empty for most handbooks.
        var urls: [[String]] = []
        /// The processes whose front matter gives their own URL (`fields.url`).
        var movedURL: Set<Int> = []

        init(files: [String], ids: [String], unreadable: [String], urls: [[String]] = [], movedURL: Set<Int> = []) {
            self.files = files
            self.ids = ids
            self.unreadable = unreadable
            self.urls = urls
            self.movedURL = movedURL
        }

        /// The table's input from the sources whose front matter was read, in one pass: key paths through
        /// `Procedure`'s members, a pass each, were most of the time the Markdown stage waited for the table.
        init(_ sources: [SourceProcedure], unreadable: [UnreadableFile]) {
            files = []
            ids = []
            urls = []
            files.reserveCapacity(sources.count)
            ids.reserveCapacity(sources.count)
            urls.reserveCapacity(sources.count)
            for (i, source) in sources.enumerated() {
                let procedure = source.procedure
                files.append(procedure.file)
                ids.append(procedure.id)
                urls.append(LinkReading.urlKeys(procedure))
                if !procedure.ownURLs.isEmpty { movedURL.insert(i) }
            }
            self.unreadable = unreadable.map { $0.file }
        }
    }

    init(_ input: Input) {
        files = input.files
        ids = input.ids
        movedURL = input.movedURL
        // The indexes beside the pages: the build waits for the table, with one core idle otherwise.
        let (indexes, (allPages, collisions)) = Parallel.pair({ Self.indexes(input) }) {
            PageAssignment.assign(files: input.files + input.unreadable)
        }
        (indexByID, indexByFile, indexByURL) = indexes
        pages = Array(allPages.prefix(input.files.count))
        unreadablePages = Dictionary(zip(input.unreadable, allPages.dropFirst(input.files.count)), uniquingKeysWith: { a, _ in a })
        self.collisions = collisions
    }

    /// Each process by id (the first file wins), by file, and by the URLs it is served at (the first wins).
    private static func indexes(_ input: Input) -> (byID: [String: Int], byFile: [String: Int], byURL: [String: Int]) {
        var byID: [String: Int] = [:], byFile: [String: Int] = [:], byURL: [String: Int] = [:]
        byID.reserveCapacity(input.ids.count)
        byFile.reserveCapacity(input.files.count)
        for (i, (file, id)) in zip(input.files, input.ids).enumerated() {
            if byID[id] == nil { byID[id] = i }
            byFile[file] = i
        }
        for (i, keys) in input.urls.enumerated() {
            for key in keys where byURL[key] == nil { byURL[key] = i }
        }
        return (byID, byFile, byURL)
    }

    init(procedures: [Procedure], unreadable: [UnreadableFile]) {
        self.init(Input(files: procedures.map(\.file), ids: procedures.map(\.id), unreadable: unreadable.map(\.file)))
    }

    /// The indexes and collisions follow from the files and ids.
    static func == (a: PageTable, b: PageTable) -> Bool {
        a.files == b.files && a.ids == b.ids && a.pages == b.pages && a.unreadablePages == b.unreadablePages && a.indexByURL == b.indexByURL && a.movedURL == b.movedURL
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(files)
        hasher.combine(ids)
        hasher.combine(pages)
        hasher.combine(unreadablePages)
        hasher.combine(indexByURL)
        hasher.combine(movedURL)
    }

    /// The process a link names: by file, then by a URL the process is served at.
    func process(_ candidates: [String], bases: [String], namesSource: Bool) -> Int? {
        let byFile = candidates.lazy.compactMap { self.indexByFile[$0] }
        if let i = namesSource || movedURL.isEmpty ? byFile.first : byFile.first(where: { !self.movedURL.contains($0) }) { return i }
        guard !indexByURL.isEmpty else { return nil }
        return (bases + candidates).lazy.compactMap { indexByURL[LinkReading.urlKey($0)] }.first
    }

    /// Where a link of `file` (whose page is `page`) lands in the site; nil leaves it as written.
    func rewrite(kind: Link.Kind, destination: String, file: String, page: String,
                 scope: LinkScope = LinkScope(conventions: LinkConventions(), attachments: [])) -> String? {
        if kind == .wiki {
            let (id, fragment) = LinkResolver.splitWiki(destination)
            guard let i = LinkResolver.wikiIndex(id, indexByID: indexByID, indexByFile: indexByFile) else {
                return unreadablePages[id + ".md"].map { ContentPath.relativeURL(from: page, to: $0) } ?? ""
            }
            return ContentPath.relativeURL(from: page, to: pages[i]) + (fragment.map { "#" + ContentPath.encodeFragment($0) } ?? "")
        }
        guard case .content(let candidates, let primary, let fragment, _, let bases) = LinkReading.read(destination, from: file, conventions: scope.conventions)
        else { return nil }
        let hash = fragment.map { "#" + ContentPath.encodeFragment($0) } ?? ""
        // The same choice as the resolver's: a process first, then an attachment (copied to its own path;
        // with Sopbook's own conventions the scope holds none, and a link to one is left as written).
        if let i = process(candidates, bases: bases, namesSource: LinkReading.namesSource(destination)) { return ContentPath.relativeURL(from: page, to: pages[i]) + hash }
        if let file = candidates.first(where: { scope.attachments.contains($0) }) {
            return ContentPath.relativeURL(from: page, to: file) + hash
        }
        let unreadable = candidates.lazy.compactMap { self.unreadablePages[$0] }.first ?? unreadablePages[primary]
        return unreadable.map { ContentPath.relativeURL(from: page, to: $0) }
    }
}
