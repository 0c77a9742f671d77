import Foundation
import Yams

// What each generator's own configuration says about how it turns the pages into a site. Each reader is
// lenient: a configuration adopt cannot read gives the generator's defaults, and adopt says so, because
// the user's generator reads it and what matters is what that generator does.

/// `mkdocs.yml`: https://www.mkdocs.org/user-guide/configuration/
struct MkDocsSettings: Sendable, Hashable {
    var siteName: String?
    var docsDir = "docs"
    /// MkDocs serves `x.md` at `x/` unless this is false.
    var useDirectoryURLs = true
    /// `markdown_extensions`, by name (`attr_list`, `toc`, `pymdownx.superfences`).
    var extensions: [String] = []
    /// The path of `site_url`, where the site is served: root-absolute links include it.
    var sitePath: String?
    var hasNav = false
    /// `toc: {slugify: …}` replaces Python-Markdown's anchors with another function.
    var customSlugify = false
    var readable = true

    init(_ text: String) {
        guard let root = try? Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot(), let map = root.mapping else {
            readable = false
            return
        }
        siteName = map["site_name"].flatMap(YAMLValue.string)
        if let dir = map["docs_dir"].flatMap(YAMLValue.string) { docsDir = dir }
        if let flag = map["use_directory_urls"].flatMap(YAMLValue.string).flatMap(YAMLValue.bool) { useDirectoryURLs = flag }
        sitePath = map["site_url"].flatMap(YAMLValue.string).flatMap(URLText.path)
        hasNav = map["nav"]?.sequence != nil
        // An extension is a name, or a one-key map of the name to its options.
        for item in map["markdown_extensions"]?.sequence.map(Array.init) ?? [] {
            if let name = YAMLValue.string(item) { extensions.append(name) }
            else if let first = item.mapping?.first, let name = YAMLValue.string(first.key) {
                extensions.append(name)
                if name == "toc", first.value.mapping?["slugify"] != nil { customSlugify = true }
            }
        }
    }
}

/// `_config.yml`: https://jekyllrb.com/docs/configuration/
struct JekyllSettings: Sendable, Hashable {
    var title: String?
    var baseurl: String?
    var permalink: String?
    var markdown = "kramdown"
    var readable = true

    init(_ text: String) {
        guard let root = try? Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot(), let map = root.mapping else {
            readable = false
            return
        }
        title = map["title"].flatMap(YAMLValue.string)
        baseurl = map["baseurl"].flatMap(YAMLValue.string).flatMap { $0.trimmed.isEmpty ? nil : $0.trimmed }
        permalink = map["permalink"].flatMap(YAMLValue.string)
        if let engine = map["markdown"].flatMap(YAMLValue.string) { markdown = engine.lowercased() }
    }

    /// Jekyll serves pages at `x/` with `permalink: pretty`, or any permalink style that ends in `/`.
    var prettyURLs: Bool {
        guard let permalink else { return false }
        return permalink == "pretty" || permalink.hasSuffix("/")
    }
}

/// `hugo.toml` (or `config.toml`, `hugo.yaml`, `hugo.json`): https://gohugo.io/getting-started/configuration/
/// Hugo's keys are case-insensitive, so they are compared lowercased.
struct HugoSettings: Sendable, Hashable {
    var keys: [String: String]

    init(_ text: String, fileName: String) {
        keys = fileName.hasSuffix(".toml") ? TOMLKeys.flatten(text) : YAMLKeys.flatten(text)
    }

    /// Keys only Hugo's configuration has: a `config.toml` without any is some other tool's.
    static let ownKeys: Set<String> = ["baseurl", "languagecode", "defaultcontentlanguage", "contentdir", "publishdir",
                                       "paginate", "uglyurls", "canonifyurls", "enablegitinfo", "relativeurls"]
    static let ownTables = ["params.", "menu.", "menus.", "markup.", "taxonomies.", "outputs.", "module.", "languages."]

    var hugoKeys: [String] {
        keys.keys.filter { key in Self.ownKeys.contains(key) || Self.ownTables.contains { key.hasPrefix($0) } }.sorted()
    }

    var title: String? { keys["title"] }
    var contentDir: String { keys["contentdir"] ?? "content" }
    var uglyURLs: Bool { keys["uglyurls"].flatMap(YAMLValue.bool) ?? false }
    /// With canonifyURLs Hugo prefixes root-absolute links with baseURL itself; without, a working link
    /// must already hold the base path.
    var canonifyURLs: Bool { keys["canonifyurls"].flatMap(YAMLValue.bool) ?? false }
    var basePath: String? { keys["baseurl"].flatMap(URLText.path) }
    /// Goldmark drops raw HTML (and so `<a name>` anchors) unless `unsafe` is on.
    var rawHTML: Bool { keys["markup.goldmark.renderer.unsafe"].flatMap(YAMLValue.bool) ?? false }
    /// Goldmark reads `{#id}` after a heading unless `parser.attribute.title` is turned off.
    var headingAttributes: Bool { keys["markup.goldmark.parser.attribute.title"].flatMap(YAMLValue.bool) ?? true }
}

/// `docusaurus.config.js`: JavaScript, so only literal values are picked out.
/// https://docusaurus.io/docs/api/docusaurus-config
struct DocusaurusSettings: Sendable, Hashable {
    var title: String?
    /// Where the docs plugin serves the docs folder: `/docs/` unless `routeBasePath` moves it.
    var routeBasePath = "docs"
    /// The classic preset has a blog at `/blog/` unless `blog: false`.
    var hasBlog = true

    init(_ text: String) {
        title = JSText.string(after: "title", in: text)
        if let route = JSText.string(after: "routeBasePath", in: text) { routeBasePath = route }
        hasBlog = JSText.firstMatch(#"\bblog\s*:\s*false\b"#, in: text) == nil
    }

    var sitePath: String {
        let path = PathText.normalize("/" + routeBasePath)
        return path == "/" ? path : path + "/"
    }
}

/// `.eleventy.js` / `eleventy.config.js`: https://www.11ty.dev/docs/config/
struct EleventySettings: Sendable, Hashable {
    /// markdown-it-attrs is the plugin that reads `{#id}` after a heading; Eleventy has none by default.
    var attributes: Bool
    /// markdown-it-anchor gives headings their anchors; without it they have none.
    var anchors: Bool
    /// `dir: { input: "src" }`: where the pages are; the project folder by default.
    var input: String

    init(_ text: String) {
        attributes = text.contains("markdown-it-attrs")
        anchors = text.contains("markdown-it-anchor")
        input = JSText.string(after: "input", in: text) ?? "."
    }
}

/// `config.rb`: https://middlemanapp.com/basics/pretty-urls/ and /advanced/configuration/
struct MiddlemanSettings: Sendable, Hashable {
    var directoryIndexes: Bool
    var httpPrefix: String?
    /// Redcarpet has no `{#id}` syntax; kramdown, Middleman's default engine, has.
    var redcarpet: Bool
    var looksLikeMiddleman: Bool
    /// Where the pages are: `source/` unless `set :source` moves them.
    var source: String

    init(_ text: String) {
        directoryIndexes = JSText.firstMatch(#"(?m)^\s*activate\s+:directory_indexes"#, in: text) != nil
        httpPrefix = JSText.firstMatch(#"set\s+:http_prefix\s*,\s*['"]([^'"]*)['"]"#, in: text)
        redcarpet = JSText.firstMatch(#"set\s+:markdown_engine\s*,\s*:redcarpet"#, in: text) != nil
        source = JSText.firstMatch(#"set\s+:source\s*,\s*['"]([^'"]*)['"]"#, in: text) ?? "source"
        looksLikeMiddleman = text.contains("activate :") || text.lowercased().contains("middleman")
            || text.contains("set :source") || text.contains("configure :build")
    }
}

/// The GOV.UK tech docs template's `config/tech-docs.yml` (beside `config.rb`): its `redirects:` are old
/// paths that still lead to pages.
struct TechDocsSettings: Sendable, Hashable {
    var redirects: [String]

    init?(_ snapshot: HandbookSnapshot) {
        guard let text = snapshot.folders.lazy.compactMap({ $0.files["config/tech-docs.yml"] }).first else { return nil }
        let map = (try? Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot())?.mapping
        let keys = map?["redirects"]?.mapping?.keys.compactMap(\.string) ?? []
        redirects = keys.filter { $0.hasPrefix("/") }.sorted()
    }
}

/// `.gitbook.yaml`: https://gitbook.com/docs/getting-started/git-sync/content-configuration
struct GitBookSettings: Sendable, Hashable {
    var root: String?
    var summary = "SUMMARY.md"

    init(_ text: String) {
        guard let map = (try? Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot())?.mapping else { return }
        root = map["root"].flatMap(YAMLValue.string)
        if let path = map["structure"]?.mapping?["summary"].flatMap(YAMLValue.string) { summary = path }
    }

    /// Where the table of contents is: beside each `.gitbook.yaml` (under its `root:`), and in the
    /// content folder.
    static func summaryPaths(_ snapshot: HandbookSnapshot) -> [String] {
        var paths: [String] = []
        for folder in snapshot.folders {
            guard let text = folder.files[".gitbook.yaml"] else { continue }
            let settings = GitBookSettings(text)
            paths.append(PathText.join(PathText.join(folder.path, settings.root ?? "."), settings.summary))
        }
        return paths + [PathText.join(snapshot.content, "SUMMARY.md")]
    }
}

/// Top-level and nested keys of a YAML (or JSON) mapping as dotted lowercased names to scalar text.
enum YAMLKeys {
    static func flatten(_ text: String) -> [String: String] {
        guard let root = try? Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot() else { return [:] }
        var out: [String: String] = [:]
        func visit(_ node: Node, _ prefix: String) {
            if let map = node.mapping {
                for (k, v) in map { if let key = YAMLValue.string(k) { visit(v, prefix.isEmpty ? key.lowercased() : prefix + "." + key.lowercased()) } }
            } else if let s = YAMLValue.string(node), !prefix.isEmpty {
                out[prefix] = s
            }
        }
        visit(root, "")
        return out
    }
}

/// Just enough TOML for a Hugo configuration: `[table]` headers and `key = value` lines with strings,
/// booleans and numbers. Arrays and inline tables are skipped; nothing adopt needs is written that way.
enum TOMLKeys {
    static func flatten(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        var table = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmed
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                table = name.split(separator: ".").map { unquote($0.trimmed).lowercased() }.joined(separator: ".")
                continue
            }
            guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].split(separator: ".").map { unquote($0.trimmed).lowercased() }.joined(separator: ".")
            guard let value = scalar(String(line[line.index(after: eq)...]).trimmed) else { continue }
            out[table.isEmpty ? key : table + "." + key] = value
        }
        return out
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
        return s
    }

    /// A string, boolean or number, without a trailing comment; nil for arrays and tables.
    static func scalar(_ value: String) -> String? {
        if let q = value.first, q == "\"" || q == "'" {
            guard let end = value.dropFirst().firstIndex(of: q) else { return nil }
            return String(value[value.index(after: value.startIndex)..<end])
        }
        if value.hasPrefix("[") || value.hasPrefix("{") { return nil }
        let bare = value.split(separator: "#", maxSplits: 1).first.map { $0.trimmed } ?? ""
        return bare.isEmpty ? nil : bare
    }
}

/// Literal values picked out of JavaScript or Ruby configuration files with patterns.
enum JSText {
    /// The first group that took part in the first match (the whole match when the pattern has no group).
    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        guard match.numberOfRanges > 1 else { return Range(match.range, in: text).map { String(text[$0]) } }
        for group in 1..<match.numberOfRanges {
            if let range = Range(match.range(at: group), in: text) { return String(text[range]) }
        }
        return nil
    }

    /// The string literal of the first `key: '…'` (or `"…"`, `` `…` ``).
    static func string(after key: String, in text: String) -> String? {
        firstMatch(#"\b"# + key + #"\s*:\s*(?:'([^'\n]*)'|"([^"\n]*)"|`([^`\n]*)`)"#, in: text)
    }
}

enum URLText {
    /// The path of an address, with a trailing `/`: `https://x.org/docs` → `/docs/`; `/` stays `/`.
    static func path(_ address: String) -> String? {
        var rest = address.trimmed
        if let scheme = rest.range(of: "://") {
            rest = String(rest[scheme.upperBound...])
            guard let slash = rest.firstIndex(of: "/") else { return "/" }
            rest = String(rest[slash...])
        }
        guard rest.hasPrefix("/") else { return rest.isEmpty ? nil : "/" + rest + (rest.hasSuffix("/") ? "" : "/") }
        return rest.hasSuffix("/") ? rest : rest + "/"
    }
}
