// libFuzzer target for Sopbook: raw bytes -> one SOP file -> the whole pipeline (load, parse, resolve,
// validate, every report format, the rendered site), with invariants that abort the process when broken.
//
// Built by Fuzz/build.sh (SopbookKit with SwiftPM, this file with swiftc -sanitize=fuzzer,address);
// run by Fuzz/run.sh. See Fuzz/README.md.
//
// Environment:
//   SOPBOOK_FUZZ_MODE=full   (default) the bytes are content/a.md next to a fixed b.md that links to it
//                            (and a pic.png); Pipeline.check, every ReportFormat, Pipeline.build into a
//                            temporary output folder with an empty GitHistory, then every page is read back.
//   SOPBOOK_FUZZ_MODE=light  split + front matter + Markdown outline + body render, in memory
//                            (FuzzLight.swift): ~50 times more inputs per second.
//   SOPBOOK_FUZZ_SKIP=g1,g2  invariant groups (text, github, junit, html, js) whose violations are already
//                            reported: the first input per kind is saved in SOPBOOK_FUZZ_NOTES
//                            (default .build-fuzz/notes/) instead of aborting.
//   SOPBOOK_FUZZ_CONFIG=FILE a sopbook.yml to use instead of the built-in one (roles declared, English);
//                            Fuzz/configs/ has variants (French, unsafe_html).
//   SOPBOOK_FUZZ_TMP=DIR     where the per-process content and output folders go (default /dev/shm).
//   SOPBOOK_FUZZ_TIMING=1    print the average time of each stage every 200 inputs.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SopbookKit

// MARK: - State shared by all iterations (one process runs one input at a time)

final class FuzzState {
    let root: URL
    let content: URL
    let output: URL
    let fuzzedFile: URL
    let configuration: Configuration
    let theme: Theme
    let today: CivilDate
    let skip: Set<String>
    let light: Bool

    static let neighbour = """
    ---
    title: Fixed neighbour
    owner: Ops Lead
    summary: Links to the fuzzed process in every way Sopbook knows.
    status: active
    tags: [fixed, neighbour]
    raci:
      responsible: Ops Lead
      accountable: Ops Lead
      consulted: [Finance Lead]
      informed: Accountant
    quality:
      - Always linked
      - { standard: Accuracy, metric: errors per 100, target: "< 2" }
    review:
      last: 2026-01-01
      every: 6 months
    ---

    # Fixed neighbour

    ## Steps
    1. Read [the fuzzed one](a.md), [its steps](a.md#steps) and [its step 2](a.md#step-2).
    2. Then [[a]], [[a#step-1]], [[a|the label]] and ![a picture](pic.png).
    3. TODO

    """

    static let config = """
    title: Fuzz <Manual> & "Co"
    language: en
    roles: [Ops Lead, Finance Lead, Accountant]
    """

    init() {
        let env = ProcessInfo.processInfo.environment
        skip = Set((env["SOPBOOK_FUZZ_SKIP"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        light = env["SOPBOOK_FUZZ_MODE"] == "light"
        let fm = FileManager.default
        // A RAM disk when there is one: the build writes and renames a dozen files per input, and on a
        // real disk that costs more than everything else together.
        let ramDisk = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : nil
        let base = URL(fileURLWithPath: env["SOPBOOK_FUZZ_TMP"] ?? ramDisk ?? NSTemporaryDirectory())
        root = base.appendingPathComponent("sopbook-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        content = root.appendingPathComponent("content")
        output = root.appendingPathComponent("site")
        fuzzedFile = content.appendingPathComponent("a.md")
        try? fm.removeItem(at: root)
        // libFuzzer leaves with _Exit (time limit, crash), so atexit never runs: remove the folders of
        // fuzzers that are no longer running.
        for name in (try? fm.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasPrefix("sopbook-fuzz-") {
            if let pid = Int32(name.dropFirst("sopbook-fuzz-".count)), kill(pid, 0) != 0, errno == ESRCH {
                try? fm.removeItem(at: base.appendingPathComponent(name))
            }
        }
        do {
            try fm.createDirectory(at: content, withIntermediateDirectories: true)
            try Data(FuzzState.neighbour.utf8).write(to: content.appendingPathComponent("b.md"))
            // A tiny PNG so that image links and attachment copies are exercised.
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: content.appendingPathComponent("pic.png"))
        } catch {
            fatalError("fuzz setup: cannot create \(content.path): \(error)")
        }
        do {
            if let path = env["SOPBOOK_FUZZ_CONFIG"] {
                configuration = try Configuration.load(from: URL(fileURLWithPath: path), displayName: path)
            } else {
                configuration = try Configuration.parse(FuzzState.config, displayName: "sopbook.yml")
            }
        } catch {
            fatalError("fuzz setup: configuration does not parse: \(error)")
        }
        do {
            theme = try Theme.load(overrides: nil)
        } catch {
            fatalError("fuzz setup: default theme does not load: \(error)")
        }
        today = CivilDate(year: 2026, month: 6, day: 1)!
        // Remove the temporary folder when the process exits through exit() (-runs, replaying files).
        atexit_path = strdup(root.path)
        atexit { if let p = atexit_path { _ = try? FileManager.default.removeItem(atPath: String(cString: p)) } }
    }
}

nonisolated(unsafe) var atexit_path: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) let state = FuzzState()

// MARK: - Invariants

@inline(never)
func violated(_ what: String, _ detail: @autoclosure () -> String = "") -> Never {
    let d = detail()
    fatalError("FUZZ INVARIANT VIOLATED: \(what)\(d.isEmpty ? "" : "\n" + String(d.prefix(2000)))")
}

nonisolated(unsafe) var currentInput: [UInt8] = []
nonisolated(unsafe) var noted: Set<String> = []

/// A broken invariant of `group`. Fatal, unless the group is listed in SOPBOOK_FUZZ_SKIP (a finding already
/// reported): then the first input per `group-key` is saved into SOPBOOK_FUZZ_NOTES (default
/// .build-fuzz/notes/), one line goes to stderr, and fuzzing goes on.
func broken(_ group: String, key: String, _ what: String, _ detail: @autoclosure () -> String = "") {
    guard state.skip.contains(group) else { violated(what, detail()) }
    let id = "\(group)-\(key)"
    guard noted.insert(id).inserted else { return }
    let dir = ProcessInfo.processInfo.environment["SOPBOOK_FUZZ_NOTES"] ?? ".build-fuzz/notes"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" } + ".md"
    if !FileManager.default.fileExists(atPath: path) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(currentInput))
    }
    fputs("NOTE: known finding \(id) (input saved to \(path)): \(what)\n", stderr)
}

/// C0 controls other than tab, DEL and C1 controls: terminal escapes, invisible in a log.
func hasControl(_ s: String) -> Bool {
    s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
}

func checkJSON(_ text: String, _ what: String) -> Any {
    do {
        return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    } catch {
        violated("\(what) is not valid JSON (\(error))", text)
    }
}

/// Script start tags in `html` as a browser reads them: `<script` (any case) followed by whitespace, `/` or
/// `>` (`<scripts>` is another element; `<script/x>` is a script).
func scriptTags(in html: String) -> Int {
    let needle = Array("<script".utf8)
    var count = 0
    html.utf8.withContiguousStorageIfAvailable { bytes in
        var i = 0
        while i + needle.count < bytes.count {
            if bytes[i] == 0x3C {
                var k = 1
                while k < needle.count, (bytes[i + k] | 0x20) == needle[k] { k += 1 }
                if k == needle.count {
                    let next = bytes[i + k]
                    if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0C || next == 0x0D || next == 0x2F || next == 0x3E {
                        count += 1
                    }
                }
            }
            i += 1
        }
    }
    return count
}

/// The invariant group of script elements: with unsafe_html, only cmark-gfm's tagfilter stands between
/// raw HTML and a script, and that is reported apart (group `tagfilter`).
var scriptGroup: String { state.configuration.unsafeHTML ? "tagfilter" : "html" }

let dangerousURL = try! NSRegularExpression(
    pattern: #"<[a-zA-Z][^<>]*\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript)\s*:"#,
    options: [.caseInsensitive])

func checkFindings(_ report: Report) {
    let known: Set<String> = ["a.md", "b.md", "pic.png"]
    for f in report.findings {
        if f.location.line < 1 { violated("finding with line \(f.location.line) < 1", "\(f)") }
        if f.location.column < 0 { violated("finding with column \(f.location.column) < 0", "\(f)") }
        if !known.contains(f.file) { violated("finding on a file that does not exist: \(f.file)", "\(f)") }
        if f.rule.isEmpty || f.message.isEmpty { violated("finding without rule or message", "\(f)") }
    }
}

func checkReports(_ report: Report) {
    let n = report.findings.count
    for format in ReportFormat.allCases {
        let text = format.render(report)
        switch format.rawValue {
        case "json":
            guard let obj = checkJSON(text, "the JSON report") as? [String: Any],
                  let findings = obj["findings"] as? [[String: Any]] else {
                violated("the JSON report has no findings array", text)
            }
            if findings.count != n { violated("the JSON report has \(findings.count) findings, the report \(n)", text) }
            for f in findings {
                guard let line = f["line"] as? Int, line >= 1 else { violated("JSON finding without a line ≥ 1", "\(f)") }
            }
        case "sarif":
            guard let obj = checkJSON(text, "the SARIF report") as? [String: Any],
                  let runs = obj["runs"] as? [[String: Any]], let results = runs.first?["results"] as? [Any] else {
                violated("the SARIF report has no runs[0].results", text)
            }
            if results.count != n { violated("the SARIF report has \(results.count) results, the report \(n)", text) }
        case "text":
            // `file:line:col: severity: message [rule]`, one line per finding (then its notes and fixes), then the summary line: editors,
            // `grep` and CI logs read it line by line, and a terminal interprets control characters.
            for f in report.findings {
                let line = TextReport.line(f)
                if line.contains("\n") || line.contains("\r") {
                    broken("text", key: "\(f.rule)-newline", "a \(f.rule) finding spans several lines of the text report", line)
                } else if hasControl(line) {
                    broken("text", key: "\(f.rule)-control", "a \(f.rule) finding carries control characters into the text report",
                           line.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())
                }
            }
            // Each finding's line, its notes and fixes (one line each), the summary, and the final newline.
            let details = report.findings.reduce(0) { $0 + TextReport.details($1).count }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count != n + details + 2 || lines.last != "" {
                broken("text", key: "lines", "the text report has \(lines.count - 1) lines for \(n) findings", text)
            }
        case "github":
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count != n + 2 || !lines.prefix(n).allSatisfy({ $0.hasPrefix("::") }) {
                broken("github", key: "lines", "the GitHub report is not one workflow command per finding", text)
            }
        case "junit":
            #if canImport(FoundationXML)
            let parser = XMLParser(data: Data(text.utf8))
            if !parser.parse() {
                broken("junit", key: "xml", "the JUnit report is not well-formed XML (\(String(describing: parser.parserError)))", text)
            }
            #endif
        default:
            break
        }
    }
}

func checkSite(_ output: URL) {
    let fm = FileManager.default
    guard let walker = fm.enumerator(at: output, includingPropertiesForKeys: nil) else {
        violated("the output folder \(output.path) cannot be listed")
    }
    var htmlPages = 0
    for case let url as URL in walker {
        let name = url.lastPathComponent
        if name.hasSuffix(".html") {
            htmlPages += 1
            guard let data = fm.contents(atPath: url.path) else { violated("cannot read \(url.path)") }
            guard let html = String(data: data, encoding: .utf8) else { violated("\(name) is not UTF-8") }
            // The layout has exactly two script elements, a print pack (print/…, its own document) none;
            // anything more came from the content.
            let expected = url.path.hasPrefix(output.path + "/print/") ? 0 : 2
            let scripts = scriptTags(in: html)
            if scripts != expected {
                broken(scriptGroup, key: "script", "\(name) has \(scripts) <script elements, its template has \(expected)", html)
            }
            // With unsafe_html the writer asked for raw HTML and dangerous URLs; cmark-gfm's tagfilter
            // still turns `<script` into text, so only the first check holds then.
            let range = NSRange(html.startIndex..., in: html)
            if !state.configuration.unsafeHTML, let m = dangerousURL.firstMatch(in: html, range: range), let r = Range(m.range, in: html) {
                let lo = html.index(r.lowerBound, offsetBy: -200, limitedBy: html.startIndex) ?? html.startIndex
                let hi = html.index(r.upperBound, offsetBy: 200, limitedBy: html.endIndex) ?? html.endIndex
                broken("html", key: "javascript-url", "\(name) has a javascript: URL in an attribute", String(html[lo..<hi]))
            }
        } else if name == "gaps.json" {
            guard let data = fm.contents(atPath: url.path) else { violated("cannot read gaps.json") }
            _ = checkJSON(String(decoding: data, as: UTF8.self), "gaps.json")
        } else if url.deletingLastPathComponent().lastPathComponent == "search", name.hasSuffix(".js") {
            // The index's core (`index.js`) and its text shards (`text-K.js`).
            guard let data = fm.contents(atPath: url.path) else { violated("cannot read \(name)") }
            var js = String(decoding: data, as: UTF8.self)
            let prefix = name == "index.js" ? "window.SOPBOOK_SEARCH=" : "window.SOPBOOK_SEARCH_TEXT_" + name.dropFirst(5).dropLast(3) + "="
            guard js.hasPrefix(prefix), js.hasSuffix(";\n") else { violated("search/\(name) has an unexpected shape", js) }
            js = String(js.dropFirst(prefix.count).dropLast(2))
            _ = checkJSON(js, "search/\(name)")
            if js.contains("</") { broken("js", key: "close-tag", "search/\(name) contains </", js) }
        }
    }
    // index, roles, raci, gaps, 404, and the two process pages (or an unreadable page for a.md).
    if htmlPages < 7 { violated("the site has only \(htmlPages) HTML pages") }
}

// MARK: - Full pipeline

nonisolated(unsafe) var timings: [String: Double] = [:]
nonisolated(unsafe) var timedRuns = 0
let timing = ProcessInfo.processInfo.environment["SOPBOOK_FUZZ_TIMING"] != nil
@inline(__always) func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    guard timing else { return try body() }
    let start = DispatchTime.now().uptimeNanoseconds
    defer { timings[name, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
    return try body()
}

func runFull(_ bytes: UnsafeBufferPointer<UInt8>) {
    if timing {
        timedRuns += 1
        if timedRuns % 200 == 0 {
            let line = timings.sorted { $0.key < $1.key }.map { "\($0.key)=\(String(format: "%.2f", $0.value / Double(timedRuns)))ms" }.joined(separator: " ")
            fputs("timing per run: \(line)\n", stderr)
        }
    }
    do {
        try Data(buffer: bytes).write(to: state.fuzzedFile)
    } catch {
        fatalError("fuzz: cannot write \(state.fuzzedFile.path): \(error)")
    }
    let input = Pipeline.Input(content: state.content, configuration: state.configuration, today: state.today, renderBodies: true)
    let report = timed("check") { Pipeline.check(input).report }
    checkFindings(report)
    timed("reports") { checkReports(report) }

    let writer: OutputWriter
    do {
        writer = try OutputWriter(output: state.output, content: state.content)
    } catch {
        violated("OutputWriter refused the fuzz output folder: \(error)")
    }
    do {
        try timed("build") {
            _ = try Pipeline.build(input, theme: state.theme, writer: writer)  // the input has no history (`.none`)
        }
    } catch {
        violated("Pipeline.build threw: \(error)")
    }
    timed("checkSite") { checkSite(state.output) }
}

// MARK: - Entry points

// LeakSanitizer scans memory for pointers, but Swift stores class references inside enums (Data's
// representation, for one) with tag bits set, which LSan does not recognise as pointers: the theme held
// by `state` would be reported as leaked. The one-time setup therefore runs with LSan disabled, before
// any input. Leaks during an input are still reported.
@_silgen_name("__lsan_disable") func lsanDisable()
@_silgen_name("__lsan_enable") func lsanEnable()

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    lsanDisable()
    _ = state
    // On this thread, so that LSan ignores it: the first MarkdownDocument runs SopbookKit's one-time
    // cmark-gfm set-up, which drops a 32-byte list on purpose (see Fuzz/lsan.supp). Left to the warm-up,
    // it would run on a Dispatch worker thread and be reported as a leak in every run.
    warmUpMarkdown()
    // One full run of a valid input, so that every lazy global of the pipeline (cmark-gfm extensions,
    // Mustache, Foundation caches) is created outside any input.
    let warmUp = Array(FuzzState.neighbour.replacingOccurrences(of: "Fixed neighbour", with: "Warm up").utf8)
    warmUp.withUnsafeBufferPointer { state.light ? runLight($0) : runFull($0) }
    lsanEnable()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    currentInput = Array(bytes)
    if state.light {
        runLight(bytes)
    } else {
        runFull(bytes)
    }
    return 0
}
