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
}
