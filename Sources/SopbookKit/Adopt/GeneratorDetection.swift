import Foundation

/// The site generators whose handbooks `sopbook adopt` knows how to read.
public enum Generator: String, Sendable, Hashable, CaseIterable {
    // In the order that breaks a tie between equally strong, equally near signals: the generators whose
    // signals are least likely to be leftovers first.
    case mkdocs, docusaurus, hugo, eleventy, middleman, gitbook, jekyll, github

    public var name: String {
        switch self {
        case .gitbook: "GitBook"
        case .mkdocs: "MkDocs"
        case .docusaurus: "Docusaurus"
        case .hugo: "Hugo"
        case .jekyll: "Jekyll"
        case .eleventy: "Eleventy"
        case .middleman: "Middleman"
        case .github: "GitHub Markdown"
        }
    }
}

/// One thing seen that a generator leaves behind: its configuration file, or a file-naming habit.
public struct GeneratorSignal: Sendable, Hashable {
    public var generator: Generator
    /// The file or folder, absolute; for a habit seen across the content, the content folder.
    public var path: String
    /// What was seen: a file or folder name (`mkdocs.yml`, `.gitbook/`), or a habit (`_index.md in 4 folders`).
    public var label: String
    /// What is worth knowing about it: `Hugo keys: baseurl, params`.
    public var detail: String?
    /// A configuration file (3) says more than a naming habit (2), which says more than a hint (1).
    public var weight: Int
    /// How many folders above the content folder it was found (0: in the content folder).
    public var distance: Int

    /// As the user would find it from the current folder: `site/mkdocs.yml`, `_index.md in 4 folders`.
    public func shown(_ snapshot: HandbookSnapshot) -> String {
        var text = label
        if path != snapshot.content {
            let folder = snapshot.display(PathText.parent(path))
            text = folder == "." ? label : folder + "/" + label
        }
        return text + (detail.map { " (\($0))" } ?? "")
    }
}

/// Which generator wrote the handbook, and everything seen that says so (or says otherwise).
public struct GeneratorDetection: Sendable, Hashable {
    public var generator: Generator
    /// Every signal seen, the chosen generator's first, then the others by strength.
    public var signals: [GeneratorSignal]
    /// The folder of the chosen generator's configuration file, when it has one: its other settings
    /// (docs_dir, static/) are relative to it.
    public var siteRoot: String?

    public var chosenSignals: [GeneratorSignal] { signals.filter { $0.generator == generator } }
    /// The other generators seen, strongest first, each once.
    public var otherGenerators: [Generator] {
        var seen: [Generator] = []
        for s in signals where s.generator != generator && !seen.contains(s.generator) { seen.append(s.generator) }
        return seen
    }

    /// Sums the weights of each generator's signals and takes the strongest; a tie goes to the one seen
    /// nearest the content, then to the order of `Generator`. Nothing seen is a plain GitHub handbook.
    /// Signals of generators too weak to be chosen are still listed.
    public static func detect(_ snapshot: HandbookSnapshot) -> GeneratorDetection {
        var signals: [GeneratorSignal] = []
        for (distance, folder) in snapshot.folders.enumerated() {
            signals += folderSignals(folder, distance: distance)
        }
        signals += contentSignals(snapshot)
        func score(_ g: Generator) -> (weight: Int, distance: Int) {
            let own = signals.filter { $0.generator == g }
            return (own.reduce(0) { $0 + $1.weight }, own.map(\.distance).min() ?? Int.max)
        }
        // A hint alone (a config.rb with no Middleman setting, a sidebars.js) is not enough to name a
        // generator; the plain GitHub reading is the safer default then.
        let ranked = Generator.allCases.filter { g in g == .github ? signals.contains { $0.generator == g } : score(g).weight >= 2 }.sorted { a, b in
            let (sa, sb) = (score(a), score(b))
            if sa.weight != sb.weight { return sa.weight > sb.weight }
            if sa.distance != sb.distance { return sa.distance < sb.distance }
            return Generator.allCases.firstIndex(of: a) ?? 0 < Generator.allCases.firstIndex(of: b) ?? 0
        }
        let chosen = ranked.first ?? .github
        let listed = ranked + Generator.allCases.filter { g in !ranked.contains(g) && signals.contains { $0.generator == g } }
        let ordered = listed.flatMap { g in signals.filter { $0.generator == g }.sorted { ($0.weight, -$0.distance, $1.label) > ($1.weight, -$1.distance, $0.label) } }
        let root = ordered.first { $0.generator == chosen && $0.weight == 3 }.map { PathText.parent($0.path) }
        return GeneratorDetection(generator: chosen, signals: ordered, siteRoot: root)
    }

    /// The generator files in one folder of the content folder or its parents.
    static func folderSignals(_ folder: HandbookSnapshot.Folder, distance: Int) -> [GeneratorSignal] {
        var out: [GeneratorSignal] = []
        func add(_ g: Generator, _ name: String, _ weight: Int, label: String? = nil, detail: String? = nil) {
            out.append(GeneratorSignal(generator: g, path: PathText.join(folder.path, name), label: label ?? name, detail: detail,
                                       weight: weight, distance: distance))
        }
        if folder.files[".gitbook.yaml"] != nil { add(.gitbook, ".gitbook.yaml", 3) }
        if folder.has(".gitbook/") { add(.gitbook, ".gitbook", 2, label: ".gitbook/") }
        if folder.has("SUMMARY.md") { add(.gitbook, "SUMMARY.md", 2) }
        for name in ["mkdocs.yml", "mkdocs.yaml"] where folder.files[name] != nil { add(.mkdocs, name, 3) }
        for name in folder.files.keys.sorted() where name.hasPrefix("docusaurus.config.") { add(.docusaurus, name, 3) }
        if folder.has("sidebars.js") || folder.has("sidebars.ts") { add(.docusaurus, "sidebars.js", 1) }
        for name in folder.files.keys.sorted() where name.hasPrefix("hugo.") || name.hasPrefix("config/_default/hugo.") {
            add(.hugo, name, 3)
        }
        for name in ["config.toml", "config.yaml", "config.yml", "config/_default/config.toml", "config/_default/config.yaml"] {
            guard let text = folder.files[name] else { continue }
            let own = HugoSettings(text, fileName: name).hugoKeys
            if !own.isEmpty { add(.hugo, name, 3, detail: "Hugo keys: \(own.prefix(3).joined(separator: ", "))") }
        }
        for name in ["_config.yml", "_config.yaml"] where folder.files[name] != nil { add(.jekyll, name, 3) }
        for name in folder.files.keys.sorted() where name.hasPrefix(".eleventy.") || name.hasPrefix("eleventy.config.") {
            add(.eleventy, name, 3)
        }
        if let text = folder.files["config.rb"] {
            // A Compass (Sass) project has a config.rb too: only Middleman's settings make it Middleman's.
            if MiddlemanSettings(text).looksLikeMiddleman { add(.middleman, "config.rb", 3) }
            else { add(.middleman, "config.rb", 1, detail: "no Middleman setting in it") }
        }
        return out
    }

    /// The naming habits of a generator, seen across the pages of the content folder.
    static func contentSignals(_ snapshot: HandbookSnapshot) -> [GeneratorSignal] {
        var out: [GeneratorSignal] = []
        func add(_ g: Generator, _ label: String, _ weight: Int) {
            out.append(GeneratorSignal(generator: g, path: snapshot.content, label: label, detail: nil, weight: weight, distance: 0))
        }
        let names = snapshot.files.map { ($0, $0.split(separator: "/").last.map(String.init) ?? $0) }
        func folders(named predicate: (String) -> Bool) -> Int {
            Set(names.filter { predicate($0.1) }.map { PathText.parent($0.0) }).count
        }
        let categories = folders { $0.hasPrefix("_category_.") }
        if categories > 0 { add(.docusaurus, "_category_ files in \(plural(categories, "folder"))", 2) }
        let sections = folders { $0 == "_index.md" }
        if sections > 0 { add(.hugo, "_index.md in \(plural(sections, "folder"))", 2) }
        let htmlSources = names.filter { $0.1.lowercased().hasSuffix(".html.md") }.count
        if htmlSources > 0 { add(.middleman, "\(plural(htmlSources, "page")) named *.html.md", 2) }
        let pageFolders = Set(snapshot.pages.filter { !isHidden($0.path) }.map { PathText.parent($0.path) })
        let readmes = folders { $0 == "README.md" }
        if readmes > 0 { add(.github, "README.md in \(readmes) of \(plural(pageFolders.count, "folder"))", 1) }
        return out
    }

    static func isHidden(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0.hasPrefix(".") || $0.hasPrefix("_") }
    }
}

/// "1 page", "3 pages".
func plural(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}
