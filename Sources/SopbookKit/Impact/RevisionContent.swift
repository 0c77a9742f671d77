import Foundation

/// The content folder as it is at a commit, made without writing a file: the working tree's walk, with
/// the files that differ from the commit (`git diff <commit>`, and the files Git does not track) put
/// back as they were, their bytes read by one `git cat-file --batch`. Writing the revision out (a
/// checkout of 10,000 files into a temporary folder) cost more than checking it; this costs one diff.
/// Symlinks are taken as they are in the working tree.
enum RevisionContent {
    static func load(at commit: String, repository: ImpactRepository, working: LoadedContent,
                     loader: ContentLoader) throws(UsageError) -> LoadedContent {
        let git = GitCommand(directory: repository.topLevel)
        let prefix = repository.contentPrefix
        let scope = prefix.isEmpty ? "." : prefix
        guard let diff = git.data(["-c", "core.quotepath=off", "diff", "--no-renames", "--no-ext-diff", "--raw", "-z", commit, "--", scope]),
              let untracked = git.data(["-c", "core.quotepath=off", "ls-files", "--others", "-z", "--", scope]) else {
            throw UsageError("git could not compare the working tree with \(commit.prefix(7)) (`git diff \(commit.prefix(7))` failed)")
        }
        var absent = Set(split(untracked).compactMap { relative($0, prefix) })
        var restored: [String: String] = [:]   // content path → blob id at the commit
        for change in rawChanges(diff) {
            guard let path = relative(change.path, prefix) else { continue }
            if change.oldMode == "000000" {
                absent.insert(path)
            } else if change.oldMode != "120000" && change.oldMode != "160000" {
                restored[path] = change.oldBlob
            }
        }
        let blobs = GitHistory.catFile(restored.values.sorted(), in: repository.topLevel)
        return overlay(working, absent: absent, restored: restored.compactMapValues { blobs[$0] }, loader: loader)
    }

    /// `working` without the files `absent`, with the bytes of `restored` (which may be new to it).
    static func overlay(_ working: LoadedContent, absent: Set<String>, restored: [String: [UInt8]], loader: ContentLoader) -> LoadedContent {
        var content = working
        let gone = absent.union(restored.keys)
        content.sources.removeAll { gone.contains($0.path) }
        content.attachments.subtract(absent)
        content.findings.removeAll { gone.contains($0.file) }
        for (path, bytes) in restored {
            switch loader.classify(path) {
            case .source?: content.sources.append(source(path, bytes))
            case .attachment?: content.attachments.insert(path)
            case nil: break
            }
        }
        content.sources.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return content
    }

    static func source(_ path: String, _ bytes: [UInt8]) -> SourceFile {
        guard bytes.count <= ContentLoader.maximumFileSize else {
            return SourceFile(path: path, bytes: [], problem: UnreadableSource(
                rule: "file-too-large", location: .start,
                message: "this file is larger than \(ContentLoader.maximumFileSize / 1_048_576) MB at that revision"))
        }
        return SourceFile(path: path, bytes: bytes)
    }

    struct RawChange {
        var oldMode: String
        var oldBlob: String
        var path: String
    }

    /// `git diff --raw -z`: `:<old mode> <new mode> <old blob> <new blob> <status>\0<path>\0` per file.
    static func rawChanges(_ data: Data) -> [RawChange] {
        let fields = split(data)
        var changes: [RawChange] = []
        var i = 0
        while i + 1 < fields.count {
            let header = fields[i].dropFirst().split(separator: " ")
            if header.count >= 5 { changes.append(RawChange(oldMode: String(header[0]), oldBlob: String(header[2]), path: fields[i + 1])) }
            i += 2
        }
        return changes
    }

    static func split(_ data: Data) -> [String] {
        data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A path from the repository's top as a content path, when it is under the content folder.
    static func relative(_ path: String, _ prefix: String) -> String? {
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }
}
