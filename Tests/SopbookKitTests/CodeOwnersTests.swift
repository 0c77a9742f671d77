import Foundation
import Testing
@testable import SopbookKit

/// The CODEOWNERS block: where it goes in a file shared with hand-written lines, how paths are escaped,
/// where the file is looked for, and which handles `roles:` accepts.
@Suite struct CodeOwnersTests {
    static let block = [CodeOwners.beginMarker, "/Content/a.md @acme/ops", CodeOwners.endMarker]

    @Test func appendsANewBlockAtTheEndKeepingEveryLine() throws {
        let text = "# Hand-written\n* @acme/admins\n"
        let merged = try CodeOwners.merged(text, block: Self.block)
        #expect(merged == "# Hand-written\n* @acme/admins\n\n\(Self.block.joined(separator: "\n"))\n")
        #expect(try CodeOwners.merged(nil, block: Self.block) == Self.block.joined(separator: "\n") + "\n")
        #expect(try CodeOwners.differences(merged, block: Self.block).isEmpty)
    }

    @Test func replacesTheBlockInPlaceKeepingLinesBeforeAndAfter() throws {
        let text = "* @acme/admins\n# BEGIN sopbook codeowners\n/Content/old.md @old\n# END sopbook codeowners\n/Content/a.md @override\n"
        let merged = try CodeOwners.merged(text, block: Self.block)
        #expect(merged == "* @acme/admins\n\(Self.block.joined(separator: "\n"))\n/Content/a.md @override\n")
        let differences = try CodeOwners.differences(text, block: Self.block)
        #expect(differences == [CodeOwners.Difference(line: 3, kind: .extra, text: "/Content/old.md @old"),
                                CodeOwners.Difference(line: 3, kind: .missing, text: "/Content/a.md @acme/ops")])
    }

    @Test func keepsTheTrailingNewlineConventionAndCRLF() throws {
        let noNewline = try CodeOwners.merged("* @acme/admins", block: Self.block)
        #expect(noNewline == "* @acme/admins\n\n" + Self.block.joined(separator: "\n"))
        let crlf = try CodeOwners.merged("* @a\r\n# BEGIN sopbook codeowners\r\n# END sopbook codeowners\r\n* @b\r\n", block: Self.block)
        #expect(crlf == "* @a\r\n" + Self.block.map { $0 + "\r\n" }.joined() + "* @b\r\n")
        #expect(try CodeOwners.differences(crlf, block: Self.block).isEmpty)
    }

    @Test func aBeginWithoutEndIsAnError() {
        #expect(throws: CodeOwners.Problem(line: 2, message: "`# BEGIN sopbook codeowners` has no `# END sopbook codeowners` after it: add it where the generated lines end")) {
            try CodeOwners.merged("* @a\n# BEGIN sopbook codeowners\n/x @b\n", block: Self.block)
        }
        #expect(throws: CodeOwners.Problem.self) { try CodeOwners.differences("# END sopbook codeowners\n", block: Self.block) }
        #expect(throws: CodeOwners.Problem.self) {
            try CodeOwners.merged("# BEGIN sopbook codeowners\n# END sopbook codeowners\n# BEGIN sopbook codeowners\n# END sopbook codeowners\n", block: Self.block)
        }
    }

    @Test func aMissingBlockIsOutOfDate() throws {
        let differences = try CodeOwners.differences("* @a\n", block: Self.block)
        #expect(differences.map(\.line) == [3, 4, 5])
        #expect(differences.allSatisfy { $0.kind == .missing })
        #expect(try CodeOwners.differences(nil, block: Self.block).count == 3)
    }

    @Test func escapesSpacesHashesAndWildcards() {
        #expect(CodeOwners.pattern("Content/HR files/on #1*.md") == "/Content/HR\\ files/on\\ \\#1\\*.md")
        #expect(CodeOwners.pattern("Content/a\nb.md") == nil)
        let entries = [CodeOwners.Entry(path: "Content/a b.md", handles: ["@x", "@y"], missing: ["Accountant"], hasOwner: true),
                       CodeOwners.Entry(path: "Content/c.md", handles: [], missing: [], hasOwner: false)]
        #expect(Array(CodeOwners.block(entries).dropFirst(2)) == ["# /Content/a\\ b.md: no handle for Accountant", "/Content/a\\ b.md @x @y",
                                                                  "# /Content/c.md: no owner", CodeOwners.endMarker])
    }

    @Test func locationFollowsTheSettingThenTheUsualPlaces() {
        #expect(CodeOwners.location(.path("docs/OWNERS"), exists: { _ in true }) == "docs/OWNERS")
        #expect(CodeOwners.location(.automatic, exists: { $0 == "CODEOWNERS" || $0 == "docs/CODEOWNERS" }) == "CODEOWNERS")
        #expect(CodeOwners.location(nil, exists: { $0 == ".gitlab/CODEOWNERS" }) == ".gitlab/CODEOWNERS")
        #expect(CodeOwners.location(nil, exists: { _ in false }) == ".github/CODEOWNERS")
        #expect(CodeOwners.location(nil, exists: { $0 == ".gitlab-ci.yml" }) == ".gitlab/CODEOWNERS")
        #expect(CodeOwners.location(nil, exists: { $0 == ".gitlab-ci.yml" || $0 == ".github" }) == ".github/CODEOWNERS")
    }

    @Test func handlesAreUsersTeamsOrEmails() {
        for good in ["@alice", "@acme/finance", "@acme/ops-team_2", "ops@example.com", "first.last@mail.example.org", "ops+sop@example.com"] {
            #expect(Configuration.isHandle(good), "\(good)")
        }
        for bad in ["alice", "@", "@acme/", "@acme/ops/x", "@ac me", "Finance Lead", "ops@example", "@acme#x", "a b@example.com", "<script>@example.com", "a*b@example.com"] {
            #expect(!Configuration.isHandle(bad), "\(bad)")
        }
    }

    @Test func readsHandlesCodeownersAndSiteURL() throws {
        let c = try Configuration.parse("""
            roles:
              Finance Lead: { handle: "@acme/finance", description: Runs the books }
              Accountant: Books
            codeowners: .github/CODEOWNERS
            site_url: https://acme.github.io/ops
            """, displayName: "sopbook.yml")
        #expect(c.roleHandles == ["Finance Lead": "@acme/finance"])
        #expect(c.codeowners == .path(".github/CODEOWNERS"))
        #expect(c.siteURL == "https://acme.github.io/ops/")
        #expect(c.handle(for: "Finance Lead") == "@acme/finance" && c.handle(for: "@bob") == "@bob" && c.handle(for: "Accountant") == nil)
        #expect(try Configuration.parse("codeowners: true", displayName: "x").codeowners == .automatic)
        #expect(try Configuration.parse("codeowners: false", displayName: "x").codeowners == nil)
    }

    @Test func badHandlesAndURLsAreConfigurationErrorsWithTheirLine() {
        let cases = [
            ("roles:\n  Finance Lead:\n    handle: finance\n", "sopbook.yml:3: the handle of role `Finance Lead` must be `@user`, `@org/team` or an email address"),
            ("title: x\nsite_url: ftp://example.com/\n", "sopbook.yml:2: `site_url` must be the http:// or https:// address the site is published at"),
            ("codeowners: ../CODEOWNERS\n", "sopbook.yml:1: `codeowners` must be a path inside the repository, relative to its root (.github/CODEOWNERS)"),
        ]
        for (text, message) in cases {
            #expect(throws: Configuration.Error.self) { try Configuration.parse(text, displayName: "sopbook.yml") }
            do { _ = try Configuration.parse(text, displayName: "sopbook.yml") } catch { #expect(error.description == message) }
        }
    }

    @Test func ruleIsOffUntilCodeownersIsConfigured() throws {
        var c = Configuration()
        #expect(c.severity(of: OwnerWithoutHandleRule()) == .off)
        c.codeowners = .automatic
        #expect(c.severity(of: OwnerWithoutHandleRule()) == .warning)
        c.severities[OwnerWithoutHandleRule.id] = .error
        #expect(c.severity(of: OwnerWithoutHandleRule()) == .error)
    }
}
