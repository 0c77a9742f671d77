import Foundation

/// What `sopbook adopt` concluded about a handbook: the generator, its link conventions, the field
/// mapping, the navigation and the title, each with what it was concluded from. A pure function of the
/// snapshot; `configurationText` and `reportLines` say it in YAML and in words.
public struct Adoption: Sendable, Hashable {
    /// The navigation file adopt points `navigation:` at, and what it lists.
    public struct NavigationFile: Sendable, Hashable {
        /// Absolute.
        public var path: String
        public var order: Navigation.Order
        public var why: String
    }

    /// The site title, and where it was read.
    public struct Title: Sendable, Hashable {
        public var value: String
        public var source: String
    }

    public var snapshot: HandbookSnapshot
    /// Where sopbook.yml goes (absolute): `navigation:` is written relative to its folder.
    public var configFile: String
    public var detection: GeneratorDetection
    public var links: AdoptedLinks
    public var statistics: FieldStatistics
    public var fields: FieldPlan
    public var navigation: NavigationFile?
    public var title: Title?
    /// What the generator's configuration says that bears on the pages (`docs_dir: docs`).
    public var details: [String]
    /// Things the user should check by hand.
    public var notes: [String]

    public static func make(_ snapshot: HandbookSnapshot, configFile: String) -> Adoption {
        let detection = GeneratorDetection.detect(snapshot)
        let links = AdoptedLinks.make(detection, snapshot)
        let source = navigationSource(detection, snapshot)
        // Index pages are read even when their name starts with `_` (Hugo's `_index.md`); a navigation
        // file in the content folder (GitBook's SUMMARY.md) is a table of contents, not a process.
        let statistics = FieldStatistics.make(snapshot, alsoRead: Set(links.indexPages.value),
                                              excluding: Set([source.flatMap { PathText.inside($0.path, folder: snapshot.content) }].compactMap { $0 }))
        let fields = FieldPlan.make(statistics, generator: detection.generator)
        let pages = Set(statistics.pages.map(\.path) + statistics.unreadable.map(\.path))
        let navigation = source.map { source in
            NavigationFile(path: source.path, order: Navigation.order(source.text, file: source.path, content: snapshot.content, pages: pages),
                           why: source.why)
        }
        var adoption = Adoption(snapshot: snapshot, configFile: PathText.normalize(configFile), detection: detection, links: links,
                                statistics: statistics, fields: fields, navigation: navigation,
                                title: title(detection, snapshot), details: [], notes: [])
        (adoption.details, adoption.notes) = settingsNotes(detection, snapshot, navigation: navigation)
        adoption.notes += fields.notes
        return adoption
    }

    /// SUMMARY.md for GitBook (where `.gitbook.yaml` puts it), `nav:` of mkdocs.yml for MkDocs: the
    /// other generators keep their order in front matter (`weight`, `sidebar_position`) or in code.
    static func navigationSource(_ detection: GeneratorDetection, _ snapshot: HandbookSnapshot) -> (path: String, text: String, why: String)? {
        switch detection.generator {
        case .gitbook:
            for path in GitBookSettings.summaryPaths(snapshot) {
                guard let text = snapshot.text(at: path) else { continue }
                return (path, text, "GitBook: the sidebar follows the table of contents in SUMMARY.md")
            }
        case .mkdocs:
            guard let signal = detection.configSignal, let text = snapshot.text(at: signal.path),
                  MkDocsSettings(text).hasNav else { return nil }
            return (signal.path, text, "MkDocs: the sidebar follows the `nav:` of mkdocs.yml")
        default: break
        }
        return nil
    }

    static func title(_ detection: GeneratorDetection, _ snapshot: HandbookSnapshot) -> Title? {
        guard let signal = detection.configSignal, let text = snapshot.text(at: signal.path) else { return nil }
        let file = snapshot.display(signal.path)
        let found: (String?, String)
        switch detection.generator {
        case .mkdocs: found = (MkDocsSettings(text).siteName, "site_name in \(file)")
        case .jekyll: found = (JekyllSettings(text).title, "title in \(file)")
        case .hugo: found = (HugoSettings(text, fileName: signal.path).title, "title in \(file)")
        case .docusaurus: found = (DocusaurusSettings(text).title, "title in \(file)")
        default: return nil
        }
        guard let value = found.0?.trimmed, !value.isEmpty else { return nil }
        return Title(value: value, source: found.1)
    }

    /// What the chosen generator's configuration says about where the pages are and how they are
    /// served, and where that disagrees with the content folder adopt was given.
    static func settingsNotes(_ detection: GeneratorDetection, _ snapshot: HandbookSnapshot,
                              navigation: NavigationFile?) -> (details: [String], notes: [String]) {
        var details: [String] = [], notes: [String] = []
        let text = detection.config(snapshot)
        let root = detection.siteRoot
        func expectContent(_ folder: String, _ setting: String) {
            guard let root else { return }
            let expected = PathText.join(root, folder)
            if expected != snapshot.content {
                notes.append("\(setting) names \(snapshot.display(expected)), not the content folder \(snapshot.display(snapshot.content)): check that --content is the folder of the pages")
            }
        }
        switch detection.generator {
        case .mkdocs:
            let s = MkDocsSettings(text ?? "")
            if !s.readable { notes.append("mkdocs.yml could not be read as YAML: MkDocs' defaults are assumed") }
            details.append("docs_dir: \(s.docsDir)")
            if !s.useDirectoryURLs { details.append("use_directory_urls: false") }
            expectContent(s.docsDir, "docs_dir")
        case .hugo:
            let s = detection.hugoSettings(snapshot) ?? HugoSettings("", fileName: "hugo.toml")
            if s.keys["contentdir"] != nil { details.append("contentDir: \(s.contentDir)") }
            if s.uglyURLs { details.append("uglyURLs") }
            expectContent(s.contentDir, "contentDir")
        case .jekyll:
            let s = JekyllSettings(text ?? "")
            if let base = s.baseurl { details.append("baseurl: \(base)") }
            if let permalink = s.permalink { details.append("permalink: \(permalink)") }
        case .docusaurus:
            details.append("docs served at \(DocusaurusSettings(text ?? "").sitePath)")
        case .gitbook:
            if let root = GitBookSettings(text ?? "").root {
                details.append("root: \(root)")
                expectContent(root, "the root of .gitbook.yaml")
            }
        case .middleman:
            let s = MiddlemanSettings(text ?? "")
            if s.directoryIndexes { details.append("directory_indexes") }
            expectContent(s.source, "Middleman's source folder")
        case .eleventy:
            let s = EleventySettings(text ?? "")
            details.append("input: \(s.input)")
            expectContent(s.input, "Eleventy's input folder")
        default: break
        }
        if let navigation {
            let name = navigation.path.split(separator: "/").last.map(String.init) ?? navigation.path
            details.append(name == "SUMMARY.md" ? "SUMMARY.md of \(plural(navigation.order.pages.count, "page"))"
                                                : "nav of \(plural(navigation.order.pages.count, "page"))")
        } else if detection.generator == .mkdocs {
            details.append("no nav")
        }
        return (details, notes)
    }
}
