import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SopbookKit

/// Golden files for each report format, and checks that each parses as what it claims to be.
/// Re-bless with `SOPBOOK_BLESS=1 swift test --filter ReportFormatTests`.
@Suite struct ReportFormatTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/formats")

    static func report() throws -> Report {
        return Pipeline.load(fixture.appendingPathComponent("content"), renderBodies: false).checked.report
    }

    static let extensions: [ReportFormat: String] = [.text: "txt", .json: "json", .github: "github", .junit: "junit.xml", .sarif: "sarif", .codeclimate: "codeclimate.json"]

    @Test(arguments: ReportFormat.allCases)
    func matchesGoldenFile(_ format: ReportFormat) throws {
        let actual = format.render(try Self.report())
        let url = Self.fixture.appendingPathComponent("expected.\(Self.extensions[format] ?? format.rawValue)")
        if ProcessInfo.processInfo.environment["SOPBOOK_BLESS"] == "1" { try Data(actual.utf8).write(to: url) }
        #expect(actual == (try String(contentsOf: url, encoding: .utf8)))
    }

    @Test func reportCoversEverySeverity() throws {
        let report = try Self.report()
        #expect(Set(report.findings.map(\.severity)) == [.error, .warning, .info])
    }

    @Test func jsonAndSarifParse() throws {
        let report = try Self.report()
        for format in [ReportFormat.json, .sarif] {
            let object = try JSONSerialization.jsonObject(with: Data(format.render(report).utf8))
            #expect(object is [String: Any], "\(format)")
        }
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(ReportFormat.sarif.render(report).utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == report.findings.count)
        #expect(Set(results.compactMap { $0["level"] as? String }) == ["error", "warning", "note"])
    }

    @Test func junitIsWellFormedXMLWithOneFailurePerError() throws {
        let report = try Self.report()
        let xml = Data(ReportFormat.junit.render(report).utf8)
        final class Counter: NSObject, XMLParserDelegate {
            var testcases = 0, failures = 0
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "testcase" { testcases += 1 }
                if name == "failure" { failures += 1 }
            }
        }
        let parser = XMLParser(data: xml)
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "JUnit output is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(counter.failures == report.summary.errors)
        #expect(counter.testcases == Set(report.findings.map(\.file)).count)
    }

    @Test func githubCommandsEscapeTheirData() {
        let f = Finding(rule: "broken-link", severity: .error, file: "a,b:c.md", location: SourceLocation(line: 3, column: 2),
                        process: nil, message: "100% broken\nsecond line")
        let out = GitHubReport.render(Report(knowledgeBase: KnowledgeBase.empty, findings: [f]))
        #expect(out.hasPrefix("::error file=a%2Cb%3Ac.md,line=3,col=2,title=broken-link::100%25 broken%0Asecond line\n"))
    }
}
