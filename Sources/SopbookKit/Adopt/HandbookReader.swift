import Foundation

/// The one part of `adopt` that touches the disk: it reads, never writes, and reads nothing through a
/// symlink that leaves the content folder.
public enum HandbookReader {
    /// The generator files looked for in the content folder and in each parent. Only their text is read.
    static let generatorFiles = [
        ".gitbook.yaml", "SUMMARY.md",
        "mkdocs.yml", "mkdocs.yaml",
        "docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs",
        "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml",
        "config/_default/hugo.toml", "config/_default/config.toml", "config/_default/hugo.yaml", "config/_default/config.yaml",
        "_config.yml", "_config.yaml",
        ".eleventy.js", ".eleventy.cjs", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs",
        "config.rb", "config/tech-docs.yml",
    ]
    /// A generator's configuration is a few kilobytes; anything larger is not one.
    static let maximumConfigSize = 1_048_576
    /// Folders that hold no handbook pages and can be huge.
    static let unwalked: Set<String> = [".git", "node_modules"]

    public enum Failure: Error, CustomStringConvertible, Sendable {
        case contentMissing(String)
        public var description: String {
            switch self {
            case .contentMissing(let path): "content folder not found: \(path) (use --content DIR)"
            }
        }
    }

    /// Reads the handbook in `content`, looking for generator files in it and in its parents up to the
    /// repository root (the folder holding `.git`) or, outside a repository, up to `base` (the current
    /// folder) when the content is under it, else one folder up: `mkdocs.yml`, `hugo.toml` and
    /// `_config.yml` usually sit one level above the pages.
    public static func read(content: URL, base: URL) throws(Failure) -> HandbookSnapshot {
        let contentPath = content.standardizedFileURL.path
        let basePath = base.standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentPath, isDirectory: &isFolder), isFolder.boolValue else {
            throw .contentMissing(PathText.relative(from: basePath, to: contentPath))
        }
        let repository = repositoryRoot(above: contentPath)
        let stop = repository ?? (PathText.inside(contentPath, folder: basePath) != nil ? basePath : PathText.parent(contentPath))
        var folders: [HandbookSnapshot.Folder] = []
        var folder = contentPath
        while true {
            folders.append(readFolder(folder))
            if folder == stop || folder == "/" { break }
            folder = PathText.parent(folder)
        }
        var files: [String] = [], pages: [HandbookSnapshot.Page] = []
        walk(contentPath, relative: "", contentReal: realPath(contentPath) ?? contentPath, files: &files, pages: &pages)
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        pages.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var snapshot = HandbookSnapshot(base: basePath, content: contentPath, folders: folders, files: files, pages: pages,
                                        repositoryRoot: repository)
        // `.gitbook.yaml` may move the table of contents; it is read where the configuration says.
        for path in GitBookSettings.summaryPaths(snapshot) where snapshot.text(at: path) == nil {
            if realPath(path).map({ PathText.inside($0, folder: stop) != nil }) == true, let text = readText(path) {
                snapshot.extraFiles[path] = text
            }
        }
        return snapshot
    }

    static func repositoryRoot(above path: String) -> String? {
        var folder = path
        while true {
            if FileManager.default.fileExists(atPath: folder + "/.git") { return folder }
            if folder == "/" { return nil }
            folder = PathText.parent(folder)
        }
    }

    static func readFolder(_ path: String) -> HandbookSnapshot.Folder {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let entries = names.map { isFolder(path + "/" + $0) ? $0 + "/" : $0 }.sorted()
        var files: [String: String] = [:]
        for name in generatorFiles {
            if let text = readText(path + "/" + name) { files[name] = text }
        }
        let staticNames = (try? FileManager.default.contentsOfDirectory(atPath: path + "/static")) ?? []
        let staticEntries = staticNames.map { isFolder(path + "/static/" + $0) ? $0 + "/" : $0 }.sorted()
        return HandbookSnapshot.Folder(path: path, entries: entries, files: files, staticEntries: staticEntries)
    }

    static func isFolder(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// A small regular file's text, or nil (absent, a folder, too large, not UTF-8).
    static func readText(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumConfigSize,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Every file under the content folder. A symlink is followed only to a file inside the content
    /// folder, and never into a folder, so the walk cannot loop or leave the handbook.
    private static func walk(_ directory: String, relative: String, contentReal: String,
                             files: inout [String], pages: inout [HandbookSnapshot.Page]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where !unwalked.contains(name) {
            let full = directory + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                guard let target = realPath(full), PathText.inside(target, folder: contentReal) != nil,
                      stat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                kind = S_IFREG
            }
            if kind == S_IFDIR {
                walk(full, relative: rel, contentReal: contentReal, files: &files, pages: &pages)
            } else if kind == S_IFREG {
                files.append(rel)
                if name.lowercased().hasSuffix(".md") { pages.append(page(full, path: rel, size: Int(info.st_size))) }
            }
        }
    }

    private static func page(_ full: String, path: String, size: Int) -> HandbookSnapshot.Page {
        guard size <= ContentLoader.maximumFileSize, let data = FileManager.default.contents(atPath: full) else {
            return HandbookSnapshot.Page(path: path, frontMatter: nil, problem: "cannot be read, or larger than an SOP may be")
        }
        switch FrontMatterSplitter.split([UInt8](data)) {
        case .success(let split): return HandbookSnapshot.Page(path: path, frontMatter: split.frontMatter)
        case .failure(.unclosedFrontMatter): return HandbookSnapshot.Page(path: path, frontMatter: nil, problem: "its front matter is never closed")
        case .failure(.invalidEncoding): return HandbookSnapshot.Page(path: path, frontMatter: nil, problem: "it is not UTF-8")
        }
    }
}
