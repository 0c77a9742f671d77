import Foundation
import Testing
@testable import SopbookKit

/// A handbook written into a fresh temporary folder, file by file, as each generator lays one out.
struct TempHandbook {
    let root: URL

    /// `files` maps paths relative to the root to their text; a path ending in `/` makes an empty folder.
    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-adopt-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func url(_ path: String) -> URL { path == "." ? root : root.appendingPathComponent(path) }

    /// The handbook read as `sopbook adopt --content <content>` run in `base` would read it.
    func snapshot(content: String, base: String = ".") throws -> HandbookSnapshot {
        try HandbookReader.read(content: url(content), base: url(base))
    }

    func adoption(content: String, base: String = ".") throws -> Adoption {
        Adoption.make(try snapshot(content: content, base: base), configFile: url(base).appendingPathComponent("sopbook.yml").standardizedFileURL.path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A page with front matter.
func page(_ fields: String, body: String = "# Page\n") -> String {
    "---\n\(fields)\n---\n\(body)"
}

@Suite struct AdoptDetectionTests {
    @Test func gitBookFromSummaryAndTheGitBookFolder() throws {
        let h = try TempHandbook([
            "SUMMARY.md": "* [Intro](README.md)\n",
            "README.md": page("owner: Ops"),
            ".gitbook/assets/map.png": "png",
            "guides/README.md": page("owner: Ops"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: ".")
        #expect(a.detection.generator == .gitbook)
        #expect(a.detection.chosenSignals.map(\.label) == [".gitbook/", "SUMMARY.md"])
        #expect(a.links.indexPages.value == ["README.md"])
        #expect(a.links.dotFolders.value)
        #expect(a.links.htmlAnchors.value)
        #expect(!a.links.prettyURLs.value)
        // README.md in every folder is GitHub's habit too: seen, and said, but GitBook's signals are stronger.
        #expect(a.detection.otherGenerators == [.github])
        // SUMMARY.md is the table of contents, not a process: not counted, not "unowned".
        #expect(a.statistics.pages.map(\.path) == ["README.md", "guides/README.md"])
        #expect(a.fields.unowned.isEmpty)
    }

    @Test func mkDocsOneFolderUpWithItsSettings() throws {
        let h = try TempHandbook([
            "site/mkdocs.yml": """
            site_name: Runbooks
            docs_dir: pages
            use_directory_urls: false
            markdown_extensions:
              - toc:
                  permalink: true
              - attr_list
              - pymdownx.emoji:
                  emoji_index: !!python/name:material.extensions.emoji.twemoji
            """,
            "site/pages/index.md": page("owner: Ops"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "site/pages")
        #expect(a.detection.generator == .mkdocs)
        #expect(a.detection.siteRoot == h.url("site").standardizedFileURL.path)
        #expect(a.links.indexPages.value == ["index.md", "README.md"])
        #expect(!a.links.prettyURLs.value && a.links.htmlPages.value, "use_directory_urls: false serves x.html")
        #expect(a.links.headingIDs.value, "attr_list reads {#id}")
        #expect(a.links.headingAnchors.value == .pythonMarkdown)
        #expect(a.title?.value == "Runbooks")
        #expect(a.details.contains("docs_dir: pages"))
        #expect(a.notes.isEmpty, "docs_dir names the content folder: \(a.notes)")
    }

    @Test func mkDocsDefaultsAndADocsDirThatIsNotTheContent() throws {
        let h = try TempHandbook(["mkdocs.yml": "site_name: X\nmarkdown_extensions: [toc]\n", "other/index.md": page("owner: Ops")])
        defer { h.remove() }
        let a = try h.adoption(content: "other")
        #expect(a.links.prettyURLs.value, "use_directory_urls is on by default")
        #expect(!a.links.headingIDs.value, "toc alone reads no {#id}")
        #expect(a.notes.contains { $0.contains("docs_dir names docs") })
    }

    @Test func docusaurusFromItsConfigAndCategoryFiles() throws {
        let h = try TempHandbook([
            "docusaurus.config.js": "module.exports = { title: 'Acme Docs', baseUrl: '/acme/', presets: [['classic', {}]] };\n",
            "static/img/logo.png": "png",
            "docs/guides/_category_.json": "{\"label\": \"Guides\"}",
            "docs/intro.md": page("sidebar_position: 1"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        #expect(a.detection.generator == .docusaurus)
        #expect(a.detection.chosenSignals.map(\.label) == ["docusaurus.config.js", "_category_ files in 1 folder"])
        // baseUrl is added by Docusaurus itself; what writers write starts at the docs route.
        #expect(a.links.siteRoot.value == "/docs/")
        // The blog, static/'s folders, and the generated index pages a `_category_` file may ask for.
        #expect(a.links.otherPaths.value == ["/blog/", "/img/", "/docs/category/"])
        #expect(a.links.prettyURLs.value && a.links.headingIDs.value && a.links.rootFallback.value)
        #expect(a.title?.value == "Acme Docs")
    }

    @Test func docusaurusDocsAtTheRootWithoutABlog() throws {
        let h = try TempHandbook([
            "docusaurus.config.ts": "export default { presets: [['classic', { docs: { routeBasePath: '/' }, blog: false }]] };\n",
            "docs/intro.md": page("owner: Ops"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        #expect(a.links.siteRoot.value == "/")
        #expect(a.links.otherPaths.value.isEmpty)
    }

    @Test func hugoFromItsConfigAndSectionIndexes() throws {
        let h = try TempHandbook([
            "hugo.toml": """
            baseURL = "https://example.org/handbook/"
            title = "Ops Handbook"  # the site's name
            uglyURLs = true
            [markup.goldmark.renderer]
              unsafe = true
            """,
            "content/_index.md": page("title: Home"),
            "content/ops/_index.md": page("title: Ops\nowner: SRE"),
            "content/ops/deploy.md": page("owner: SRE\nweight: 3"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "content")
        #expect(a.detection.generator == .hugo)
        #expect(a.links.indexPages.value == ["_index.md", "index.md"])
        #expect(!a.links.prettyURLs.value && a.links.htmlPages.value, "uglyURLs serves x.html")
        #expect(a.links.siteRoot.value == "/handbook/")
        #expect(a.links.htmlAnchors.value, "unsafe keeps raw HTML")
        #expect(a.title?.value == "Ops Handbook")
        // _index.md is an index page, so Sopbook reads it: it is counted.
        #expect(a.statistics.pages.map(\.path) == ["_index.md", "ops/_index.md", "ops/deploy.md"])
        #expect(a.fields.unowned == ["_index.md"])
    }

    @Test func hugoDefaultsAndAConfigTomlThatIsNotHugos() throws {
        let hugo = try TempHandbook(["config.toml": "baseurl = \"/\"\n[params]\n  x = 1\n", "content/a.md": page("owner: A")])
        defer { hugo.remove() }
        let a = try hugo.adoption(content: "content")
        #expect(a.detection.generator == .hugo)
        #expect(a.links.prettyURLs.value && !a.links.htmlPages.value && a.links.headingIDs.value && !a.links.htmlAnchors.value)
        #expect(a.detection.chosenSignals.first?.detail == "Hugo keys: baseurl, params.x")

        // Zola also has a config.toml, with other keys.
        let zola = try TempHandbook(["config.toml": "base_url = \"https://x.org\"\ncompile_sass = true\n", "content/a.md": page("owner: A")])
        defer { zola.remove() }
        #expect(try zola.adoption(content: "content").detection.generator == .github)
    }

    @Test func jekyllFromConfigYmlInTheContentFolder() throws {
        let h = try TempHandbook([
            "docs/_config.yml": "title: Team Manual\nbaseurl: \"/manual\"\npermalink: pretty\n",
            "docs/index.md": page("layout: default\nowner_team: core"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        #expect(a.detection.generator == .jekyll)
        // Pretty permalinks write x/index.html and no x.html: a link to x.html is truly broken.
        #expect(a.links.prettyURLs.value && !a.links.htmlPages.value && a.links.headingIDs.value)
        #expect(a.links.siteRoot.value == "/manual/")
        #expect(a.title?.value == "Team Manual")
    }

    @Test func jekyllWithoutPrettyPermalinksOrKramdown() throws {
        let h = try TempHandbook(["_config.yml": "markdown: CommonMarkGhPages\n", "a.md": page("owner: A")])
        defer { h.remove() }
        let a = try h.adoption(content: ".")
        #expect(!a.links.prettyURLs.value && a.links.htmlPages.value && !a.links.headingIDs.value)
        #expect(a.links.siteRoot.value == "/")
    }

    @Test func eleventyFromItsConfig() throws {
        let h = try TempHandbook([
            "eleventy.config.mjs": "export default function (c) { return { dir: { input: \"src\" } }; }\n",
            "src/index.md": page("eleventyNavigation:\n  key: Home"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "src")
        #expect(a.detection.generator == .eleventy)
        #expect(a.links.indexPages.value == ["index.md"])
        #expect(a.links.prettyURLs.value && !a.links.headingIDs.value)
        #expect(!a.links.relativeToSource.value, "Eleventy leaves links to the browser")
        #expect(a.details.contains("input: src") && a.notes.isEmpty)
        #expect(a.links.headingAnchors.value == .github, "no markdown-it-anchor: no anchors of Eleventy's own")

        let plugins = try TempHandbook([".eleventy.js": "const attrs = require('markdown-it-attrs');\nconst anchor = require('markdown-it-anchor');\n",
                                        "a.md": page("owner: A\npermalink: /a/")])
        defer { plugins.remove() }
        let p = try plugins.adoption(content: ".")
        #expect(p.links.headingIDs.value)
        #expect(p.links.headingAnchors.value == .slugify)
        #expect(p.fields.mapping("url")?.keys == ["permalink"])
    }

    @Test func middlemanFromConfigRbAndHtmlMdPages() throws {
        let h = try TempHandbook([
            "config.rb": "activate :directory_indexes\nset :http_prefix, \"/docs/\"\nset :markdown_engine, :redcarpet\n",
            "source/index.html.md": page("title: Home"),
            "source/ops/deploy.html.md": page("title: Deploy"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "source")
        #expect(a.detection.generator == .middleman)
        #expect(a.detection.chosenSignals.map(\.label) == ["config.rb", "2 pages named *.html.md"])
        #expect(a.links.indexPages.value == ["index.html.md", "index.md"])
        #expect(a.links.prettyURLs.value && !a.links.htmlPages.value && !a.links.headingIDs.value)
        #expect(a.links.siteRoot.value == "/docs/")
    }

    @Test func middlemanWithoutDirectoryIndexesServesHtml() throws {
        let h = try TempHandbook(["config.rb": "activate :syntax\n", "source/a.html.md": page("title: A")])
        defer { h.remove() }
        let a = try h.adoption(content: "source")
        #expect(a.detection.generator == .middleman)
        #expect(!a.links.prettyURLs.value && a.links.htmlPages.value && a.links.headingIDs.value)
    }

    @Test func aCompassConfigRbAloneIsNotMiddleman() throws {
        let h = try TempHandbook(["config.rb": "css_dir = 'css'\n", "docs/a.md": page("owner: A")])
        defer { h.remove() }
        let d = try h.adoption(content: "docs").detection
        #expect(d.generator == .github)
        #expect(d.otherGenerators == [.middleman], "the weak signal is still reported")
    }

    @Test func plainGitHubWithTheRepositoryRootAsSiteRoot() throws {
        let h = try TempHandbook([".git/HEAD": "ref: refs/heads/main\n", "handbook/README.md": "# Top\n", "handbook/hr/README.md": "# HR\n",
                                  "handbook/hr/leave.md": page("owner: HR")])
        defer { h.remove() }
        let a = try h.adoption(content: "handbook")
        #expect(a.detection.generator == .github)
        #expect(a.detection.chosenSignals.map(\.label) == ["README.md in 2 of 2 folders"])
        #expect(a.links.indexPages.value == ["README.md"])
        #expect(a.links.siteRoot.value == "/handbook/", "on GitHub a /link starts at the repository's top")
        #expect(!a.links.prettyURLs.value && !a.links.headingIDs.value && a.links.htmlAnchors.value)
        #expect(a.links.folderListings.value && a.links.headingAnchors.value == .github)
    }

    @Test func nothingAtAllIsPlainMarkdown() throws {
        let h = try TempHandbook(["docs/": ""])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        #expect(a.detection.generator == .github)
        #expect(a.detection.signals.isEmpty)
        #expect(a.headline == "GitHub Markdown: no generator file seen")
    }

    @Test func severalSignalsTheStrongestWinsAndTheOthersAreReported() throws {
        let h = try TempHandbook(["mkdocs.yml": "site_name: X\n", "docs/SUMMARY.md": "* [A](a.md)\n", "docs/a.md": page("owner: A")])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        #expect(a.detection.generator == .mkdocs)
        #expect(a.detection.otherGenerators == [.gitbook])
        #expect(a.alsoSeen == ["GitBook (docs/SUMMARY.md)"])
    }

    @Test func aTieGoesToTheNearerSignal() throws {
        let h = try TempHandbook(["mkdocs.yml": "site_name: X\n", "docs/_config.yml": "title: Y\n", "docs/a.md": page("owner: A")])
        defer { h.remove() }
        #expect(try h.adoption(content: "docs").detection.generator == .jekyll)
    }

    @Test func theSearchStopsAtTheRepositoryRoot() throws {
        let h = try TempHandbook(["mkdocs.yml": "site_name: Outside\n", "repo/.git/HEAD": "x", "repo/docs/a.md": page("owner: A")])
        defer { h.remove() }
        let s = try h.snapshot(content: "repo/docs")
        #expect(s.folders.map { $0.path } == [h.url("repo/docs").path, h.url("repo").path])
        #expect(GeneratorDetection.detect(s).generator == .github)
    }

    @Test func anAttachmentDotFolderIsDeclaredWhateverTheGenerator() throws {
        let h = try TempHandbook(["mkdocs.yml": "site_name: X\n", "docs/.attachments/a.pdf": "%PDF", "docs/.drafts/x.md": page("owner: A")])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        #expect(a.links.dotFolders.value)
        #expect(a.links.dotFolders.why.contains(".attachments/"))
    }

    @Test func aMissingContentFolderIsAnError() throws {
        let h = try TempHandbook(["a/": ""])
        defer { h.remove() }
        #expect(throws: HandbookReader.Failure.self) { try h.snapshot(content: "nope") }
    }
}
