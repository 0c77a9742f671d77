import Foundation
import Testing
@testable import SopbookKit

typealias CodeClimateLocation = SopbookKit.SourceLocation

/// `--format codeclimate`, GitLab's code quality report: the fields GitLab documents, fingerprints that
/// are unique and do not move with the line, paths from the repository root. Its golden file is
/// `Tests/Fixtures/formats/expected.codeclimate.json` (`ReportFormatTests`).
@Suite struct CodeClimateReportTests {
    static func issues(_ report: Report, prefix: String = "") throws -> [[String: Any]] {
        let text = CodeClimateReport.render(report, pathPrefix: prefix)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    static func finding(_ rule: String = "undocumented-step", severity: Severity = .warning, line: Int,
                        end: CodeClimateLocation? = nil, subject: String? = "TODO") -> Finding {
        Finding(rule: rule, severity: severity, file: "ops/till.md", location: CodeClimateLocation(line: line, column: 4), end: end,
                process: "ops/till", message: "step is a placeholder", subject: subject)
    }

    @Test func everyIssueHasGitLabsRequiredFields() throws {
        let report = try ReportFormatTests.report()
        let issues = try Self.issues(report, prefix: "Content/")
        #expect(issues.count == report.findings.count)
        for (issue, f) in zip(issues, report.findings) {
            #expect(issue["check_name"] as? String == f.rule)
            #expect(issue["description"] as? String == f.message)
            #expect((issue["fingerprint"] as? String)?.hasPrefix(f.fingerprint) == true)
            let location = try #require(issue["location"] as? [String: Any])
            #expect(location["path"] as? String == "Content/" + f.file)
            let lines = try #require(location["lines"] as? [String: Int])
            #expect(lines["begin"] == f.location.line && (lines["end"] ?? 0) >= f.location.line)
        }
        #expect(Set(issues.compactMap { $0["severity"] as? String }) == ["major", "minor", "info"])
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
    }

    @Test func duplicatesGetDeterministicSuffixesAndNoneMovesWithTheLine() throws {
        let before = [Self.finding(line: 10), Self.finding(line: 12), Self.finding(line: 14, subject: "TBD")]
        let after = before.map { f -> Finding in var moved = f; moved.location.line += 7; return moved }
        let a = CodeClimateReport.uniqueFingerprints(before)
        #expect(a == CodeClimateReport.uniqueFingerprints(after))
        #expect(a[0] == before[0].fingerprint && a[1] == before[0].fingerprint + "-2" && a[2] == before[2].fingerprint)
        #expect(Set(a).count == 3)
    }

    @Test func anEmptyReportIsAnEmptyArray() {
        #expect(CodeClimateReport.render(Report(knowledgeBase: KnowledgeBase.empty, findings: [])) == "[]\n")
    }

    @Test func aRangeEndingAtColumnOneStopsOnTheLineBefore() {
        let multi = Self.finding(line: 3, end: CodeClimateLocation(line: 6, column: 1))
        #expect(CodeClimateReport.lineRange(multi) == (3, 5))
        let oneLine = Self.finding(line: 3, end: CodeClimateLocation(line: 3, column: 9))
        #expect(CodeClimateReport.lineRange(oneLine) == (3, 3))
        #expect(CodeClimateReport.lineRange(Self.finding(line: 8)) == (8, 8))
    }

    @Test func knownFindingsSaySoAndKeepTheirFingerprint() throws {
        let report = try BaselineReportTests.report()
        let issues = try Self.issues(report)
        for (i, issue) in issues.enumerated() {
            let description = issue["description"] as? String ?? ""
            #expect(description.hasSuffix(" (known)") == report.isKnown(i))
            #expect((issue["fingerprint"] as? String)?.hasPrefix(report.findings[i].fingerprint) == true)
        }
    }

    @Test func messagesAreEscaped() throws {
        var f = Self.finding(line: 1)
        f.message = "a \"quote\", a \\ and\na new line"
        f.file = "we\"ird.md"
        let issues = try Self.issues(Report(knowledgeBase: KnowledgeBase.empty, findings: [f]))
        #expect(issues.first?["description"] as? String == f.message)
        #expect((issues.first?["location"] as? [String: Any])?["path"] as? String == "we\"ird.md")
    }
}
