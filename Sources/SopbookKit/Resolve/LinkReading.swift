import Foundation

/// What a link's destination names under the handbook's link conventions, before anything is looked up:
/// the content paths it may name, best first. Pure string work, shared by the resolver (which reports) and
/// the renderer (which rewrites), so a link that resolves is rewritten to the page it resolved to.
enum LinkReading: Equatable, Sendable {
    /// Candidates under the content folder, best first; `primary` is the path as written (for messages).
    /// `bases` are the paths as resolved, before the conventions add file names: what a page's own URLs
    /// (`fields.url`) are compared with.
    case content(candidates: [String], primary: String, fragment: String?, isFolder: Bool, bases: [String])
    case sameFile(fragment: String)
    case external(String)
    /// A root-absolute path that another part of the site serves (`links.other_paths`): not checked.
    case otherPath(String)
    /// A root-absolute path outside `links.site_root`.
    case outsideSiteRoot(String)
    /// Template syntax (`{{ site.baseurl }}`, `{% link x.md %}`): only the generator can resolve it.
    case template
    case outside

    /// `{{`, `}}`, `{%` or `%}`, as written or percent-encoded.
    static func hasTemplateSyntax(_ destination: String) -> Bool {
        // Every link is asked: most have no brace at all, and Foundation's `contains` is slow on Linux.
        let encoded = destination.containsByte(UInt8(ascii: "%"))
        guard encoded || destination.containsByte(UInt8(ascii: "{")) || destination.containsByte(UInt8(ascii: "}")) else { return false }
        let d = encoded ? (destination.removingPercentEncoding ?? destination) : destination
        return d.contains("{{") || d.contains("}}") || d.contains("{%") || d.contains("%}")
    }

    static func read(_ destination: String, from file: String, conventions c: LinkConventions) -> LinkReading {
        if hasTemplateSyntax(destination) { return .template }
        var written = destination.trimmed
        if written.hasPrefix("/"), !written.hasPrefix("//") {
            let path = written.beforeFragmentOrQuery
            if c.isOtherPath(path) { return .otherPath(written) }
            // A root-absolute `.md` link names a source from the content folder (jekyll-relative-links,
            // Hugo's link hook): only URLs carry the site root.
            if c.siteRoot != "/", path.hasPrefix(c.siteRoot) || path + "/" == c.siteRoot {
                written = "/" + written.dropFirst(min(c.siteRoot.count, path.count))
            } else if c.siteRoot != "/", !path.hasSuffix(ignoringASCIICase: ".md") {
                return .outsideSiteRoot(written)
            }
        }
        let pathPart = written.beforeFragmentOrQuery
        let isFolder = pathPart.hasSuffix("/")
        // A page x.md served at x/ resolves a written URL from x/; a `.md` link is the source's (GitHub's,
        // jekyll-relative-links'), read from the file's folder. Both are tried, the page's URL first:
        // generators differ. Without `relative_to_source` (Eleventy), the page's URL is all there is.
        var fromPage: (path: String, fragment: String?)?
        if c.prettyURLs, !pathPart.hasPrefix("/"), !pathPart.hasSuffix(ignoringASCIICase: ".md") || !c.relativeToSource,
           !isIndexPage(file, c), !file.hasSuffix(ignoringASCIICase: ".html.md"),
           case .content(let path, let fragment) = ContentPath.resolve(written, from: ContentPath.defaultID(file) + "/index") {
            fromPage = (path, fragment)
        }
        if let fromPage, !c.relativeToSource {
            return content([fromPage.path], primary: fromPage.path, fragment: fromPage.fragment, isFolder: isFolder, c)
        }
        switch ContentPath.resolve(written, from: file) {
        case .external(let url): return .external(url)
        case .sameFile(let fragment): return .sameFile(fragment: fragment)
        case .outside:
            guard let fromPage else { return .outside }
            return content([fromPage.path], primary: fromPage.path, fragment: fromPage.fragment, isFolder: isFolder, c)
        case .content(let path, let fragment):
            var bases = [fromPage?.path, path].compactMap { $0 }
            // Docusaurus looks a `.md` link up from the docs root when it is not beside the file.
            if c.rootFallback, pathPart.hasSuffix(ignoringASCIICase: ".md"), !pathPart.hasPrefix("."), !pathPart.hasPrefix("/"),
               case .content(let fromRoot, _) = ContentPath.resolve("/" + written, from: file) {
                bases.append(fromRoot)
            }
            return content(bases, primary: path, fragment: fragment, isFolder: isFolder || path.isEmpty, c)
        }
    }

    /// Whether a link names a source file (`x.md`) rather than a URL: a page moved to its own URL
    /// (`fields.url`) is still found by its file, not by its file's URL.
    static func namesSource(_ destination: String) -> Bool {
        destination.beforeFragmentOrQuery.hasSuffix(ignoringASCIICase: ".md")
    }

    private static func content(_ bases: [String], primary: String, fragment: String?, isFolder: Bool, _ c: LinkConventions) -> LinkReading {
        var candidates: [String] = []
        for base in bases {
            for candidate in expand(base, isFolder: isFolder, c) where !candidates.contains(candidate) { candidates.append(candidate) }
        }
        return .content(candidates: candidates, primary: primary, fragment: fragment, isFolder: isFolder, bases: bases)
    }

    /// Sources of pages the generator renders and Sopbook does not read (MDX, Middleman's ERB): a link
    /// that names one of them is valid, and is left as written.
    static func unreadSources(of candidate: String) -> [String] {
        let lower = candidate.lowercased()
        if lower.hasSuffix(".md") { return [String(candidate.dropLast(3)) + ".mdx", candidate + ".erb"] }
        if lower.hasSuffix(".html") { return [candidate + ".erb", candidate + ".md.erb"] }
        return []
    }

    /// The key a URL path is looked up by: `people/leave/`, `people/leave/index.html` and `people/leave.html`
    /// are one page.
    static func urlKey(_ path: String) -> String {
        var key = Substring(path)
        while key.hasPrefix("/") { key = key.dropFirst() }
        if key.hasSuffix("/index.html") || key == "index.html" { key = key.dropLast(10) }
        else if key.hasSuffix(ignoringASCIICase: ".html") { key = key.dropLast(5) }
        while key.hasSuffix("/") { key = key.dropLast() }
        return String(key)
    }

    /// The URL keys a page is also served at: a root-absolute value is read from the site root (the
    /// generators write permalinks and aliases without their base URL), a bare name replaces the file's name.
    static func urlKeys(_ procedure: Procedure) -> [String] {
        // Most handbooks give no URLs: the page table asks this of every process.
        guard !procedure.ownURLs.isEmpty || !procedure.urls.isEmpty else { return [] }
        return (procedure.ownURLs + procedure.urls).compactMap { written in
            let path = written.beforeFragmentOrQuery
            guard !path.isEmpty, !ContentPath.hasScheme(String(path)), !hasTemplateSyntax(String(path)) else { return nil }
            if path.hasPrefix("/") { return urlKey(String(path)) }
            let folder = procedure.file.slashParts.dropLast().joined(separator: "/")
            return urlKey(folder.isEmpty ? String(path) : folder + "/" + path)
        }
    }

    /// A file served at its folder's URL: the folder's index page. (`x.html.md` is served at `x.html`.)
    static func isIndexPage(_ file: String, _ c: LinkConventions) -> Bool {
        let name = file.lastSlashPart.map(String.init) ?? file
        return c.indexPages.contains(name)
    }

    /// The files a path may name: itself, then what the conventions add (`x.md` for a pretty `x/`, `x.md`
    /// and `x.html.md` for `x.html`, the folder's index page).
    static func expand(_ path: String, isFolder: Bool, _ c: LinkConventions) -> [String] {
        var out: [String] = []
        if !isFolder { out.append(path) }
        // The last segment alone: a path's parts in an array, for each link, were a third of this.
        let last = path.lastSlashPart.map(String.init) ?? ""
        if c.htmlPages, last.hasSuffix(ignoringASCIICase: ".html") {
            let stem = String(path.dropLast(5))
            out += [stem + ".md", path + ".md"]
            if last.lowercased() == "index.html" {
                let dir = String(stem.dropLast(5))
                out += c.indexPages.map { dir + $0 }
            }
        }
        // Byte searches: Foundation's `contains` bridges to NSString on Linux, for every link.
        let hasDot = last.containsByte(UInt8(ascii: "."))
        if c.prettyURLs, !path.isEmpty, !hasDot || isFolder {
            out += [path + ".md", path + ".html.md"]
        }
        if isFolder || !hasDot {
            let folder = path.isEmpty ? "" : path + "/"
            out += c.indexPages.map { folder + $0 }
        }
        return out
    }
}

/// What a link is read against besides the page table: the conventions, and the attachments when the
/// conventions can make a written path name one under another spelling (empty otherwise).
struct LinkScope: Sendable, Hashable {
    var conventions: LinkConventions
    var attachments: Set<String>

    init(conventions: LinkConventions, attachments: Set<String>) {
        self.conventions = conventions
        self.attachments = conventions == LinkConventions() ? [] : attachments
    }
}
