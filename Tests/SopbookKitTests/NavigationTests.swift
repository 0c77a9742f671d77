import Testing
@testable import SopbookKit

@Suite struct NavigationTests {
    // MARK: SUMMARY.md

    @Test func summaryListsPagesInOrderAtEveryDepth() {
        let text = """
        # Table of contents

        * [Introduction](README.md)

        ## Guides

        * [Guides](guides/README.md)
          * [Onboarding](guides/onboarding.md#first-day)
            1. [Laptop](<guides/new laptop.md> "Your laptop")
          * [Leave](guides/leave%20policy.md)
        * Reference
          - [Glossary](./reference/../glossary.md)
        * [Status page](https://status.example.com)
        """
        let order = Navigation.order(text, file: "Content/SUMMARY.md", content: "Content")
        #expect(order.pages == ["README.md", "guides/README.md", "guides/onboarding.md", "guides/new laptop.md",
                                "guides/leave policy.md", "glossary.md"])
        #expect(order.problems.isEmpty)
    }

    @Test func summaryPathsAreRelativeToSummaryMd() {
        // `.gitbook.yaml` may keep the table of contents beside the content folder, not in it.
        let order = Navigation.order("* [A](docs/a.md)\n* [B](b.md)\n", file: "/r/SUMMARY.md", content: "/r/docs")
        #expect(order.pages == ["a.md"])
        #expect(order.problems == [Navigation.Problem(line: 2, message: "`b.md` is outside the content folder")])
    }

    @Test func summaryBadEntriesAreProblemsOnTheirLines() throws {
        let text = """
        * [Intro](README.md)
        * [Missing](guides/nope.md)
        * [Folder](guides/)
        * [Unclosed](guides/a.md
        * [Again](README.md)
        * [Escape](../../etc/passwd.md)
        * [Typo](guides/onbording.md)
        """
        let order = Navigation.order(text, file: "SUMMARY.md", content: ".", pages: ["README.md", "guides/onboarding.md"])
        #expect(order.pages == ["README.md"])
        try #require(order.problems.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(order.problems[0].message == "`guides/nope.md` names no page of the content folder")
        #expect(order.problems[1].message.contains("not a Markdown page"))
        #expect(order.problems[2].message.contains("cannot be read"))
        #expect(order.problems[3].message.contains("listed already (line 1)"))
        #expect(order.problems[4].message.contains("outside the content folder"))
        #expect(order.problems[5].message.hasSuffix("did you mean `guides/onboarding.md`?"))
    }

    @Test func summaryIgnoresCodeAndComments() {
        let text = "<!--\n* [Old](old.md)\n-->\n```\n* [Code](code.md)\n```\n* [Real](real.md)\n"
        #expect(Navigation.order(text, file: "SUMMARY.md", content: ".").pages == ["real.md"])
    }

    // MARK: mkdocs.yml

    static let mkdocs = """
    site_name: Runbooks
    theme:
      name: material
    markdown_extensions:
      - pymdownx.emoji:
          emoji_index: !!python/name:material.extensions.emoji.twemoji
    nav:
      - index.md
      - Guides:
          - guides/index.md
          - 'Onboarding': guides/onboarding.md
          - Deeper:
              - Laptop: guides/laptop.md
      - GitHub: https://github.com/acme
      - About: about.md
    """

    @Test func mkdocsNavInOrderRelativeToDocsDir() {
        let order = Navigation.order(Self.mkdocs, file: "site/mkdocs.yml", content: "site/docs")
        #expect(order.pages == ["index.md", "guides/index.md", "guides/onboarding.md", "guides/laptop.md", "about.md"])
        #expect(order.problems.isEmpty)
        let custom = Navigation.order("docs_dir: pages\nnav:\n  - a.md\n", file: "/x/mkdocs.yml", content: "/x/pages")
        #expect(custom.pages == ["a.md"])
    }

    @Test func mkdocsBadEntriesAreProblemsOnTheirLines() throws {
        let text = """
        nav:
          - Home: index.md
          - Missing: nope.md
          - Two: a.md
            Keys: b.md
          - Number: 3
          - Section:
              Not: a list
          - folder/
        """
        let order = Navigation.order(text, file: "mkdocs.yml", content: "docs", pages: ["index.md", "a.md", "b.md"])
        #expect(order.pages == ["index.md"])
        try #require(order.problems.map(\.line) == [3, 4, 6, 8, 9])
        #expect(order.problems[0].message.contains("`nope.md` names no page"))
        #expect(order.problems[1].message.contains("a nav entry is"))
        #expect(order.problems[2].message.contains("not a Markdown page"))
    }

    @Test func mkdocsWithoutNavOrWithBrokenYAML() {
        let none = Navigation.order("site_name: X\n", file: "mkdocs.yml", content: "docs")
        #expect(none.pages.isEmpty)
        #expect(none.problems.first?.message.contains("no `nav:`") == true)
        let broken = Navigation.order("site_name: X\nnav:\n  - [a.md\n", file: "mkdocs.yml", content: "docs")
        #expect(broken.pages.isEmpty)
        #expect(broken.problems.count == 1)
        #expect(broken.problems.first.map { $0.line >= 3 } == true, "\(broken.problems)")
    }

    @Test func anUnknownFileKindIsAProblem() {
        #expect(Navigation.Format(file: "nav.json") == nil)
        #expect(Navigation.order("{}", file: "nav.json", content: ".").problems.count == 1)
    }
}
