import Foundation

/// Decides what each link of a process names: another process (and which anchor), an attachment,
/// an external URL, or nothing. Reads no file: the walk already listed everything under the content folder.
struct LinkResolver {
    let procedures: [Procedure]
    /// Which `#fragment`s each process has: the same answer `LinkStage.recheckAnchors` gives later.
    let anchors: LinkStage.Anchors
    let indexByID: [String: Int]
    let indexByFile: [String: Int]
    /// For the URLs processes are also served at.
    let table: PageTable
    let attachments: Set<String>
    /// Files that are processes but could not be read: links to them are not broken.
    let unreadable: Set<String>
    let contentRoot: URL
    let realRoot: String
    /// How the handbook's generator reads links (`links:`).
    let conventions: LinkConventions
    /// Candidates for "did you mean", computed once: a knowledge base with many broken links stays linear.
    /// Made on the first broken link: most resolutions need none.
    private let suggestions: Lazy<(files: Suggest.Index, ids: Suggest.Index)>
    var fileSuggestions: Suggest.Index { suggestions.value.files }
    var idSuggestions: Suggest.Index { suggestions.value.ids }

    init(procedures: [Procedure], anchors: LinkStage.Anchors, table: PageTable, attachments: Set<String>,
         unreadable: Set<String>, contentRoot: URL, realRoot: String, conventions: LinkConventions = LinkConventions()) {
        self.conventions = conventions
        self.procedures = procedures
        self.anchors = anchors
        self.indexByID = table.indexByID
        self.indexByFile = table.indexByFile
        self.table = table
        self.attachments = attachments
        self.unreadable = unreadable
        self.contentRoot = contentRoot
        self.realRoot = realRoot
        self.suggestions = Lazy {
            (Suggest.Index(procedures.indices.map { procedures[$0].file }), Suggest.Index(procedures.indices.map { procedures[$0].id }))
        }
    }

    /// `finance/invoice#step-2` → (`finance/invoice`, `step-2`).
    static func splitWiki(_ target: String) -> (id: String, fragment: String?) {
        guard let hash = target.firstIndex(ofASCII: UInt8(ascii: "#")) else { return (target, nil) }
        let fragment = String(target[target.index(after: hash)...])
        return (String(target[..<hash]).trimmed, fragment.isEmpty ? nil : fragment)
    }

    /// The process a wiki link's id names: by id first, then by path (`[[finance/invoice]]`).
    static func wikiIndex(_ id: String, indexByID: [String: Int], indexByFile: [String: Int]) -> Int? {
        indexByID[id] ?? indexByFile[id + ".md"]
    }

    func resolve(_ procedure: Procedure) -> [ResolvedLink] {
        guard let selfIndex = indexByFile[procedure.file] else { return [] }
        return procedure.links.map { resolved($0, from: procedure, selfIndex: selfIndex) }
    }

    private func anchorTarget(_ index: Int, _ fragment: String?) -> ResolvedLink.Target {
        guard let fragment, !fragment.isEmpty else { return .process(index: index, fragment: nil) }
        return anchors.has(fragment, in: index)
            ? .process(index: index, fragment: fragment)
            : .brokenAnchor(index: index, fragment: fragment)
    }

    private func resolved(_ link: Link, from procedure: Procedure, selfIndex: Int) -> ResolvedLink {
        if link.kind == .wiki {
            let (id, fragment) = LinkResolver.splitWiki(link.destination)
            guard let index = LinkResolver.wikiIndex(id, indexByID: indexByID, indexByFile: indexByFile) else {
                if unreadable.contains(id + ".md") { return ResolvedLink(link: link, target: .unreadable(path: id + ".md")) }
                let close = idSuggestions.closest(to: id)
                let hint = close.map { "; did you mean `[[\($0)]]`?" } ?? ""
                return ResolvedLink(link: link, target: .broken(reason: "no process has the id `\(id)`\(hint)"), suggestion: close)
            }
            return ResolvedLink(link: link, target: anchorTarget(index, fragment))
        }
        switch LinkReading.read(link.destination, from: procedure.file, conventions: conventions) {
        case .external(let url), .otherPath(let url):
            return ResolvedLink(link: link, target: .external(url))
        case .template:
            return ResolvedLink(link: link, target: .uncheckable)
        case .outsideSiteRoot(let path):
            return ResolvedLink(link: link, target: .broken(reason: "`\(path)` is outside the site root `\(conventions.siteRoot)` (`links.site_root`); if another part of the site serves it, list its folder under `links.other_paths`"))
        case .outside:
            return ResolvedLink(link: link, target: .outside)
        case .sameFile(let fragment):
            return ResolvedLink(link: link, target: anchorTarget(selfIndex, fragment.isEmpty ? nil : fragment))
        case .content(let candidates, let primary, let fragment, let isFolder, let bases):
            if let index = table.process(candidates, bases: bases, namesSource: LinkReading.namesSource(link.destination)) {
                return ResolvedLink(link: link, target: anchorTarget(index, fragment))
            }
            // Another spelling of an attachment (a pretty URL, a root-absolute path); the path as written
            // is checked below with everything else.
            if let file = candidates.first(where: { $0 != primary && attachments.contains($0) }) {
                return ResolvedLink(link: link, target: .attachment(path: file))
            }
            if conventions != LinkConventions(),
               candidates.contains(where: { LinkReading.unreadSources(of: $0).contains(where: attachments.contains) }) {
                return ResolvedLink(link: link, target: .external(link.destination))
            }
            // A relative link to a URL another part of the site serves (`other_paths`, e.g. a redirect).
            if !conventions.otherPaths.isEmpty, conventions.isOtherPath(Substring(conventions.siteRoot + primary)) {
                return ResolvedLink(link: link, target: .external(link.destination))
            }
            if let file = candidates.first(where: { $0 != primary && unreadable.contains($0) }) {
                return ResolvedLink(link: link, target: .unreadable(path: file))
            }
            return missingFile(link, path: primary, fragment: fragment, isFolder: isFolder, from: procedure)
        }
    }

    /// A link to a content path that is not a process: an attachment, or broken (with the closest process
    /// when the path names a `.md` file), or outside through a symlink.
    private func missingFile(_ link: Link, path: String, fragment: String?, isFolder: Bool, from procedure: Procedure) -> ResolvedLink {
        func broken(_ reason: String) -> ResolvedLink { ResolvedLink(link: link, target: .broken(reason: reason)) }
        if unreadable.contains(path) { return ResolvedLink(link: link, target: .unreadable(path: path)) }
        // Checked before anything else: a symlink out of the folder is never a plain broken link.
        if !isSkippedPath(path), escapesThroughSymlink(path) { return ResolvedLink(link: link, target: .outside) }
        if path.hasSuffix(ignoringASCIICase: ".md") {
            if attachments.contains(path) || isSkippedPath(path) && exists(path) {
                return broken("`\(path)` is not a process (names starting with `_` or `.` are skipped); link to a published SOP")
            }
            guard let close = fileSuggestions.closest(to: path) else { return broken("`\(path)` does not exist") }
            // The fix is written as the link is: relative to the linking file, keeping its fragment.
            let written = ContentPath.relativeURL(from: procedure.file, to: close)
                + (fragment.map { "#" + ContentPath.encodeFragment($0) } ?? "")
            return ResolvedLink(link: link, target: .broken(reason: "`\(path)` does not exist; did you mean `\(close)`?"),
                                suggestion: written)
        }
        if !isFolder, attachments.contains(path) { return ResolvedLink(link: link, target: .attachment(path: path)) }
        if path.isEmpty || isDirectory(path) {
            if conventions.folderListings { return ResolvedLink(link: link, target: .external(link.destination)) }
            let shown = path.isEmpty ? "the content folder" : "`\(path)`"
            if conventions.indexPages.isEmpty { return broken("\(shown) is a folder; link to a file in it") }
            return broken("\(shown) is a folder without an index page (\(conventions.indexPages.joined(separator: ", ")))")
        }
        return broken("`\(path)` does not exist under the content folder")
    }

    private func isSkippedPath(_ path: String) -> Bool {
        path.split(separator: "/").contains { ContentLoader.isSkipped(String($0)) }
    }

    private func exists(_ path: String) -> Bool {
        guard let real = ContentLoader.realPath(contentRoot.appendingPathComponent(path).path) else { return false }
        return ContentLoader.isInside(real, root: realRoot)
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        guard exists(path) else { return false }
        return FileManager.default.fileExists(atPath: contentRoot.appendingPathComponent(path).path, isDirectory: &isDir) && isDir.boolValue
    }

    /// True when the path goes through a symlink that lands (or would land) outside the content folder.
    private func escapesThroughSymlink(_ path: String) -> Bool {
        let full = contentRoot.appendingPathComponent(path).path
        if let real = ContentLoader.realPath(full) { return !ContentLoader.isInside(real, root: realRoot) }
        // Dangling: walk the components and look at the first symlink on the way.
        var current = contentRoot.path
        for component in path.split(separator: "/") {
            current += "/" + component
            var info = stat()
            guard lstat(current, &info) == 0 else { return false }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard let target = ContentLoader.lexicalTarget(ofLink: current) else { return false }
                return !ContentLoader.isInside(target, root: contentRoot.path) && !ContentLoader.isInside(target, root: realRoot)
            }
        }
        return false
    }
}
