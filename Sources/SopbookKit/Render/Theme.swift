import Foundation

/// The templates and static assets of the site: the built-in theme, overridden file by file by a
/// knowledge base's own `Templates/` folder.
public struct Theme: Sendable {
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Template names the renderer uses. A theme folder may override any of them.
    static let templateNames = ["layout", "process", "index", "gaps", "roles", "role", "raci", "404", "unreadable", "sidebar-folder", "register",
                                "training", "training-diff"]

    let library: TemplateLibrary
    /// Files copied verbatim into `_sopbook/` (stylesheet, scripts), by path under `assets/`.
    let assets: [String: Data]
    /// A hash of every template and asset: pages rendered with an equal key look the same.
    let sourceKey: Int

    /// Markup that the renderer or the site's script relies on, and that a template could leave out while
    /// still rendering a page that looks right. A feature would then be lost without a word (search, the
    /// current page in the sidebar, step links), so `load` refuses such an override, with its file and line.
    struct RequiredMarkup: Sendable {
        /// Text the template must contain. Tags are compared without the spaces inside them, and `{{&x}}`
        /// counts as `{{{x}}}`; a template that changes the delimiters must keep these in the default ones.
        var marker: String
        /// A shorter piece of the marker: when a line has it but not the whole marker, the error points
        /// at that line, the closest to what is missing. Otherwise it points at line 1.
        var hint: String?
        /// Why the marker is needed, shown in the error.
        var why: String
    }

    /// Template name → the markup it must contain, in itself or in the partials and parents it includes.
    /// Hooks that the script skips quietly when they are absent (the theme toggle, the print button, the
    /// RACI matrix's area filter) are a theme's choice and are not required.
    static let requiredMarkup: [String: [RequiredMarkup]] = [
        "layout": [
            RequiredMarkup(marker: "{{$main}}", hint: nil,
                           why: "every page template fills the layout's `main` block; without it every page is empty"),
            RequiredMarkup(marker: #"data-root="{{root}}""#, hint: "data-root",
                           why: "sopbook.js reads the way back to the site's root from `<html data-root>`, to load the search index and link the results from pages in sub-folders"),
            RequiredMarkup(marker: "{{root}}_sopbook/sopbook.js", hint: "sopbook.js",
                           why: "the site's script: search, theme toggle, RACI filter and print"),
            RequiredMarkup(marker: #"id="search-input""#, hint: "search-input",
                           why: "sopbook.js runs the search from the input with this id"),
            RequiredMarkup(marker: #"id="search-results""#, hint: "search-results",
                           why: "sopbook.js lists the search results in the element with this id"),
            RequiredMarkup(marker: "{{{folderList}}}", hint: "folderList",
                           why: "the sidebar's list of the current folder, rendered by sidebar-folder.mustache; it is HTML, so it needs three braces"),
        ],
        "sidebar-folder": [
            RequiredMarkup(marker: #"data-item="{{index}}"><a "#, hint: "data-item",
                           why: #"the page being shown is marked by rewriting `data-item="N"><a ` into `data-item="N" class="current"><a aria-current="page" `, so the attribute must close its tag and the link must follow"#),
        ],
        "process": [
            RequiredMarkup(marker: "{{{process.body}}}", hint: "process.body",
                           why: "the SOP's body is HTML, with the heading and step anchors (`#step-2`) that links and search results land on; it needs three braces"),
        ],
        "print": [
            RequiredMarkup(marker: "{{{body}}}", hint: "body",
                           why: "each SOP's body in the print pack is HTML, its ids prefixed by the SOP's anchor; it needs three braces"),
            RequiredMarkup(marker: "{{strings.printUncontrolled}}", hint: "printUncontrolled",
                           why: "a printed SOP must say on every page that it is an uncontrolled copy (the fixed footer repeats on each printed page)"),
        ],
    ]

    public static func load(overrides folder: URL?) throws(Theme.Error) -> Theme {
        var files: [String: Data] = DefaultTheme.files.mapValues { Data($0.utf8) }
        // How errors name a file: the path of the override it came from.
        var shownPath: [String: String] = [:]
        if let folder {
            let base = folder.standardizedFileURL
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
                throw Error(description: "cannot read the templates folder \(folder.path)")
            }
            for case let url as URL in enumerator {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let rel = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
                if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                guard let data = try? Data(contentsOf: url) else {
                    throw Error(description: "cannot read \(url.path)")
                }
                files[rel] = data
                shownPath[rel] = url.path
            }
        }
        var library = TemplateLibrary()
        var sources: [String: String] = [:]
        for (path, data) in files where path.hasSuffix(".mustache") && !path.contains("/") {
            let name = String(path.dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8) else {
                throw Error(description: "template \(shownPath[path] ?? path) is not UTF-8")
            }
            sources[name] = text
            do throws(Template.SyntaxError) {
                library.register(try Template(text), named: name)
            } catch {
                throw Error(description: "template \(shownPath[path] ?? path) \(error.description)")
            }
        }
        for name in templateNames where library.templates[name] == nil {
            throw Error(description: "the theme has no \(name).mustache")
        }
        if let problem = library.verify() {
            throw Error(description: "the theme's templates do not fit together: \(problem)")
        }
        // Only where an override is included: the built-in templates pass (a test checks them), and reading
        // them again at every build ran alone on one core before anything else could start.
        try checkRequiredMarkup(library: library, sources: sources, checks: { shownPath["\($0).mustache"] != nil }) { name in
            shownPath["\(name).mustache"] ?? "the built-in \(name).mustache"
        }
        var assets: [String: Data] = [:]
        for (path, data) in files where path.hasPrefix("assets/") {
            assets[String(path.dropFirst("assets/".count))] = data
        }
        var hasher = Hasher()
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            // Every byte: `Data.hashValue` reads only the length and the first 80 bytes.
            data.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
        return Theme(library: library, assets: assets, sourceKey: hasher.finalize())
    }

    /// Refuses a theme whose templates lack markup of `requiredMarkup`. A marker may sit in the template
    /// itself or in any partial or parent it includes, so a layout split into partials still passes.
    /// Only the templates that include one for which `checks` is true are read (the overrides).
    static func checkRequiredMarkup(library: TemplateLibrary, sources: [String: String], checks: (String) -> Bool = { _ in true },
                                    shownPath: (String) -> String) throws(Theme.Error) {
        for name in requiredMarkup.keys.sorted() {
            let included = library.included(from: name)
            guard included.contains(where: checks) else { continue }
            let texts = included.compactMap { sources[$0].map(Self.normalizingTags) }
            for required in requiredMarkup[name] ?? [] where !texts.contains(where: { $0.contains(required.marker) }) {
                let ownLines = sources[name].map(Self.normalizingTags)?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
                let line = required.hint.flatMap { hint in ownLines.firstIndex { $0.contains(hint) }.map { $0 + 1 } } ?? 1
                throw Error(description: "template \(shownPath(name)) line \(line): it must contain `\(required.marker)`: \(required.why)")
            }
        }
    }

    /// The template's text with every tag written the one way markers are: `{{ root }}` becomes
    /// `{{root}}`, `{{# a }}` becomes `{{#a}}`, `{{& x }}` becomes `{{{x}}}`. Comments are emptied, since
    /// what they say is never rendered. Newlines are kept, so line numbers still hold.
    static func normalizingTags(_ text: String) -> String {
        let uncommented = text.replacing(/\{\{!.*?\}\}/.dotMatchesNewlines()) { match in
            String(repeating: "\n", count: match.output.filter { $0 == "\n" }.count)
        }
        return uncommented.replacing(/\{\{(\{?)[ \t]*([&#^\/>$<]?)[ \t]*([^{}\s]+)[ \t]*(\}?)\}\}/) { match in
            let (_, brace, sigil, name, _) = match.output
            if sigil == "&" || !brace.isEmpty { return "{{{\(name)}}}" }
            return "{{\(sigil)\(name)}}"
        }
    }

    func render(_ template: String, _ context: TemplateObject) -> String {
        library.render(template, [context])
    }

    /// With the names looked up in `contexts`, innermost last.
    func render(_ template: String, _ contexts: [TemplateObject]) -> String {
        library.render(template, contexts)
    }

    /// The page as the UTF-8 bytes that are written.
    func renderBytes(_ template: String, _ contexts: [TemplateObject]) -> [UInt8] {
        library.renderBytes(template, contexts)
    }
}
