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
}
