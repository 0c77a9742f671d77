import Foundation
import Testing
@testable import SopbookKit

/// Every input the fuzzer found a problem with (`Tests/Fixtures/fuzz/`), run through the whole
/// pipeline: it must give findings and pages, one line per finding in the text report, no control
/// characters in any one-line report, and well-formed JSON.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    @Test(arguments: inputs)
    func reproducerIsHandled(_ name: String) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sopbook-fuzz-\(UUID().uuidString)")
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent(name), to: content.appendingPathComponent("a.md"))
        try Data("---\nowner: Ops\n---\n[a](a.md)\n".utf8).write(to: content.appendingPathComponent("b.md"))

        let report = Pipeline.load(content).checked.report
        let text = TextReport.render(report)
        // A line per finding and per note or fix under it, the summary, and the final newline.
        let details = report.findings.map { TextReport.details($0).count }.reduce(0, +)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == report.findings.count + details + 2)
        for format in [ReportFormat.text, .github] {
            let out = format.render(report)
            #expect(!out.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F },
                    "\(format) output carries a control character")
        }
        #expect((try? JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(report).utf8))) != nil)
        #expect(report.findings.allSatisfy { $0.location.line >= 1 })

        let output = root.appendingPathComponent("out")
        try Pipeline.build(content, output: output)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
    }
}
