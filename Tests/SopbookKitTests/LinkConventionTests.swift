import Foundation
import Testing
@testable import SopbookKit

/// `links:` in `sopbook.yml`: what a destination may name under each convention (pure), and what the
/// resolver and the renderer make of it on real folders.
@Suite struct LinkReadingTests {
    static func conventions(_ edit: (inout LinkConventions) -> Void) -> LinkConventions {
        var c = LinkConventions()
        edit(&c)
        return c
    }

    static let gitbook = conventions { $0.indexPages = ["README.md"]; $0.dotFolders = true }
    static let jekyll = conventions { $0.prettyURLs = true; $0.htmlPages = true; $0.siteRoot = "/handbook/"; $0.otherPaths = ["/handbook/api/"]
        $0.indexPages = ["index.md"] }

    func candidates(_ destination: String, from file: String, _ c: LinkConventions) -> [String] {
        guard case .content(let candidates, _, _, _, _) = LinkReading.read(destination, from: file, conventions: c) else { return [] }
        return candidates
    }

    @Test func sopbooksOwnReadingIsThePathAsWritten() {
        #expect(candidates("../hr/onboard.md", from: "finance/a.md", LinkConventions()) == ["hr/onboard.md"])
        #expect(candidates("guides/", from: "a.md", LinkConventions()) == [])
        #expect(LinkReading.read("/x/", from: "a.md", conventions: LinkConventions())
            == .content(candidates: [], primary: "x", fragment: nil, isFolder: true, bases: ["x"]))
    }

    @Test func folderLinksLandOnTheIndexPage() {
        #expect(candidates("onboarding/", from: "README.md", Self.gitbook) == ["onboarding/README.md"])
        #expect(candidates("../people", from: "it/laptops.md", Self.gitbook) == ["people", "people/README.md"])
        #expect(candidates("#top", from: "a.md", Self.gitbook) == [])
    }

    @Test func prettyURLsAreReadFromThePageURLFirst() {
        // people/leave.md is served at people/leave/: `../dates/` from there is people/dates/.
        #expect(candidates("../dates/#important-dates", from: "people/leave.md", Self.jekyll)
            == ["people/dates.md", "people/dates.html.md", "people/dates/index.md", "dates.md", "dates.html.md", "dates/index.md"])
        // An index page is served at its folder: no second base.
        #expect(candidates("../dates/", from: "people/index.md", Self.jekyll) == ["dates.md", "dates.html.md", "dates/index.md"])
        // A `.md` link is the source's, read from the file's folder only.
        #expect(candidates("dates.md", from: "people/leave.md", Self.jekyll) == ["people/dates.md"])
    }

    @Test func htmlLinksNameTheirSources() {
        // Middleman serves a.html.md at a.html: its links are read from its folder.
        #expect(candidates("deploy.html", from: "manual/a.html.md", Self.jekyll)
            == ["manual/deploy.html", "manual/deploy.md", "manual/deploy.html.md"])
        #expect(candidates("/handbook/manual/index.html", from: "x.md", Self.jekyll)
            == ["manual/index.html", "manual/index.md", "manual/index.html.md"])
    }

    @Test func rootAbsoluteLinksAreReadUnderTheSiteRoot() {
        #expect(candidates("/handbook/people/leave/", from: "it/x.md", Self.jekyll).first == "people/leave.md")
        #expect(LinkReading.read("/handbook/api/v1/", from: "x.md", conventions: Self.jekyll) == .otherPath("/handbook/api/v1/"))
        #expect(LinkReading.read("/blog/post/", from: "x.md", conventions: Self.jekyll) == .outsideSiteRoot("/blog/post/"))
    }

    @Test(arguments: ["{{site.baseurl}}/x/", "{% link x.md %}", "%7B%7B%20site.url%20%7D%7D/x", #"{{< ref "x.md" >}}"#])
    func templateSyntaxIsNotCheckable(_ destination: String) {
        #expect(LinkReading.read(destination, from: "a.md", conventions: LinkConventions()) == .template)
    }

    @Test func headingAttributeBlocks() {
        #expect(HeadingAttributes.split("IAM roles {#iam-roles}")! == ("iam-roles", "IAM roles"))
        #expect(HeadingAttributes.split("Escalation { #esc .important }")! == ("esc", "Escalation"))
        #expect(HeadingAttributes.split("Kramdown {: #k}")! == ("k", "Kramdown"))
        #expect(HeadingAttributes.split("Set {a, b}") == nil)
        #expect(HeadingAttributes.split("Only a class {.x}") == nil)
        #expect(HeadingAttributes.htmlAnchors(#"<a name="old-anchor"></a> <span id='x' class="y">"#) == ["old-anchor", "x"])
        #expect(HeadingAttributes.htmlAnchors(##"<a href="#x" data-id="no">"##) == [])
    }
}

/// A handbook written for another generator, read with the conventions its `sopbook.yml` declares: the
/// findings are exactly the truly broken links, and every link of the built site lands on a page and anchor.
@Suite struct LinkConventionSiteTests {
    static let config = """
        links:
          index_pages: [README.md, index.md, _index.md]
          dot_folders: true
          pretty_urls: true
          html_pages: true
          site_root: /manual/
          other_paths: [/manual/api/]
          heading_ids: true
          html_anchors: true
        fields:
          owner: [owner_slack, maintainer]
          review_last: last_review_date
          summary: description
          ignore: [layout, weight]
        """

    static let page = "## Steps\n\n1. Do it.\n"

    static let files: [String: String] = [
        "README.md": "---\nowner_slack: \"#ops\"\nlayout: home\n---\n# Handbook\n[Onboarding](people/) [Guide](guides/onboarding/)"
            + " ![logo](.gitbook/assets/logo.png) [Leave](/manual/people/leave/#important-dates) [API](/manual/api/v2/)"
            + " [Deploy](it/deploy.html#rollback) [Old](it/deploy.html#old-anchor) [Tpl]({{site.baseurl}}/x/)\n" + page,
        "people/_index.md": "---\nmaintainer: People Lead\n---\n# People\n[Leave](leave/) [Back](../)\n" + page,
        "people/leave.md": "---\nowner: [People Lead, \"#people\"]\nweight: 3\nlast_review_date: 2026-01-05\ndescription: How to ask\n---\n"
            + "# Leave\n## Important dates {#important-dates}\n[Dates](../dates/) [Guide](../../guides/onboarding/)\n" + page,
        "guides/onboarding/README.md": "---\nowner_slack: \"#people\"\n---\n# Onboarding\n[Broken](../missing/) [Anchor](../../people/leave/#nope)\n" + page,
        "it/deploy.html.md": "---\nowner_slack: \"#it\"\n---\n# Deploy\n<a name=\"old-anchor\"></a>\n## Roll back {#rollback}\n"
            + "![diagram](/manual/.gitbook/assets/logo.png) [Outside](/blog/x/)\n" + page,
        ".gitbook/assets/logo.png": "png",
    ]

    static func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-conventions-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent("content").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func onlyTheTrulyBrokenLinksAreFound() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let config = try Configuration.parse(Self.config, displayName: "sopbook.yml")
        let report = Pipeline.load(root.appendingPathComponent("content"), configuration: config, renderBodies: false).checked.report
        let links = report.findings.filter { ["broken-link", "broken-anchor", "uncheckable-link", "link-outside-content"].contains($0.rule) }
            .map { "\($0.file):\($0.location.line) \($0.rule) \($0.subject ?? "")" }.sorted()
        #expect(links == [
            "README.md:6 uncheckable-link {{site.baseurl}}/x/",
            "guides/onboarding/README.md:5 broken-link ../missing/",
            "guides/onboarding/README.md:5 broken-anchor ../../people/leave/#nope",
            "it/deploy.html.md:7 broken-link /blog/x/",
            "people/leave.md:9 broken-link ../dates/",
        ].sorted())
        // Ownership is read from the handbook's keys, and the generator's own keys are not findings.
        #expect(report.findings.filter { ["missing-owner", "unknown-field", "invalid-front-matter"].contains($0.rule) }.isEmpty,
                "\(report.findings.map(TextReport.line))")
        let kb = Pipeline.load(root.appendingPathComponent("content"), configuration: config, renderBodies: false).checked.knowledgeBase
        let leave = try #require(kb.procedures.first { $0.file == "people/leave.md" })
        #expect(leave.owners == ["People Lead", "#people"] && leave.owner == "People Lead")
        #expect(leave.review?.last == CivilDate("2026-01-05") && leave.summary == "How to ask")
        #expect(kb.procedures.first { $0.file == "people/_index.md" }?.owner == "People Lead")
    }

    @Test func everyResolvedLinkLandsOnItsPageInTheBuiltSite() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let config = try Configuration.parse(Self.config, displayName: "sopbook.yml")
        let output = root.appendingPathComponent("Output")
        try Pipeline.build(root.appendingPathComponent("content"), configuration: config, output: output)
        let home = try String(contentsOf: output.appendingPathComponent("README.html"), encoding: .utf8)
        #expect(home.contains(#"href="people/_index.html""#))
        #expect(home.contains(#"href="guides/onboarding/README.html""#))
        #expect(home.contains(#"href="people/leave.html#important-dates""#))
        #expect(home.contains(#"href="it/deploy.html.html#rollback""#))
        #expect(home.contains(#"href="/manual/api/v2/""#))
        let deploy = try String(contentsOf: output.appendingPathComponent("it/deploy.html.html"), encoding: .utf8)
        #expect(deploy.contains(#"<a id="old-anchor"></a>"#) && deploy.contains(#"id="rollback""#))
        #expect(!deploy.contains("{#rollback}"))
        #expect(deploy.contains(#"src="../.gitbook/assets/logo.png""#))
        // Of two owners, the first is the accountable one and the second is shown with it.
        let leave = try String(contentsOf: output.appendingPathComponent("people/leave.html"), encoding: .utf8)
        #expect(leave.contains(#"People Lead</a> <span class="co-owners">with <a href="../roles/people.html">#people</a> </span></dd>"#))
        let all = try SiteLinks.dangling(in: output)
        let problems = all.filter { !$0.page.hasPrefix("print/") }
        // A print pack holds the bodies rebased on it: its dangling links are the pages' own, landing alike.
        let printed = Set(all.filter { $0.page.hasPrefix("print/") }.map(SiteLinks.landing))
        #expect(!printed.isEmpty && printed.isSubset(of: Set(problems.map(SiteLinks.landing))), "\(printed)")
        // The truly broken links, the template link and the other part of the site are left as written (the
        // broken anchor lands on its page); nothing else dangles.
        #expect(problems.map(\.url).sorted() == ["../missing/", "/blog/x/", "../../people/leave.html#nope", "../dates/",
                                                 "%7B%7Bsite.baseurl%7D%7D/x/", "/manual/api/v2/"].sorted(), "\(problems)")
    }
}

/// Every relative `href`/`src` of a built site, checked: the file exists and the `#fragment` is an id in it.
enum SiteLinks {
    struct Problem: CustomStringConvertible {
        var page: String
        var url: String
        var description: String { "\(page): \(url)" }
    }

    /// Where a link lands, from the root of the site (an absolute URL as it is).
    static func landing(_ p: Problem) -> String {
        guard !p.url.hasPrefix("/") else { return p.url }
        // By hand: Foundation on Linux leaves `..` in a relative path. A trailing slash is not compared.
        var parts: [Substring] = p.page.split(separator: "/").dropLast()
        for segment in p.url.split(separator: "/") where segment != "." {
            if segment == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(segment) }
        }
        return parts.joined(separator: "/")
    }

    static func dangling(in output: URL) throws -> [Problem] {
        let fm = FileManager.default
        var problems: [Problem] = []
        let pages = (fm.enumerator(atPath: output.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".html") }
        var ids: [String: Set<String>] = [:]
        func idsOf(_ page: String) -> Set<String> {
            if let known = ids[page] { return known }
            let html = (try? String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)) ?? ""
            let found = Set(matches(#"\sid="([^"]*)""#, in: html).map { $0.replacingOccurrences(of: "&amp;", with: "&") })
            ids[page] = found
            return found
        }
        for page in pages {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            for url in matches(#"\s(?:href|src)="([^"]*)""#, in: html) {
                let url = url.replacingOccurrences(of: "&amp;", with: "&")
                if url.contains(":") || url.hasPrefix("//") || url.isEmpty { continue }
                let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let fragment = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                let dir = (page as NSString).deletingLastPathComponent
                let target = path.isEmpty ? page : ((dir as NSString).appendingPathComponent(path) as NSString).standardizingPath
                var isDir: ObjCBool = false
                guard !path.hasPrefix("/"), fm.fileExists(atPath: output.appendingPathComponent(target).path, isDirectory: &isDir), !isDir.boolValue else {
                    problems.append(Problem(page: page, url: url))
                    continue
                }
                if !fragment.isEmpty, target.hasSuffix(".html"), !idsOf(target).contains(fragment) { problems.append(Problem(page: page, url: url)) }
            }
        }
        return problems
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}

/// `links.github_anchors`: GitHub's own anchors work on every page, and only with the setting.
@Suite struct GitHubAnchorTests {
    @Test func readmeAndUserContentAnchors() throws {
        let files = ["a.md": "---\nowner: A\n---\n# A\n## Set up\n[b](b.md#readme) [c](b.md#user-content-usage) [d](b.md#user-content-nope)\n",
                     "b.md": "---\nowner: A\n---\n# B\n## Usage\n[a](a.md)\n"]
        var config = Configuration()
        let plain = try LinkResolutionTests.load(files, config: config)
        #expect(plain.links[0].filter { if case .brokenAnchor = $0.target { true } else { false } }.count == 3)
        config.links.githubAnchors = true
        let github = try LinkResolutionTests.load(files, config: config)
        let broken = github.links[0].compactMap { if case .brokenAnchor(_, let f) = $0.target { f } else { nil } }
        #expect(broken == ["user-content-nope"])
    }
}

/// `fields.url` and `fields.aliases`: a page is found at the URLs its front matter gives, and a page with its
/// own URL is no longer found at its file's URL (a `.md` link still finds it). `links.root_fallback`:
/// Docusaurus looks a `.md` link up from the docs root.
@Suite struct PageURLTests {
    @Test func permalinksAliasesAndTheRootFallback() throws {
        let files = [
            "it/vpn.md": "---\nowner: A\npermalink: /it/remote-access/\nredirect_from: [/it/old-vpn/]\n---\n# VPN\n",
            "it/new-laptop.md": "---\nowner: A\n---\n# Laptop\n[a](../remote-access/) [b](../old-vpn/) [c](vpn.md) [d](../vpn/) [e](people/leave.md)\n",
            "people/leave.md": "---\nowner: A\nid: time-off\n---\n# Leave\n[f](../time-off) [g](../leave)\n",
        ]
        var config = Configuration()
        config.links.prettyURLs = true
        config.links.rootFallback = true
        config.fields.url = ["permalink", "id"]
        config.fields.aliases = ["redirect_from"]
        let kb = try LinkResolutionTests.load(files, config: config)
        func verdicts(_ file: String) -> [String] {
            let i = kb.procedures.firstIndex { $0.file == file } ?? 0
            return kb.links[i].map { if case .process(let t, _) = $0.target { kb.procedures[t].file } else { "broken" } }
        }
        #expect(verdicts("it/new-laptop.md") == ["it/vpn.md", "it/vpn.md", "it/vpn.md", "broken", "people/leave.md"])
        #expect(verdicts("people/leave.md") == ["people/leave.md", "broken"])
        #expect(kb.procedures.first { $0.file == "people/leave.md" }?.id == "time-off")
    }
}

/// `navigation:` names the handbook's table of contents (GitBook's SUMMARY.md): the sidebar and the home
/// page follow its order, the file itself is not an SOP, and an entry naming no page is a broken link on
/// its line.
@Suite struct NavigationOrderTests {
    @Test func theSidebarFollowsTheNavigationFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-nav-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "content/README.md": "---\nowner: A\n---\n# Welcome\n",
            "content/SUMMARY.md": "# Summary\n\n* [Welcome](README.md)\n* [Zebra](ops/zebra.md)\n* [Alpha](ops/alpha.md)\n* [Gone](ops/gone.md)\n",
            "content/ops/alpha.md": "---\nowner: A\n---\n# Alpha\n",
            "content/ops/zebra.md": "---\nowner: A\n---\n# Zebra\n",
            "content/ops/middle.md": "---\nowner: A\n---\n# Middle\n",
            "sopbook.yml": "navigation: content/SUMMARY.md\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let workspace = try Workspace(content: "content", output: "Output", templates: nil, config: nil, today: "2026-11-23",
                                      currentDirectory: root)
        #expect(workspace.configuration.navigationOrder == ["README.md", "ops/zebra.md", "ops/alpha.md"])
        let checked = Pipeline.check(.init(content: workspace.content, configuration: workspace.configuration,
                                           today: workspace.today, renderBodies: false))
        #expect(!checked.knowledgeBase.procedures.contains { $0.file == "SUMMARY.md" })
        let navFindings = checked.report.findings.filter { $0.file == "SUMMARY.md" }
        #expect(navFindings.map { "\($0.rule) \($0.location.line)" } == ["broken-link 6"], "\(navFindings.map(TextReport.line))")
        let targets = checked.knowledgeBase.procedures.map { p in
            Shared(LinkTarget(title: p.title, page: "", status: .active, statusLabel: "", area: "", owner: nil, summary: nil, raci: nil))
        }
        let layout = Layout.make(Layout.Input(checked.knowledgeBase, targets: targets, theme: try Theme.load(overrides: nil)), stages: DirectStages())
        let ops = (layout.membersOfFolder["ops"] ?? []).map { checked.knowledgeBase.procedures[$0].title }
        #expect(ops == ["Zebra", "Alpha", "Middle"])
    }
}
