import Foundation
import Yams

/// A handbook's own table of contents, read into the order of its pages: GitBook's `SUMMARY.md` (nested
/// Markdown lists of links, relative to SUMMARY.md) or MkDocs' `nav:` in `mkdocs.yml` (nested lists of
/// `Title: path` or bare paths, relative to `docs_dir`). Pure: it reads only the text it is given.
public enum Navigation {
    public enum Format: String, Sendable, Hashable {
        case summary, mkdocs

        /// `SUMMARY.md` (any `.md`) or `mkdocs.yml`/`.yaml`, by the file's name.
        public init?(file: String) {
            let lower = file.lowercased()
            if lower.hasSuffix(".md") { self = .summary }
            else if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { self = .mkdocs }
            else { return nil }
        }
    }

    /// An entry that names no page of the content folder, on its line of the navigation file.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(line): \(message)" }
    }

    public struct Order: Sendable, Hashable {
        /// Content-relative paths of `.md` pages, in the navigation's order, each once.
        public var pages: [String]
        public var problems: [Problem]
    }

    /// The pages `text` lists, in order. `file` (the navigation file) and `content` (the content folder)
    /// are both absolute, or both relative to one same folder, such as sopbook.yml's. `pages`, when given,
    /// are the content-relative paths that exist: an entry naming none of them is a problem. Links to
    /// other sites are skipped; an entry that is not a page of the content folder is a problem on its line
    /// and is left out of the order.
    public static func order(_ text: String, file: String, content: String, pages: Set<String>? = nil) -> Order {
        guard let format = Format(file: file) else {
            return Order(pages: [], problems: [Problem(line: 1, message: "a navigation file is a SUMMARY.md or a mkdocs.yml")])
        }
        var collector = Collector(content: content, pages: pages)
        switch format {
        case .summary: readSummary(text, base: PathText.parent(file), into: &collector)
        case .mkdocs: readMkDocs(text, file: file, into: &collector)
        }
        return Order(pages: collector.order, problems: collector.problems.sorted { ($0.line, $0.message) < ($1.line, $1.message) })
    }

    /// Gathers entries in order, each page once, and the problems of the others.
    struct Collector {
        let content: String
        let pages: Set<String>?
        var order: [String] = []
        var firstLine: [String: Int] = [:]
        var problems: [Problem] = []

        mutating func add(_ destination: String, base: String, line: Int) {
            var target = destination.trimmed
            if target.hasPrefix("<"), target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
            if ContentPath.hasScheme(target) || target.hasPrefix("//") { return }
            if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
            target = target.removingPercentEncoding ?? target
            while target.hasPrefix("/") { target.removeFirst() }
            guard !target.isEmpty else {
                problems.append(Problem(line: line, message: "this entry names no page"))
                return
            }
            guard let path = PathText.inside(PathText.join(base, target), folder: content), !path.isEmpty else {
                problems.append(Problem(line: line, message: "`\(destination.oneLine)` is outside the content folder"))
                return
            }
            guard path.lowercased().hasSuffix(".md") else {
                problems.append(Problem(line: line, message: "`\(destination.oneLine)` is not a Markdown page (.md)"))
                return
            }
            if let pages, !pages.contains(path) {
                let hint = Suggest.closest(to: path, among: Array(pages)).map { "; did you mean `\($0)`?" } ?? ""
                problems.append(Problem(line: line, message: "`\(destination.oneLine)` names no page of the content folder\(hint)"))
                return
            }
            if let first = firstLine[path] {
                problems.append(Problem(line: line, message: "`\(path)` is listed already (line \(first)); its first place is kept"))
                return
            }
            firstLine[path] = line
            order.append(path)
        }
    }

    // MARK: SUMMARY.md

    static let listItem = try? NSRegularExpression(pattern: #"^\s*(?:[-*+]|\d+[.)])\s+(.*)$"#)
    static let inlineLink = try? NSRegularExpression(pattern: #"\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^)\s]*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"#)

    /// Every list item of the file, in order, whatever its depth: GitBook nests pages under pages, and
    /// the order of the lines is the reading order. Items without a link are group labels.
    static func readSummary(_ text: String, base: String, into collector: inout Collector) {
        var fence: Substring?
        var inComment = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let stripped = line.drop { $0 == " " || $0 == "\t" }
            if let open = fence {
                if stripped.hasPrefix(open) { fence = nil }
                continue
            }
            if stripped.hasPrefix("```") || stripped.hasPrefix("~~~") { fence = stripped.prefix(3); continue }
            if inComment { inComment = !line.contains("-->"); continue }
            if stripped.hasPrefix("<!--") { inComment = !line.contains("-->"); continue }
            guard let item = firstGroup(listItem, in: String(line)) else { continue }
            if let destination = firstGroup(inlineLink, in: item) {
                collector.add(destination, base: base, line: index + 1)
            } else if item.contains("](") {
                collector.problems.append(Problem(line: index + 1, message: "this entry's link cannot be read: write it `[Title](path/to/page.md)`"))
            }
        }
    }

    static func firstGroup(_ regex: NSRegularExpression?, in text: String) -> String? {
        guard let regex, let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    // MARK: mkdocs.yml

    /// `nav:` of a `mkdocs.yml`, its paths relative to `docs_dir` (beside the file, `docs` by default).
    static func readMkDocs(_ text: String, file: String, into collector: inout Collector) {
        let root: Node?
        do { root = try Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot() } catch {
            let (location, message) = YAMLErrors.describe(error)
            collector.problems.append(Problem(line: location.line, message: message))
            return
        }
        guard let map = root?.mapping else {
            collector.problems.append(Problem(line: 1, message: "mkdocs.yml is not a mapping of settings"))
            return
        }
        let docsDir = map["docs_dir"].flatMap(YAMLValue.string) ?? "docs"
        let base = PathText.join(PathText.parent(file), docsDir)
        guard let nav = map["nav"] else {
            collector.problems.append(Problem(line: 1, message: "mkdocs.yml has no `nav:`; MkDocs then orders the pages by file name"))
            return
        }
        guard let entries = nav.sequence else {
            collector.problems.append(Problem(line: nav.mark?.line ?? 1, message: "`nav` must be a list of pages and sections"))
            return
        }
        for entry in entries { readNavEntry(entry, base: base, into: &collector) }
    }

    /// A bare path, `Title: path`, or `Title: [entries]` (a section).
    static func readNavEntry(_ entry: Node, base: String, into collector: inout Collector) {
        let line = entry.mark?.line ?? 1
        if let path = YAMLValue.string(entry) {
            collector.add(path, base: base, line: line)
        } else if let map = entry.mapping, map.count == 1, let value = map.first?.value {
            if let path = YAMLValue.string(value) {
                collector.add(path, base: base, line: value.mark?.line ?? line)
            } else if let section = value.sequence {
                for child in section { readNavEntry(child, base: base, into: &collector) }
            } else {
                collector.problems.append(Problem(line: value.mark?.line ?? line, message: "a nav entry is `Title: page.md` or a section `Title:` with a list of entries"))
            }
        } else {
            collector.problems.append(Problem(line: line, message: "a nav entry is `page.md`, `Title: page.md` or a section `Title:` with a list of entries"))
        }
    }
}
