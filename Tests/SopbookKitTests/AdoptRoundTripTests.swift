import Foundation
import Testing
@testable import SopbookKit

/// What adopt writes is what `sopbook.yml` reads: for a handbook of every generator, the text parses
/// with `Configuration.parse` into exactly the conventions, field mapping, navigation and title adopt
/// concluded.
@Suite struct AdoptRoundTripTests {
    /// A handbook per generator: its files, the content folder, and the navigation adopt should write.
    static let handbooks: [(Generator, [String: String], String, String?)] = [
        (.gitbook, ["SUMMARY.md": "* [Intro](README.md)\n* [Leave](people/leave.md)\n", ".gitbook/assets/a.png": "png",
                    "README.md": page("description: \"Start: here\"\nowners: [Ops, HR]"), "people/README.md": page("owners: HR"),
                    "people/leave.md": page("owner: HR\nyes: 1\n2fa: on")], ".", "SUMMARY.md"),
        (.mkdocs, ["mkdocs.yml": "site_name: 'Runbooks \"R\" #1'\nsite_url: https://x.org/rb/\nmarkdown_extensions: [attr_list]\nnav: [index.md]\n",
                   "docs/index.md": page("owner_slack: \"#ops\"\nhide: [toc]\nlast_reviewed: 2024-01-02")], "docs", "mkdocs.yml"),
        (.docusaurus, ["docusaurus.config.js": "module.exports = { title: 'Docs' };\n", "static/img/x.png": "png", "static/robots.txt": "x",
                       "docs/intro.md": page("sidebar_position: 1\nmaintainer: bob\nslug: /intro")], "docs", nil),
        (.hugo, ["hugo.yaml": "title: Handbook\nbaseURL: https://x.org/hb/\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: true\n",
                 "content/_index.md": page("title: Home\nweight: 1"), "content/ops/deploy.md": page("owner: SRE\nlastmod: 2024-01-01\naliases: [/deploy/]\nslug: ship")],
         "content", nil),
        (.jekyll, ["_config.yml": "title: Manual\nbaseurl: /manual\npermalink: /:path/:basename/\n",
                   "index.md": page("layout: default\nnav_order: 1\nowner_team: core\nlast_review_date: 2024-02-02"),
                   "leave.md": page("owner: HR\npermalink: /people/leave/\nredirect_from: [/leave.html]")], ".", nil),
        (.eleventy, [".eleventy.js": "module.exports = () => ({ dir: { input: 'src' } });\n",
                     "src/index.md": page("eleventyNavigation: {key: Home}\ncontact: it@x")], "src", nil),
        (.middleman, ["config.rb": "activate :directory_indexes\nset :http_prefix, '/docs'\n",
                      "source/index.html.md": page("title: Home\nresponsible_team: Web")], "source", nil),
        (.github, [".git/HEAD": "x", "handbook/README.md": "# Top\n", "handbook/hr/README.md": page("owner: HR\nreviewed: 2024-01-01")],
         "handbook", nil),
    ]

    @Test(arguments: 0..<handbooks.count)
    func theWrittenConfigurationReadsBackAsAdopted(_ index: Int) throws {
        let (generator, files, content, navigation) = Self.handbooks[index]
        let h = try TempHandbook(files)
        defer { h.remove() }
        let a = try h.adoption(content: content)
        #expect(a.detection.generator == generator)
        let config = try Configuration.parse(a.configurationText, displayName: "sopbook.yml")
        #expect(config.links == a.links.conventions)
        #expect(config.fields == a.fields.fieldMapping)
        #expect(config.navigation == navigation)
        #expect(config.title == a.title?.value ?? Configuration().title)
        #expect(config.links.headingAnchors == (generator == .mkdocs ? .pythonMarkdown : .github))
        #expect(config.links.folderListings == (generator == .github))
        #expect(config.links.relativeToSource == (generator != .eleventy))
        // Each handbook maps or ignores something, so the comparisons above compare something.
        #expect(!a.fields.mappings.isEmpty || !a.fields.ignored.isEmpty)
    }

    @Test func quotedValuesSurviveTheRoundTrip() throws {
        let (_, files, content, _) = Self.handbooks[0]
        let h = try TempHandbook(files)
        defer { h.remove() }
        let config = try Configuration.parse(try h.adoption(content: content).configurationText, displayName: "sopbook.yml")
        #expect(config.fields.ignore == ["2fa", "yes"])
        #expect(config.fields.owner == ["owners"])
        #expect(config.fields.summary == ["description"])

        let (_, mkdocs, docs, _) = Self.handbooks[1]
        let m = try TempHandbook(mkdocs)
        defer { m.remove() }
        let read = try Configuration.parse(try m.adoption(content: docs).configurationText, displayName: "sopbook.yml")
        #expect(read.title == "Runbooks \"R\" #1")
        #expect(read.links.siteRoot == "/rb/")
    }
}
