import Testing
@testable import SopbookKit

/// Where the spec expects a list (`quality`, `tags`), a bare number or boolean is a slip, reported as
/// `invalid-front-matter` on the value's line; a single text value still stands for a list of one.
@Suite struct FrontMatterTypeTests {
    /// The procedure read from `yaml`, as if the front matter started on the file's line 2.
    static func read(_ yaml: String) throws -> Procedure {
        var procedure = Procedure(file: "p.md", id: "p", title: "P")
        try FrontMatterParser.apply(yaml: yaml, firstLine: 2, to: &procedure)
        return procedure
    }

    @Test(arguments: ["quality: 5", "quality: 1.5", "quality: true", "quality: no", "quality: -3"])
    func aNumberOrBooleanIsNotAListOfStandards(_ yaml: String) throws {
        let p = try Self.read("owner: Ops\n" + yaml + "\n")
        #expect(p.quality.isEmpty)
        #expect(p.invalidFields.contains("quality"))
        let problem = try #require(p.frontMatterProblems.first)
        #expect(problem.location.line == 3)
        #expect(problem.message.contains("`quality` must be a list"))
    }

    @Test(arguments: ["tags: 2024", "tags: off"])
    func aNumberOrBooleanIsNotAListOfTags(_ yaml: String) throws {
        let p = try Self.read(yaml + "\n")
        #expect(p.tags.isEmpty)
        #expect(p.invalidFields.contains("tags"))
        #expect(p.frontMatterProblems.first?.location.line == 2)
    }

    @Test func textStillStandsForAListOfOne() throws {
        let p = try Self.read("quality: \"5\"\ntags: urgent\nraci:\n  responsible: 2\n  accountable: [Ops, 3]\n")
        #expect(p.frontMatterProblems.isEmpty)
        #expect(p.quality.map(\.standard) == ["5"])
        #expect(p.tags == ["urgent"])
        // Roles are names, read like `owner`: unquoted numbers are accepted there.
        #expect(p.raci?.responsible == ["2"])
        #expect(p.raci?.accountable == ["Ops", "3"])
    }

    @Test func itemsOfAListAreText() throws {
        let p = try Self.read("tags: [2024, q1]\nquality:\n  - 99.9% uptime\n  - standard: Paid\n    target: 30\n")
        #expect(p.frontMatterProblems.isEmpty)
        #expect(p.tags == ["2024", "q1"])
        #expect(p.quality.map(\.standard) == ["99.9% uptime", "Paid"])
        #expect(p.quality.last?.target == "30")
    }

    static func read(_ yaml: String, fields: FieldMapping) throws -> Procedure {
        var procedure = Procedure(file: "p.md", id: "p", title: "P")
        try FrontMatterParser.apply(yaml: yaml, firstLine: 2, fields: fields, to: &procedure)
        return procedure
    }

    @Test func anOwnerListIsTheListOfOwnersFirstAccountable() throws {
        let p = try Self.read("owner:\n  - https://github.com/orgs/acme/teams/finance\n  - Finance Lead\n")
        #expect(p.frontMatterProblems.isEmpty)
        #expect(p.owner == "https://github.com/orgs/acme/teams/finance" && p.owners.count == 2)
        #expect(p.roleLocations["Finance Lead"]?.line == 4)
        let bad = try Self.read("owner: [Ops, {team: x}]\n")
        #expect(bad.invalidFields.contains("owner") && bad.frontMatterProblems.first?.location.line == 2)
        #expect(try Self.read("owner: []\n").owner == nil)
    }

    @Test func mappedKeysAreReadAndSopbooksOwnKeyWins() throws {
        var fields = FieldMapping()
        fields.owner = ["owner_slack", "maintainer"]
        fields.reviewLast = ["last_review_date"]
        fields.summary = ["description"]
        fields.ignore = ["layout"]
        let mapped = try Self.read("maintainer: B\nowner_slack: \"#a\"\nlast_review_date: 2026-02-01\ndescription: D\nlayout: x\nweight: 2\n", fields: fields)
        #expect(mapped.owner == "#a" && mapped.review?.last == CivilDate("2026-02-01") && mapped.summary == "D")
        #expect(mapped.unknownFields.map(\.key) == ["weight"])
        #expect(mapped.location(ofField: "owner").line == 3)
        // `owner` itself wins whatever the order; a wrong date under the mapped key names that key.
        let own = try Self.read("owner_slack: \"#a\"\nowner: Ops\nlast_review_date: soon\n", fields: fields)
        #expect(own.owner == "Ops")
        #expect(own.frontMatterProblems.first?.message.contains("`last_review_date` must be a date") == true)
        // Without the mapping, the same keys are unknown fields, as before.
        #expect(try Self.read("owner_slack: x\n").unknownFields.map(\.key) == ["owner_slack"])
    }
}
