import Foundation
import Testing
@testable import SopbookKit

/// Front matter statistics and the `fields:` plan, on handbooks held in memory.
@Suite struct AdoptFieldTests {
    /// A snapshot of pages only: path → front matter YAML (nil: no front matter).
    static func snapshot(_ pages: [String: String?]) -> HandbookSnapshot {
        let list = pages.keys.sorted().map { HandbookSnapshot.Page(path: $0, frontMatter: pages[$0] ?? nil) }
        return HandbookSnapshot(base: "/h", content: "/h/docs", folders: [], files: pages.keys.sorted(), pages: list)
    }

    static func plan(_ pages: [String: String?], alsoRead: Set<String> = []) -> FieldPlan {
        FieldPlan.make(FieldStatistics.make(snapshot(pages), alsoRead: alsoRead))
    }

    @Test func countsTopLevelKeysAndValueShapes() {
        let stats = FieldStatistics.make(Self.snapshot([
            "a.md": "owner: [x, y]\nreviewed: 2024-01-02\nlayout: page",
            "b.md": "owner:\nreviewed: last spring\nlayout: page\nmeta: {a: 1}",
            "c.md": nil,
        ]))
        #expect(stats.pages.count == 3)
        #expect(stats.withoutFrontMatter == ["c.md"])
        #expect(stats.keys["owner"]?.pages == 2)
        #expect(stats.keys["owner"]?.lists == 1)
        #expect(stats.keys["owner"]?.empty == 1)
        #expect(stats.keys["reviewed"]?.dates == 1)
        #expect(stats.keys["meta"]?.maps == 1)
        #expect(stats.keysByUse.map(\.name) == ["layout", "owner", "reviewed", "meta"])
        // An empty value is no value: b.md has no owner.
        #expect(stats.pages.first { $0.path == "b.md" }?.keys.contains("owner") == false)
    }

    @Test func skipsWhatSopbookSkipsButReadsIndexPages() {
        let stats = FieldStatistics.make(Self.snapshot([
            "_partial.md": "x: 1", ".drafts/a.md": "x: 1", "_drafts/b.md": "x: 1", "ops/_index.md": "x: 1", "ops/a.md": "x: 1",
        ]), alsoRead: ["_index.md"])
        #expect(stats.pages.map(\.path) == ["ops/_index.md", "ops/a.md"])
    }

    @Test func frontMatterThatDoesNotParseIsListedNotCounted() {
        let stats = FieldStatistics.make(Self.snapshot(["bad.md": "owner: [unclosed", "list.md": "- a\n- b", "ok.md": "owner: A"]))
        #expect(stats.unreadable.map(\.path) == ["bad.md", "list.md"])
        #expect(stats.unreadable[0].reason.contains("YAML"))
        #expect(stats.pages.map(\.path) == ["ok.md"])
    }

    @Test func ownerFromTheOneOwnershipKeyEveryPageUses() throws {
        let plan = Self.plan(["a.md": "owner_slack: \"#ops\"", "b.md": "owner_slack: \"#hr\"\nlayout: x", "c.md": "owner_slack: \"#it\""])
        let owner = try #require(plan.mapping("owner"))
        #expect(owner.keys == ["owner_slack"])
        #expect(owner.covered == 3 && owner.total == 3)
        #expect(owner.coverage == "3 of 3 pages")
        #expect(plan.unowned.isEmpty)
        #expect(plan.ignored.map(\.name) == ["layout"])
    }

    @Test func pagesThatDifferGetTheKeysThatFillTheGaps() throws {
        let plan = Self.plan([
            "a.md": "owner: Ops", "b.md": "maintainer: bob", "c.md": "maintainers: [x, y]\nmaintainer: z",
            "d.md": "owner: Ops\nteam: ops", "e.md": "title: none", "f.md": "contact: it@x",
        ])
        let owner = try #require(plan.mapping("owner"))
        // `owner` always wins, so it is not listed; `team` and `maintainers` are only on pages that have
        // `owner` or `maintainer`: they add nothing, so they are ignored, not read.
        #expect(owner.keys == ["maintainer", "contact"])
        #expect(owner.readFrom == ["maintainer": 2, "contact": 1])
        #expect(owner.covered == 3 && owner.own == 2 && owner.total == 6)
        #expect(owner.coverage == "3 pages, and owner itself on 2: 5 of 6 pages (maintainer 2, contact 1)")
        #expect(plan.ignored.map(\.name) == ["maintainers", "team"])
        #expect(plan.unowned == ["e.md"])
    }

    @Test func noMappingWhenThePagesUseOwner() {
        let plan = Self.plan(["a.md": "owner: A\nsummary: S", "b.md": "owner: B\nreview:\n  last: 2024-01-01\n  every: 1 year"])
        #expect(plan.mappings.isEmpty)
        #expect(plan.ignored.isEmpty)
    }

    @Test func anOwnershipKeyHoldingMapsIsNotReadAndSaysWhy() {
        let plan = Self.plan(["a.md": "maintainer:\n  name: Bob\n  email: b@x", "b.md": "maintainer: {name: Al}"])
        #expect(plan.mapping("owner") == nil)
        #expect(plan.ignored.map(\.name) == ["maintainer"])
        #expect(plan.notes.contains { $0.contains("`maintainer` (2 pages) is not read as `owner`") })
    }

    @Test func reviewLastFromADateKeyNotFromWhoOrWhenNext() throws {
        let plan = Self.plan([
            "a.md": "last_reviewed: 2024-01-02\nreviewed_by: Al\nnext_review: 2025-01-02",
            "b.md": "last_reviewed: 2024-03-04\nreview_frequency: yearly",
            "c.md": "review:\n  last: 2024-05-06\n  every: 1 year",
        ])
        let review = try #require(plan.mapping("review_last"))
        #expect(review.keys == ["last_reviewed"], "a flat key: `review` itself is a map and cannot be listed")
        #expect(review.target == "review.last")
        #expect(review.covered == 2)
        #expect(plan.ignored.map(\.name) == ["next_review", "review_frequency", "reviewed_by"])
    }

    @Test func aReviewKeyWithoutDatesIsNotMapped() {
        let plan = Self.plan(["a.md": "reviewed: yes", "b.md": "reviewed: last spring", "c.md": "reviewed: 2024-01-01"])
        #expect(plan.mapping("review_last") == nil)
        #expect(plan.notes.contains { $0.contains("`reviewed` (3 pages) is not read as `review.last`") })
    }

    @Test func aMappedReviewKeyWithSomeNonDatesIsNoted() throws {
        let plan = Self.plan(["a.md": "last_review_date: 2024-01-01", "b.md": "last_review_date: soon"])
        #expect(plan.mapping("review_last")?.keys == ["last_review_date"])
        #expect(plan.notes.contains { $0.contains("not a YYYY-MM-DD date on 1 page") })
    }

    @Test func summaryFromDescription() throws {
        let plan = Self.plan(["a.md": "description: How we ship", "b.md": "excerpt: Short", "c.md": "summary: Own"])
        let summary = try #require(plan.mapping("summary"))
        #expect(summary.keys == ["description", "excerpt"])
        #expect(summary.covered == 2 && summary.own == 1)
    }

    @Test func ignoreListsUnknownKeysSortedAndNeverKnownOnes() {
        let plan = Self.plan([
            "a.md": "title: T\ntags: [a]\nstatus: draft\nnav_order: 2\nLayout: x\napproval: {by: A, on: 2024-01-01}\neffective: 2024-01-01",
            "b.md": "weight: 1\nparent: Home\nsuperseded_by: x\nquality: [fast]\nraci: {accountable: A}\nid: b",
        ])
        #expect(plan.ignored.map(\.name) == ["Layout", "nav_order", "parent", "weight"])
    }

    @Test func hintsForAuthorsChangeDatesAndUnknownStatuses() {
        let plan = Self.plan(["a.md": "author: Al\nlastmod: 2024-01-01\nstatus: published", "b.md": "owner: B\nstatus: Draft"])
        #expect(plan.notes.contains { $0.hasPrefix("`author` (1 page) is not read as the owner") })
        #expect(plan.notes.contains { $0.hasPrefix("`lastmod` (1 page) is not read as the last review") })
        #expect(plan.notes.contains { $0.contains("published: 1") && !$0.contains("Draft") })
    }

    @Test func aKeyIsReadAsOneFieldOnly() {
        // `owner_review_date` looks like both an ownership key and a review date: the owner takes it.
        let plan = Self.plan(["a.md": "owner_review_date: 2024-01-01", "b.md": "owner_review_date: 2024-02-01"])
        #expect(plan.mapping("owner")?.keys == ["owner_review_date"])
        #expect(plan.mapping("review_last") == nil)
    }

    @Test func urlKeysAreReadOnlyForTheGeneratorsThatServeThem() {
        let pages: [String: String?] = ["a.md": "url: /ops/a/\naliases: [/old/a/]\nslug: a", "b.md": "slug: bee\npermalink: /b/"]
        let hugo = FieldPlan.make(FieldStatistics.make(Self.snapshot(pages)), generator: .hugo)
        #expect(hugo.mapping("url")?.keys == ["url", "slug"])
        #expect(hugo.mapping("url")?.readFrom == ["url": 1, "slug": 1])
        #expect(hugo.mapping("aliases")?.keys == ["aliases"])
        #expect(hugo.ignored.map(\.name) == ["permalink"])
        let jekyll = FieldPlan.make(FieldStatistics.make(Self.snapshot(pages)), generator: .jekyll)
        #expect(jekyll.mapping("url")?.keys == ["permalink"])
        #expect(jekyll.mapping("aliases") == nil)
        // On GitHub a `slug` moves nothing: links must name the file.
        let github = FieldPlan.make(FieldStatistics.make(Self.snapshot(pages)), generator: .github)
        #expect(github.mapping("url") == nil)
        #expect(github.ignored.map(\.name) == ["aliases", "permalink", "slug", "url"])
    }

    @Test func candidateKeysAreRecognisedByNameAndShape() {
        let ownership = FieldKind.ownership
        for name in ["owners", "owner_slack", "Owner", "process_owner", "maintainer", "dri", "team", "contact", "responsible_team"] {
            #expect(ownership.isCandidate(name), "\(name)")
        }
        for name in ["owner", "author", "reviewer", "layout"] { #expect(!ownership.isCandidate(name), "\(name)") }
        let review = FieldKind.review
        for name in ["last_review_date", "last_reviewed", "last_reviewed_on", "reviewed", "review_date", "last_verified"] {
            #expect(review.isCandidate(name), "\(name)")
        }
        for name in ["review", "reviewer", "reviewed_by", "next_review_date", "review_due", "review_cycle"] {
            #expect(!review.isCandidate(name), "\(name)")
        }
    }
}
