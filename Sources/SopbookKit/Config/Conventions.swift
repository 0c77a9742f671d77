import Foundation
import Yams

/// How the handbook's own generator resolves links (`links:` in `sopbook.yml`). The defaults are
/// Sopbook's: a link names a `.md` file or an attachment, relative to the linking file.
public struct LinkConventions: Sendable, Hashable {
    /// A link to a folder lands on the first of these files in it; they are read as SOPs even when their
    /// name starts with `_` (Hugo's `_index.md`).
    public var indexPages: [String] = []
    /// Files under folders whose name starts with `.` (GitBook's `.gitbook/assets`) are attachments.
    public var dotFolders = false
    /// A page `x.md` is served at `x/`: a link without `.md` is resolved from the page's URL first.
    public var prettyURLs = false
    /// A link to `x.html` names `x.md` or `x.html.md`.
    public var htmlPages = false
    /// The URL path the content folder is served at: `/manual/a/b` names `a/b`.
    public var siteRoot = "/"
    /// Root-absolute paths that other parts of the site serve: listed, not checked.
    public var otherPaths: [String] = []
    /// `## Title {#id}` has the anchor `id`.
    public var headingIDs = false
    /// `<a name="x">` and `id="x"` in the Markdown are anchors.
    public var htmlAnchors = false
    /// A link to a folder without an index page is valid (GitHub and GitLab show a listing of it); the
    /// site has no page for it, so it is left as written.
    public var folderListings = false
    /// With pretty URLs, links are also read from the source file's folder (GitHub, jekyll-relative-links,
    /// MkDocs, Docusaurus, Hugo's link hook); Eleventy leaves links to the browser: the page's URL only.
    public var relativeToSource = true
    /// How headings get their anchors: GitHub's (Sopbook's, Hugo's, Docusaurus') or MkDocs'.
    public var headingAnchors: Slugger.Style = .github

    public init() {}

    static let keys = ["index_pages", "dot_folders", "pretty_urls", "html_pages", "site_root", "other_paths",
                       "heading_ids", "html_anchors", "heading_anchors", "folder_listings", "relative_to_source"]

    /// Whether a root-absolute URL path belongs to another part of the site (`other_paths`).
    func isOtherPath(_ path: Substring) -> Bool {
        otherPaths.contains { path.hasPrefix($0) || path + "/" == $0 }
    }

    /// Whether `name` is read as an SOP although it starts with `_`.
    func readsAsPage(_ name: String) -> Bool { indexPages.contains(name) }
}

/// Where a handbook keeps what Sopbook reads from its own keys (`fields:` in `sopbook.yml`).
public struct FieldMapping: Sendable, Hashable {
    /// Keys read as `owner`, the first present wins; `owner` itself always wins.
    public var owner: [String] = []
    /// Flat keys read as `review.last`.
    public var reviewLast: [String] = []
    /// Keys read as `summary`.
    public var summary: [String] = []
    /// Keys that set the page's URL (`permalink`, `url`, `slug`): `/x/` from the site root, `x` in place of
    /// the file's name.
    public var url: [String] = []
    /// Keys listing older URLs that still lead to the page (`redirect_from`, `aliases`).
    public var aliases: [String] = []
    /// The generator's own keys: not `unknown-field`.
    public var ignore: Set<String> = []

    public init() {}

    static let keys = ["owner", "review_last", "summary", "url", "aliases", "ignore"]

    /// The Sopbook field a key stands for, when the mapping names it.
    func field(for key: String) -> String? {
        if owner.contains(key) { return "owner" }
        if reviewLast.contains(key) { return "review.last" }
        if summary.contains(key) { return "summary" }
        return nil
    }

    /// Of two keys that stand for the same field, the one read: Sopbook's own name first, then the
    /// mapping's order.
    func rank(of key: String, for field: String) -> Int {
        let list = field == "owner" ? owner : field == "summary" ? summary : reviewLast
        if key == field { return -1 }
        return list.firstIndex(of: key) ?? Int.max
    }
}

extension Configuration.Reader {
    mutating func readLinks(_ value: Node) throws(Configuration.Error) {
        guard let m = value.mapping else { throw fail(value, "`links` must be a mapping (index_pages, dot_folders, pretty_urls, …)") }
        var links = LinkConventions()
        for (k, v) in m {
            let key = YAMLValue.string(k) ?? "?"
            switch key {
            case "index_pages":
                links.indexPages = try strings(v, "links.index_pages")
                if let bad = links.indexPages.first(where: { $0.contains("/") || !$0.lowercased().hasSuffix(".md") }) {
                    throw fail(v, "`links.index_pages` lists file names ending in .md (README.md, index.md), not `\(bad)`")
                }
            case "dot_folders": links.dotFolders = try bool(v, "links.dot_folders")
            case "folder_listings": links.folderListings = try bool(v, "links.folder_listings")
            case "relative_to_source": links.relativeToSource = try bool(v, "links.relative_to_source")
            case "pretty_urls": links.prettyURLs = try bool(v, "links.pretty_urls")
            case "html_pages": links.htmlPages = try bool(v, "links.html_pages")
            case "heading_ids": links.headingIDs = try bool(v, "links.heading_ids")
            case "html_anchors": links.htmlAnchors = try bool(v, "links.html_anchors")
            case "site_root": links.siteRoot = try urlPath(v, "links.site_root")
            case "heading_anchors":
                guard let style = YAMLValue.string(v).flatMap(Slugger.Style.init(rawValue:)) else {
                    throw fail(v, "`links.heading_anchors` must be `github` (GitHub, Hugo, Docusaurus, Jekyll), `python-markdown` (MkDocs) or `slugify` (Eleventy)")
                }
                links.headingAnchors = style
            case "other_paths": links.otherPaths = try strings(v, "links.other_paths").map { p throws(Configuration.Error) in
                guard p.hasPrefix("/") else { throw fail(v, "`links.other_paths` lists paths starting with `/`, not `\(p)`") }
                return p
            }
            default:
                let hint = Suggest.closest(to: key, among: LinkConventions.keys).map { " (did you mean `\($0)`?)" } ?? ""
                throw fail(k, "`links` has no key `\(key)`\(hint)")
            }
        }
        config.links = links
    }

    mutating func readFields(_ value: Node) throws(Configuration.Error) {
        guard let m = value.mapping else { throw fail(value, "`fields` must be a mapping (owner, review_last, summary, ignore)") }
        var fields = FieldMapping()
        for (k, v) in m {
            let key = YAMLValue.string(k) ?? "?"
            switch key {
            case "owner": fields.owner = try strings(v, "fields.owner")
            case "review_last": fields.reviewLast = try strings(v, "fields.review_last")
            case "summary": fields.summary = try strings(v, "fields.summary")
            case "url": fields.url = try strings(v, "fields.url")
            case "aliases": fields.aliases = try strings(v, "fields.aliases")
            case "ignore": fields.ignore = Set(try strings(v, "fields.ignore"))
            default:
                let hint = Suggest.closest(to: key, among: FieldMapping.keys).map { " (did you mean `\($0)`?)" } ?? ""
                throw fail(k, "`fields` has no key `\(key)`\(hint)")
            }
        }
        // A key read as two fields, or a Sopbook field mapped onto another, would make a page say two things.
        let mapped = fields.owner + fields.reviewLast + fields.summary + fields.url + fields.aliases
        if let twice = mapped.first(where: { key in mapped.filter { $0 == key }.count > 1 }) {
            throw fail(value, "`fields` maps the key `\(twice)` twice; a key is read as one field")
        }
        if let own = mapped.first(where: { FrontMatterParser.knownFields.contains($0) }) {
            throw fail(value, "`fields` cannot map `\(own)`: Sopbook already reads it")
        }
        if let own = fields.ignore.sorted().first(where: { FrontMatterParser.knownFields.contains($0) || mapped.contains($0) }) {
            throw fail(value, "`fields.ignore` lists `\(own)`, which Sopbook reads; remove it from the list")
        }
        config.fields = fields
    }

    func bool(_ node: Node, _ key: String) throws(Configuration.Error) -> Bool {
        guard let s = YAMLValue.string(node), let b = YAMLValue.bool(s) else { throw fail(node, "`\(key)` must be true or false") }
        return b
    }

    /// A URL path starting and ending with `/`: `/manual` is read as `/manual/`.
    func urlPath(_ node: Node, _ key: String) throws(Configuration.Error) -> String {
        guard let s = YAMLValue.string(node)?.trimmed, s.hasPrefix("/"), !s.contains("#"), !s.contains("?") else {
            throw fail(node, "`\(key)` must be a URL path starting with `/`, e.g. `/manual/`")
        }
        return s.hasSuffix("/") ? s : s + "/"
    }
}
