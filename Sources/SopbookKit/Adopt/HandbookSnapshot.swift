import Foundation

/// Everything `sopbook adopt` reads of a handbook, gathered in one pass so that what it concludes
/// (generator, link conventions, field mapping, navigation) is a pure function of this value and can be
/// tested without a disk. Paths are absolute and standardized; `display` makes them readable.
public struct HandbookSnapshot: Sendable, Hashable {
    /// One folder looked at for a generator's files: the content folder, then each parent up to where the
    /// search stops (the repository root, or the current folder).
    public struct Folder: Sendable, Hashable {
        public var path: String
        /// Names of the folder's entries, folders with a trailing `/`, sorted.
        public var entries: [String]
        /// The text of the generator files found in it, by path relative to the folder
        /// (`mkdocs.yml`, `config/_default/hugo.toml`).
        public var files: [String: String]
        /// Entries of its `static/` folder, which Hugo and Docusaurus serve at the site's root.
        public var staticEntries: [String]

        public init(path: String, entries: [String], files: [String: String] = [:], staticEntries: [String] = []) {
            self.path = path
            self.entries = entries
            self.files = files
            self.staticEntries = staticEntries
        }

        public func has(_ entry: String) -> Bool { entries.contains(entry) }
    }

    /// A `*.md` file under the content folder, with its front matter as text.
    public struct Page: Sendable, Hashable {
        /// Relative to the content folder, `/`-separated.
        public var path: String
        /// The YAML between the `---` lines; nil when the page has none.
        public var frontMatter: String?
        /// Why the front matter could not be separated (not UTF-8, never closed), when it could not.
        public var problem: String?

        public init(path: String, frontMatter: String?, problem: String? = nil) {
            self.path = path
            self.frontMatter = frontMatter
            self.problem = problem
        }
    }

    /// The folder paths are shown relative to: the current folder.
    public var base: String
    /// The content folder.
    public var content: String
    /// The content folder first, then its parents, nearest first.
    public var folders: [Folder]
    /// Every regular file under the content folder, content-relative, sorted; `.git` and `node_modules`
    /// are not walked.
    public var files: [String]
    /// Every `*.md` file under the content folder, hidden and partial ones included: whether Sopbook reads
    /// `_index.md` depends on the generator, so the choice is made later.
    public var pages: [Page]
    /// The folder holding `.git`, when the content is in a Git repository.
    public var repositoryRoot: String?
    /// The navigation files the generator's configuration names, by absolute path (`SUMMARY.md` may be
    /// moved by `.gitbook.yaml`).
    public var extraFiles: [String: String]

    public init(base: String, content: String, folders: [Folder], files: [String], pages: [Page],
                repositoryRoot: String? = nil, extraFiles: [String: String] = [:]) {
        self.base = base
        self.content = content
        self.folders = folders
        self.files = files
        self.pages = pages
        self.repositoryRoot = repositoryRoot
        self.extraFiles = extraFiles
    }

    /// `path` as the user would type it from the current folder.
    public func display(_ path: String) -> String {
        PathText.relative(from: base, to: path)
    }

    /// The text of a file in the content folder or one of its parents, by absolute path.
    public func text(at path: String) -> String? {
        if let text = extraFiles[path] { return text }
        for folder in folders where path.hasPrefix(folder.path + "/") {
            if let text = folder.files[String(path.dropFirst(folder.path.count + 1))] { return text }
        }
        return nil
    }
}

/// Path arithmetic on `/`-separated paths, absolute or relative to one same base. Pure string work.
public enum PathText {
    /// `a/./b/../c` → `a/c`; leading `..` of a relative path are kept, `..` above `/` dropped.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() }
                else if !absolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    public static func join(_ folder: String, _ path: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        return normalize(folder + "/" + path)
    }

    public static func parent(_ path: String) -> String {
        join(path, "..")
    }

    /// The path that leads from `folder` to `path`; both absolute, or both relative to the same base.
    /// `.` when they are the same.
    public static func relative(from folder: String, to path: String) -> String {
        let from = components(folder), to = components(path)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let parts = ups + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `path` relative to `folder` when it is inside it (or is it: ""), nil otherwise.
    public static func inside(_ path: String, folder: String) -> String? {
        let p = normalize(path), f = normalize(folder)
        if p == f { return "" }
        if f == "." { return p.hasPrefix("../") || p == ".." ? nil : p }
        let prefix = f == "/" ? "/" : f + "/"
        return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : nil
    }

    private static func components(_ path: String) -> [String] {
        normalize(path).split(separator: "/").map(String.init).filter { $0 != "." }
    }
}
