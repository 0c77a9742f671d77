import Foundation

/// The `links:` section adopt writes: how the handbook's generator resolves the links its writers wrote,
/// each setting with the reason it has that value (written as a comment above it). `conventions` is the
/// same as the configuration reads it.
public struct AdoptedLinks: Sendable, Hashable {
    /// A value and why.
    public struct Setting<Value: Sendable & Hashable>: Sendable, Hashable {
        public var value: Value
        public var why: String
    }

    public var indexPages: Setting<[String]>
    public var dotFolders: Setting<Bool>
    public var prettyURLs: Setting<Bool>
    public var htmlPages: Setting<Bool>
    public var siteRoot: Setting<String>
    public var otherPaths: Setting<[String]>
    public var headingIDs: Setting<Bool>
    public var htmlAnchors: Setting<Bool>
    public var headingAnchors: Setting<Slugger.Style>
    public var folderListings: Setting<Bool>
    public var relativeToSource: Setting<Bool>
    public var rootFallback: Setting<Bool>
    public var githubAnchors: Setting<Bool>

    /// Sopbook's behaviour without a `links:` section: what each generator's conventions start from.
    static func plain(_ generator: Generator) -> AdoptedLinks {
        let n = generator.name
        return AdoptedLinks(
            indexPages: Setting(value: [], why: "\(n): a link to a folder is not a page"),
            dotFolders: Setting(value: false, why: "no attachment folder whose name starts with `.`"),
            prettyURLs: Setting(value: false, why: "\(n): a link names the page's .md file, not its URL"),
            htmlPages: Setting(value: false, why: "\(n): links name the .md file, not x.html"),
            siteRoot: Setting(value: "/", why: "a link starting with `/` names a page from the top of the content folder"),
            otherPaths: Setting(value: [], why: "no other part of the site is served beside the pages"),
            headingIDs: Setting(value: false, why: "\(n) does not read `{#id}` after a heading"),
            htmlAnchors: Setting(value: false, why: "\(n) drops raw HTML, so `<a name>` is no anchor"),
            headingAnchors: Setting(value: .github, why: "\(n) makes a heading's anchor as GitHub does: `## Roll back` is #roll-back"),
            folderListings: Setting(value: false, why: "\(n) has no page for a folder without an index page"),
            relativeToSource: Setting(value: true, why: "\(n): a link may be written from the source file's folder (a `.md` link names the file)"),
            rootFallback: Setting(value: false, why: "\(n) looks a `.md` link up beside the linking file only"),
            githubAnchors: Setting(value: false, why: "\(n) has no `#readme` or `#user-content-` anchors"))
    }

    /// The conventions of the detected generator, read from its configuration where it has settings
    /// that change them.
    public static func make(_ detection: GeneratorDetection, _ snapshot: HandbookSnapshot) -> AdoptedLinks {
        var links: AdoptedLinks
        switch detection.generator {
        case .gitbook: links = gitbook()
        case .mkdocs: links = mkdocs(detection.config(snapshot).map(MkDocsSettings.init))
        case .docusaurus:
            links = docusaurus(detection.config(snapshot).map(DocusaurusSettings.init), staticEntries(detection, snapshot),
                               categories: snapshot.files.contains { ($0.split(separator: "/").last ?? "").hasPrefix("_category_.") })
        case .hugo: links = hugo(detection.hugoSettings(snapshot), staticEntries(detection, snapshot))
        case .jekyll: links = jekyll(detection.config(snapshot).map(JekyllSettings.init))
        case .eleventy: links = eleventy(detection.config(snapshot).map(EleventySettings.init))
        case .middleman: links = middleman(detection.config(snapshot).map(MiddlemanSettings.init), techDocs: TechDocsSettings(snapshot))
        case .github: links = github(snapshot)
        }
        // Whatever the generator, files in a dot-folder of the content (an Azure DevOps `.attachments/`,
        // a GitBook `.gitbook/assets/`) are there to be linked to: nothing else puts them there.
        if !links.dotFolders.value, let folder = attachmentDotFolder(snapshot) {
            links.dotFolders = Setting(value: true, why: "\(folder)/ holds files the pages may link to")
        }
        return links
    }

    /// The first dot-folder of the content that holds files other than Markdown (`.git` is never read).
    static func attachmentDotFolder(_ snapshot: HandbookSnapshot) -> String? {
        for file in snapshot.files where !file.lowercased().hasSuffix(".md") {
            let parts = file.split(separator: "/").dropLast()
            if let i = parts.firstIndex(where: { $0.hasPrefix(".") && $0 != ".git" }) {
                return parts[...i].joined(separator: "/")
            }
        }
        return nil
    }

    /// What `static/` beside the generator's configuration serves at the site's root (`/img/`): links
    /// there are not pages of the handbook.
    static func staticEntries(_ detection: GeneratorDetection, _ snapshot: HandbookSnapshot) -> [String] {
        guard let root = detection.siteRoot, let folder = snapshot.folders.first(where: { $0.path == root }) else { return [] }
        return folder.staticEntries.map { "/" + $0 }
    }

    static func gitbook() -> AdoptedLinks {
        var l = plain(.gitbook)
        l.indexPages = Setting(value: ["README.md"], why: "GitBook: a link to a folder lands on its README.md, the folder's page")
        l.dotFolders = Setting(value: true, why: "GitBook keeps uploaded images and files in .gitbook/assets/")
        l.htmlAnchors = Setting(value: true, why: "GitBook writes `<a href=\"#x\" id=\"x\"></a>` into headings it exports, and links to those ids")
        return l
    }

    static func mkdocs(_ s: MkDocsSettings?) -> AdoptedLinks {
        var l = plain(.mkdocs)
        let settings = s ?? MkDocsSettings("")
        l.indexPages = Setting(value: ["index.md", "README.md"], why: "MkDocs: a folder's page is its index.md, or its README.md when it has no index.md")
        l.prettyURLs = settings.useDirectoryURLs
            ? Setting(value: true, why: "MkDocs with use_directory_urls (on by default) serves x.md at x/, so `../x/` links work on the site")
            : Setting(value: false, why: "MkDocs with use_directory_urls: false serves x.md at x.html")
        if !settings.useDirectoryURLs {
            l.htmlPages = Setting(value: true, why: "MkDocs with use_directory_urls: false serves x.md at x.html, so x.html links work on the site")
        }
        let attrList = settings.extensions.contains("attr_list")
        l.headingIDs = attrList
            ? Setting(value: true, why: "MkDocs with the attr_list extension reads `## Title {#id}`")
            : Setting(value: false, why: "MkDocs without attr_list reads no `{#id}` (toc alone only makes ids from the heading text)")
        l.htmlAnchors = Setting(value: true, why: "MkDocs (Python-Markdown) keeps raw HTML, so `<a name=\"x\">` is an anchor")
        l.headingAnchors = settings.customSlugify
            ? Setting(value: .pythonMarkdown, why: "MkDocs makes anchors with toc's slugify, which mkdocs.yml replaces: check that Python-Markdown's is the one")
            : Setting(value: .pythonMarkdown, why: "MkDocs makes anchors with Python-Markdown's toc: `## Étapes - suite` is #etapes-suite, not GitHub's #étapes---suite")
        if let path = settings.sitePath, path != "/" {
            l.siteRoot = Setting(value: path, why: "MkDocs: site_url serves the pages under \(path), so a root-absolute link includes it")
        }
        return l
    }

    static func docusaurus(_ s: DocusaurusSettings?, _ statics: [String], categories: Bool = false) -> AdoptedLinks {
        var l = plain(.docusaurus)
        let settings = s ?? DocusaurusSettings("")
        l.indexPages = Setting(value: ["index.md", "README.md"], why: "Docusaurus: a folder's index.md or README.md is the folder's page")
        l.prettyURLs = Setting(value: true, why: "Docusaurus serves x.md at x (no .md, no .html), so links without .md work on the site")
        // Docusaurus adds baseUrl to root-absolute links itself; what a writer writes starts at the docs route.
        l.siteRoot = Setting(value: settings.sitePath, why: "Docusaurus serves the docs folder at \(settings.sitePath) (routeBasePath); it adds baseUrl itself")
        var others = statics
        if settings.hasBlog && settings.sitePath != "/blog/" { others.insert("/blog/", at: 0) }
        // A `_category_` file may ask for a generated index page, which Docusaurus serves under category/.
        if categories { others.append(settings.sitePath + "category/") }
        if !others.isEmpty {
            l.otherPaths = Setting(value: others, why: "Docusaurus serves these beside the docs (the blog, the files of static/, generated category pages)")
        }
        l.headingIDs = Setting(value: true, why: "Docusaurus reads `## Title {#id}`")
        l.htmlAnchors = Setting(value: true, why: "Docusaurus pages are MDX: `<a id=\"x\">` is an anchor")
        l.rootFallback = Setting(value: true, why: "Docusaurus looks a `.md` link up from the docs folder when it is not beside the file")
        return l
    }

    static func hugo(_ settings: HugoSettings?, _ statics: [String]) -> AdoptedLinks {
        var l = plain(.hugo)
        let s = settings ?? HugoSettings("", fileName: "hugo.toml")
        l.indexPages = Setting(value: ["_index.md", "index.md"], why: "Hugo: a section's page is its _index.md, a page bundle's its index.md")
        l.prettyURLs = s.uglyURLs
            ? Setting(value: false, why: "Hugo with uglyURLs serves x.md at x.html")
            : Setting(value: true, why: "Hugo serves x.md at x/, so `../x/` links work on the site")
        if s.uglyURLs {
            l.htmlPages = Setting(value: true, why: "Hugo with uglyURLs serves x.md at x.html, so x.html links work on the site")
        }
        if let path = s.basePath, path != "/", !s.canonifyURLs {
            l.siteRoot = Setting(value: path, why: "Hugo: baseURL serves the site under \(path), and without canonifyURLs a working root-absolute link includes it")
        }
        if !statics.isEmpty {
            l.otherPaths = Setting(value: statics, why: "Hugo serves the files of static/ at the site's root")
        }
        l.headingIDs = s.headingAttributes
            ? Setting(value: true, why: "Hugo (Goldmark) reads `## Title {#id}` by default")
            : Setting(value: false, why: "Hugo: markup.goldmark.parser.attribute.title is off, so `{#id}` is not read")
        l.htmlAnchors = s.rawHTML
            ? Setting(value: true, why: "Hugo: markup.goldmark.renderer.unsafe keeps raw HTML, so `<a name=\"x\">` is an anchor")
            : Setting(value: false, why: "Hugo (Goldmark) drops raw HTML unless markup.goldmark.renderer.unsafe is on")
        return l
    }

    static func jekyll(_ s: JekyllSettings?) -> AdoptedLinks {
        var l = plain(.jekyll)
        let settings = s ?? JekyllSettings("")
        l.indexPages = Setting(value: ["index.md", "README.md"], why: "Jekyll: a folder's index.md is its page (and README.md on GitHub Pages, by jekyll-readme-index)")
        l.prettyURLs = settings.prettyURLs
            ? Setting(value: true, why: "Jekyll with permalink: \(settings.permalink ?? "pretty") serves x.md at x/")
            : Setting(value: false, why: "Jekyll serves x.md at x.html (no `permalink: pretty`)")
        // With pretty permalinks there is no x.html on the site: a link to it is truly broken.
        l.htmlPages = settings.prettyURLs
            ? Setting(value: false, why: "Jekyll with pretty permalinks writes no x.html, so a link to x.html is broken on the site")
            : Setting(value: true, why: "Jekyll serves x.md at x.html, and writers link to x.html")
        if let base = settings.baseurl, let path = URLText.path(base), path != "/" {
            l.siteRoot = Setting(value: path, why: "Jekyll: baseurl serves the site under \(path), so a root-absolute link includes it")
        }
        let kramdown = settings.markdown == "kramdown"
        l.headingIDs = kramdown
            ? Setting(value: true, why: "Jekyll's kramdown reads `## Title {#id}`")
            : Setting(value: false, why: "Jekyll with markdown: \(settings.markdown) reads no `{#id}`")
        l.htmlAnchors = Setting(value: true, why: "Jekyll keeps raw HTML, so `<a name=\"x\">` is an anchor")
        return l
    }

    static func eleventy(_ s: EleventySettings?) -> AdoptedLinks {
        var l = plain(.eleventy)
        l.indexPages = Setting(value: ["index.md"], why: "Eleventy: a folder's index.md is served at the folder's URL")
        l.prettyURLs = Setting(value: true, why: "Eleventy serves x.md at x/, so `../x/` links work on the site")
        // Eleventy leaves a link as written: the browser reads it from the page's URL, x/, and a link
        // that only works from the source's folder (`other.md`) is broken on the site.
        l.relativeToSource = Setting(value: false, why: "Eleventy leaves links as written: they are read from the page's URL (x/) only, not from the file's folder")
        // pathPrefix is added to root-absolute links by Eleventy's HTML base plugin: writers leave it out.
        l.siteRoot.why = "Eleventy: a root-absolute link starts at the input folder; pathPrefix is added by the build"
        l.headingIDs = s?.attributes == true
            ? Setting(value: true, why: "Eleventy with markdown-it-attrs reads `## Title {#id}`")
            : Setting(value: false, why: "Eleventy's markdown-it reads no `{#id}` without markdown-it-attrs")
        l.htmlAnchors = Setting(value: true, why: "Eleventy's markdown-it keeps raw HTML, so `<a name=\"x\">` is an anchor")
        if s?.anchors == true {
            l.headingAnchors = Setting(value: .slugify, why: "Eleventy with markdown-it-anchor makes anchors with its slugify filter")
        } else {
            l.headingAnchors.why = "Eleventy gives headings no anchors without markdown-it-anchor; GitHub's style is assumed"
        }
        return l
    }

    static func middleman(_ s: MiddlemanSettings?, techDocs: TechDocsSettings? = nil) -> AdoptedLinks {
        var l = plain(.middleman)
        let settings = s ?? MiddlemanSettings("")
        l.indexPages = Setting(value: ["index.html.md", "index.md"], why: "Middleman: a folder's index.html.md is its page")
        l.prettyURLs = settings.directoryIndexes
            ? Setting(value: true, why: "Middleman with directory_indexes serves x.html.md at x/")
            : Setting(value: false, why: "Middleman serves x.html.md at x.html (directory_indexes is off)")
        l.htmlPages = settings.directoryIndexes
            ? Setting(value: false, why: "Middleman with directory_indexes writes no x.html, so a link to it is broken on the site")
            : Setting(value: true, why: "Middleman serves x.html.md at x.html, and writers link to x.html")
        if let prefix = settings.httpPrefix, let path = URLText.path(prefix), path != "/" {
            l.siteRoot = Setting(value: path, why: "Middleman: http_prefix serves the site under \(path)")
        }
        l.headingIDs = settings.redcarpet
            ? Setting(value: false, why: "Middleman with Redcarpet reads no `{#id}`")
            : Setting(value: true, why: "Middleman's kramdown reads `## Title {#id}`")
        l.htmlAnchors = Setting(value: true, why: "Middleman keeps raw HTML, so `<a name=\"x\">` is an anchor")
        if let techDocs {
            // GovukTechDocs' heading_slug: every run of characters outside [0-9a-z] is one hyphen.
            l.headingAnchors = Setting(value: .pythonMarkdown, why: "the GOV.UK tech docs template makes anchors with one hyphen per run of other characters: `## Hotfixes & rollbacks` is #hotfixes-rollbacks")
            if !techDocs.redirects.isEmpty {
                l.otherPaths = Setting(value: techDocs.redirects, why: "config/tech-docs.yml redirects these old paths to pages")
            }
        }
        return l
    }

    static func github(_ snapshot: HandbookSnapshot) -> AdoptedLinks {
        var l = plain(.github)
        l.indexPages = Setting(value: ["README.md"], why: "GitHub shows a folder's README.md when a link names the folder")
        l.htmlAnchors = Setting(value: true, why: "GitHub keeps `<a name=\"x\">` and `id=\"x\"` (as user-content-x) and follows #x to them")
        l.folderListings = Setting(value: true, why: "GitHub lists the files of a folder that has no README.md, so a link to it works")
        l.githubAnchors = Setting(value: true, why: "GitHub gives every rendered page a #readme anchor, and #user-content-x leads to #x")
        // On GitHub a link starting with `/` names a file from the top of the repository.
        if let repository = snapshot.repositoryRoot, let inside = PathText.inside(snapshot.content, folder: repository), !inside.isEmpty {
            l.siteRoot = Setting(value: "/" + inside + "/", why: "GitHub: a link starting with `/` starts at the repository's top, and the content is in \(inside)/")
        } else if snapshot.repositoryRoot != nil {
            l.siteRoot.why = "GitHub: a link starting with `/` starts at the repository's top, which is the content folder"
        }
        return l
    }
}

extension GeneratorDetection {
    /// The text of the chosen generator's configuration file, when it has one.
    func config(_ snapshot: HandbookSnapshot) -> String? {
        configSignal.flatMap { snapshot.text(at: $0.path) }
    }

    var configSignal: GeneratorSignal? {
        chosenSignals.first { $0.weight == 3 }
    }

    func hugoSettings(_ snapshot: HandbookSnapshot) -> HugoSettings? {
        guard let signal = configSignal, let text = snapshot.text(at: signal.path) else { return nil }
        return HugoSettings(text, fileName: signal.path)
    }
}

extension AdoptedLinks {
    /// The settings as `sopbook.yml`'s `links:` is read: what `check` will do with the file adopt writes.
    public var conventions: LinkConventions {
        var c = LinkConventions()
        c.indexPages = indexPages.value
        c.dotFolders = dotFolders.value
        c.prettyURLs = prettyURLs.value
        c.htmlPages = htmlPages.value
        c.siteRoot = siteRoot.value
        c.otherPaths = otherPaths.value
        c.headingIDs = headingIDs.value
        c.htmlAnchors = htmlAnchors.value
        c.headingAnchors = headingAnchors.value
        c.folderListings = folderListings.value
        c.relativeToSource = relativeToSource.value
        c.rootFallback = rootFallback.value
        c.githubAnchors = githubAnchors.value
        return c
    }
}
