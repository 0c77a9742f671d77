import Testing
@testable import SopbookKit

@Suite struct ConfigurationTests {
    @Test func readsEveryKey() throws {
        let c = try Configuration.parse("""
        title: Acme Ops
        language: fr
        roles: [Ops Lead, Accountant]
        rules:
          orphan: off
          missing-quality: error
        steps:
          headings: [Steps, How]
          placeholders: [TODO, WIP]
        unsafe_html: true
        edit_url: https://example.com/edit/
        """, displayName: "sopbook.yml")
        #expect(c.title == "Acme Ops")
        #expect(c.language == "fr")
        #expect(c.roles == ["Ops Lead", "Accountant"])
        #expect(c.severities == ["orphan": .off, "missing-quality": .error])
        #expect(c.stepHeadings == ["Steps", "How"])
        #expect(c.placeholders == ["TODO", "WIP"])
        #expect(c.unsafeHTML)
        #expect(c.editURL == "https://example.com/edit/")
    }

    @Test func rolesAsAMapWithDescriptions() throws {
        let c = try Configuration.parse("roles:\n  Ops Lead: Runs the warehouse\n  Accountant:\n    description: Books\n", displayName: "x")
        #expect(c.roles == ["Ops Lead", "Accountant"])
        #expect(c.roleDescriptions == ["Ops Lead": "Runs the warehouse", "Accountant": "Books"])
    }

    @Test func errorsNameTheLineAndSuggest() {
        do {
            _ = try Configuration.parse("title: x\nrules:\n  orphn: off\n", displayName: "sopbook.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("did you mean `orphan`"))
        }
        do {
            _ = try Configuration.parse("rules:\n  orphan: loud\n", displayName: "sopbook.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("error, warning, info or off"))
        }
        do {
            _ = try Configuration.parse("edit_url: javascript:alert(1)\n", displayName: "sopbook.yml")
            Issue.record("a javascript: edit_url must be refused")
        } catch {
            #expect(error.message.contains("http"))
        }
        do {
            _ = try Configuration.parse("title: [unclosed\n", displayName: "sopbook.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("YAML"))
        }
    }
}

@Suite struct DateTests {
    @Test func reviewPeriods() throws {
        let d = try #require(CivilDate("2026-01-31"))
        #expect(d.adding(try #require(ReviewPeriod("1 month"))).description == "2026-02-28")
        #expect(d.adding(try #require(ReviewPeriod("30 days"))).description == "2026-03-02")
        #expect(d.adding(try #require(ReviewPeriod("6 weeks"))).description == "2026-03-14")
        #expect(d.adding(try #require(ReviewPeriod("1 year"))).description == "2027-01-31")
        #expect(ReviewPeriod("sometimes") == nil)
        #expect(ReviewPeriod("0 days") == nil)
        #expect(CivilDate("2026-02-30") == nil)
        #expect(CivilDate("2024-02-29") != nil)
        #expect(CivilDate("26-1-1") == nil)
    }

    /// `description` is written digit by digit; the oracle pads with strings, as it did before.
    @Test func descriptionPadsEveryField() {
        func padded(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        var random = SeededRandom(seed: 20_261_204)
        for _ in 0..<2_000 {
            let (y, m, d) = (Int(random.next() % 10_000), Int(random.next() % 12) + 1, Int(random.next() % 28) + 1)
            guard let date = CivilDate("\(padded(y, 4))-\(padded(m, 2))-\(padded(d, 2))") else { continue }
            #expect(date.description == "\(padded(date.year, 4))-\(padded(date.month, 2))-\(padded(date.day, 2))")
        }
        #expect(CivilDate("0007-03-09")?.description == "0007-03-09")
    }

    @Test func readsLinkConventionsAndFieldMapping() throws {
        let c = try Configuration.parse("""
        links:
          index_pages: README.md
          dot_folders: yes
          pretty_urls: true
          html_pages: false
          site_root: /manual
          other_paths: [/api/]
          heading_ids: true
          html_anchors: true
          heading_anchors: python-markdown
          folder_listings: true
        fields:
          owner: [owner_slack, maintainer]
          review_last: last_review_date
          summary: description
          ignore: [layout, weight]
        navigation: SUMMARY.md
        """, displayName: "sopbook.yml")
        #expect(c.links.indexPages == ["README.md"] && c.links.dotFolders && c.links.prettyURLs && !c.links.htmlPages)
        #expect(c.links.siteRoot == "/manual/" && c.links.otherPaths == ["/api/"] && c.links.headingIDs && c.links.htmlAnchors)
        #expect(c.links.headingAnchors == .pythonMarkdown && c.links.folderListings)
        #expect(c.fields.owner == ["owner_slack", "maintainer"] && c.fields.reviewLast == ["last_review_date"])
        #expect(c.fields.summary == ["description"] && c.fields.ignore == ["layout", "weight"])
        #expect(c.navigation == "SUMMARY.md")
        #expect(Configuration().links == LinkConventions() && Configuration().fields == FieldMapping())
    }

    /// A wrong `links:` or `fields:` entry stops the run with its line (exit status 2 at the command line).
    @Test(arguments: [
        ("links:\n  pretty_url: true\n", 2, "did you mean `pretty_urls`"),
        ("links:\n  dot_folders: sometimes\n", 2, "true or false"),
        ("links:\n  index_pages: [docs/README.md]\n", 2, "file names ending in .md"),
        ("links:\n  site_root: manual\n", 2, "starting with `/`"),
        ("title: x\nlinks:\n  other_paths: [api/]\n", 3, "starting with `/`"),
        ("links: [pretty_urls]\n", 1, "must be a mapping"),
        ("fields:\n  owners: owner_slack\n", 2, "did you mean `owner`"),
        ("fields:\n  owner: {slack: x}\n", 2, "list of strings"),
        ("fields:\n  owner: maintainer\n  summary: maintainer\n", 2, "maps the key `maintainer` twice"),
        ("fields:\n  owner: raci\n", 2, "cannot map `raci`"),
        ("fields:\n  ignore: [layout, owner]\n", 2, "lists `owner`"),
        ("navigation: ''\n", 1, "must name a file"),
        ("links:\n  heading_anchors: kramdown\n", 2, "`python-markdown` (MkDocs) or `slugify` (Eleventy)"),
    ])
    func badConventionsNameTheirLine(_ text: String, _ line: Int, _ message: String) {
        do {
            _ = try Configuration.parse(text, displayName: "sopbook.yml")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }
}
