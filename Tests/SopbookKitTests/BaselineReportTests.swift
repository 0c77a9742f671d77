import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SopbookKit

/// Every report format with a baseline in use: the formats fixture (four findings) against a baseline that
/// holds all of them but the broken link, and one entry that no longer occurs. Without a baseline the
/// formats are the golden files of `ReportFormatTests`, unchanged.
@Suite struct BaselineReportTests {
    static let gone = Baseline.Entry(fingerprint: "0123456789abcdef", rule: "missing-owner", process: "retired", subject: "", count: 2)

    static func report() throws -> Report {
        let plain = try ReportFormatTests.report()
        let held = plain.findings.filter { $0.rule != "broken-link" }
        #expect(held.count == 3)
        let baseline = Baseline(entries: Baseline(findings: held).entries + [gone])
        var report = plain
        report.baseline = baseline.compare(plain.findings)
        return report
    }

    @Test func theComparisonCountsKnownNewAndFixed() throws {
        let report = try Self.report()
        let baseline = try #require(report.baseline)
        #expect(baseline.known == 3 && baseline.new == 1 && baseline.fixedCount == 2)
        #expect(baseline.fixed == [Self.gone])
        #expect(report.fails(at: .error), "the new broken link is an error")
        #expect(report.findings.indices.filter { !report.isKnown($0) }.map { report.findings[$0].rule } == ["broken-link"])
    }

    @Test func textMarksKnownFindingsAndPutsTheNewOnesLast() throws {
        let lines = TextReport.render(try Self.report()).split(separator: "\n").map(String.init)
        let findings = lines.filter { $0.contains(": error: ") || $0.contains(": warning: ") || $0.contains(": info: ") }
        #expect(findings.count == 4)
        #expect(findings.prefix(3).allSatisfy { $0.hasSuffix("] (known)") })
        #expect(findings.last?.hasSuffix("[broken-link]") == true)
        // The line format still parses: file:line:col: severity: message [rule], with the mark after it.
        let pattern = #/^([^:]+):(\d+):(\d+): (error|warning|info): (.*) \[([a-z-]+)\]( \(known\))?$/#
        #expect(findings.allSatisfy { (try? pattern.wholeMatch(in: $0)) != nil })
        #expect(lines.last == "3 known findings from the baseline (not failing); 1 new; 2 fixed since the baseline — run `sopbook baseline` to shrink it")
        #expect(lines.dropLast().last?.hasPrefix("2 processes") == true)
    }

    @Test func jsonKeepsEveryKeyAndAddsTheStates() throws {
        let report = try Self.report()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(report).utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        for key in ["processes", "steps", "errors", "warnings", "infos", "owned", "undocumentedSteps", "brokenLinks"] {
            #expect(summary[key] is Int, "summary.\(key)")
        }
        #expect(summary["known"] as? Int == 3 && summary["new"] as? Int == 1 && summary["fixed"] as? Int == 2)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["baseline"] as? String } == report.findings.indices.map { report.isKnown($0) ? "known" : "new" })
        for f in findings {
            for key in ["rule", "severity", "file", "message", "fingerprint"] { #expect(f[key] is String, "finding.\(key)") }
        }
        let fixed = try #require(object["fixedFindings"] as? [[String: Any]])
        #expect(fixed.count == 1 && fixed.first?["count"] as? Int == 2 && fixed.first?["process"] as? String == "retired")
        let plain = try ReportFormatTests.report()
        #expect(!JSONReport.render(plain).contains("\"baseline\""), "no baseline keys without a baseline")
    }

    @Test func sarifSetsABaselineStatePerResult() throws {
        let report = try Self.report()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReport.render(report).utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["baselineState"] as? String } == report.findings.indices.map { report.isKnown($0) ? "unchanged" : "new" })
        #expect(results.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["sopbookFingerprint/v1"] != nil })
        #expect(!SARIFReport.render(try ReportFormatTests.report()).contains("baselineState"))
    }

    @Test func githubAnnotatesOnlyNewFindings() throws {
        let out = GitHubReport.render(try Self.report())
        let commands = out.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(commands.count == 2)
        #expect(commands.first?.hasPrefix("::error file=ops.md,") == true && commands.first?.contains("title=broken-link") == true)
        #expect(commands.last?.hasPrefix("::notice title=sopbook baseline::3 known findings from the baseline") == true)
    }

    @Test func junitCountsOnlyNewErrorsAsFailures() throws {
        let report = try Self.report()
        let xml = JUnitReport.render(report)
        final class Collector: NSObject, XMLParserDelegate {
            var failures: [String] = []
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "failure" { failures.append(attributes["type"] ?? "") }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.failures == ["broken-link"])
        #expect(xml.contains("failures=\"1\""))
        #expect(collector.text.contains("[missing-owner] (known)"))
    }
}
