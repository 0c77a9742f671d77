import Foundation
import Testing
import Yams
@testable import SopbookKit

/// The sopbook.yml text adopt writes and what it prints.
@Suite struct AdoptionTextTests {
    static func mkdocsHandbook() throws -> TempHandbook {
        try TempHandbook([
            "mkdocs.yml": "site_name: \"Ops: the #1 manual\"\nmarkdown_extensions: [attr_list]\nnav:\n  - index.md\n  - Guides: guides/onboarding.md\n  - Gone: gone.md\n",
            "docs/index.md": page("owner_slack: \"#ops\"\ndescription: Start here\nlayout: home"),
            "docs/guides/onboarding.md": page("owner_slack: \"#hr\"\nlast_reviewed: 2024-01-02\nnav_order: 2\nlayout: page"),
            "docs/guides/untitled.md": "# No front matter\n",
        ])
    }

    /// The text as a YAML tree of plain values.
    static func yaml(_ text: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test func theConfigurationSaysWhatWasFoundInYAMLThatReadsBack() throws {
        let h = try Self.mkdocsHandbook()
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        let tree = try Self.yaml(a.configurationText)
        #expect(tree["title"] as? String == "Ops: the #1 manual")
        let links = try #require(tree["links"] as? [String: Any])
        #expect(links["index_pages"] as? [String] == ["index.md", "README.md"])
        #expect(links["pretty_urls"] as? Bool == true)
        #expect(links["heading_ids"] as? Bool == true)
        #expect(links["site_root"] as? String == "/")
        #expect(Set(links.keys) == ["index_pages", "dot_folders", "pretty_urls", "html_pages", "site_root", "other_paths",
                                    "heading_ids", "html_anchors", "heading_anchors", "folder_listings", "relative_to_source",
                                    "root_fallback", "github_anchors"])
        // Every key adopt writes is one the configuration reads.
        #expect(Set(links.keys) == Set(LinkConventions.keys))
        #expect(links["heading_anchors"] as? String == "python-markdown")
        let fields = try #require(tree["fields"] as? [String: Any])
        #expect(fields["owner"] as? String == "owner_slack")
        #expect(fields["review_last"] as? String == "last_reviewed")
        #expect(fields["summary"] as? String == "description")
        #expect(fields["ignore"] as? [String] == ["layout", "nav_order"])
        #expect(tree["navigation"] as? String == "mkdocs.yml")
    }

    @Test func everySettingHasItsReasonAboveIt() throws {
        let h = try Self.mkdocsHandbook()
        defer { h.remove() }
        let lines = try h.adoption(content: "docs").configurationText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("# sopbook.yml for a MkDocs handbook") == true)
        for (i, line) in lines.enumerated() where line.hasPrefix("  ") && !line.hasPrefix("  #") && !line.hasPrefix("    ") {
            #expect(lines[i - 1].hasPrefix("  # "), "no reason above `\(line)`")
        }
        #expect(lines.contains("  # MkDocs with the attr_list extension reads `## Title {#id}`"))
        #expect(lines.contains("  # owner is read from owner_slack on 2 of 3 pages"))
        #expect(lines.contains("    - nav_order  # 1 page"))
    }

    @Test func theOutputIsDeterministic() throws {
        let h = try Self.mkdocsHandbook()
        defer { h.remove() }
        let first = try h.adoption(content: "docs")
        let second = try h.adoption(content: "docs")
        #expect(first.configurationText == second.configurationText)
        #expect(first.reportLines == second.reportLines)
    }

    @Test func theReportSaysWhatWasFoundAndWhy() throws {
        let h = try Self.mkdocsHandbook()
        defer { h.remove() }
        let lines = try h.adoption(content: "docs").reportLines
        #expect(lines.contains("Generator: MkDocs: mkdocs.yml (docs_dir: docs, nav of 2 pages)"))
        #expect(lines.contains("  owner ← owner_slack: 2 of 3 pages"))
        #expect(lines.contains("  no ownership field at all: 1 page (guides/untitled.md)"))
        #expect(lines.contains("  ignored: layout (2), nav_order (1)"))
        #expect(lines.contains("  mkdocs.yml:6: `gone.md` names no page of the content folder"))
        #expect(lines.contains("Title: Ops: the #1 manual (site_name in mkdocs.yml)"))
    }

    @Test func navigationIsWrittenRelativeToTheConfigurationsFolder() throws {
        let h = try TempHandbook(["book/SUMMARY.md": "* [A](a.md)\n", "book/a.md": page("owner: A"), "book/.gitbook/assets/x.png": "png",
                                  "ci/": ""])
        defer { h.remove() }
        let snapshot = try h.snapshot(content: "book")
        let beside = Adoption.make(snapshot, configFile: h.url("sopbook.yml").path)
        #expect(try Self.yaml(beside.configurationText)["navigation"] as? String == "book/SUMMARY.md")
        let elsewhere = Adoption.make(snapshot, configFile: h.url("ci/sopbook.yml").path)
        #expect(try Self.yaml(elsewhere.configurationText)["navigation"] as? String == "../book/SUMMARY.md")
        #expect(elsewhere.configurationText.contains("run `sopbook check --content ../book` from this folder"))
    }

    @Test func noFieldsSectionWhenNothingNeedsMapping() throws {
        let h = try TempHandbook(["docs/a.md": page("owner: A\nsummary: S")])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        #expect(try Self.yaml(a.configurationText)["fields"] == nil)
        #expect(a.configurationText.contains("# fields: none needed"))
        #expect(a.configurationText.contains("# navigation: none"))
    }

    @Test func textFromTheHandbookCannotAddLinesToTheConfiguration() throws {
        let h = try TempHandbook([
            "mkdocs.yml": "site_name: \"X\\ntitle: Evil\"\ndocs_dir: \"docs\\nfields: {owner: evil}\"\n",
            "docs/a.md": page("\"layout\\nnavigation: evil.md\": 1\nowner: A"),
        ])
        defer { h.remove() }
        let a = try h.adoption(content: "docs")
        let config = try Configuration.parse(a.configurationText, displayName: "sopbook.yml")
        #expect(config.title == "X\ntitle: Evil")
        #expect(config.navigation == nil)
        #expect(config.fields.owner.isEmpty)
        #expect(config.fields.ignore == ["layout\nnavigation: evil.md"])
        #expect(!a.reportLines.contains { $0.contains("\n") })
    }

    @Test func scalarsAreQuotedWhenYAMLWouldReadThemOtherwise() throws {
        for value in ["plain", "two words", "yes", "No", "null", "~", "#ops", "a: b", "- x", "2024-01-01", "12", "", " padded ",
                      "quote \" and \\ backslash", "[x]", "{y}", "a, b", "tab\there", "é-ok", "@team", "*alias", "!tag", "%x", "`x`"] {
            let text = "k: \(YAMLText.scalar(value))\nl: \(YAMLText.list([value, "z"]))\n"
            let node = try #require(try Yams.compose(yaml: text, .basic), "\(value)")
            #expect(node["k"]?.string == value, "\(value) → \(YAMLText.scalar(value))")
            #expect(node["l"]?.sequence?.first?.string == value, "\(value) in a list")
            #expect(node["k"]?.scalar?.style == .plain ? !["yes", "No", "null", "~", "12", "2024-01-01"].contains(value) : true,
                    "\(value) must be quoted")
        }
    }
}
