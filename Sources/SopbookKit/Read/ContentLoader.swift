import Foundation

/// A file found under the content folder, read but not yet understood.
public struct SourceFile: Sendable, Hashable {
    /// Relative to the content folder, `/`-separated.
    public let path: String
    /// The hash of `path`, taken once: stages keyed on a source hash it for every file of every rebuild.
    private let pathHash: Int
    public private(set) var bytes: [UInt8]
    /// A hash of `bytes`, taken once when they are read: what stages keyed on this file compare.
    public private(set) var digest: Int
    /// Set when the file is an SOP that could not be read at all (too large, no permission): it still
    /// counts as a process, gets this one finding, and nothing else runs on it.
    public var problem: UnreadableSource?
    /// What `stat` said about the file when it was found: a file whose stamp has not moved since the last
    /// build is not read again (`serve`'s incremental path).
    public var stamp = FileStamp()
    /// Set when the loader was told the file is unchanged and did not read it: `bytes` is empty.
    public var isUnchanged = false

    public init(path: String, bytes: [UInt8], problem: UnreadableSource? = nil, stamp: FileStamp = FileStamp()) {
        self.path = path
        self.pathHash = path.hashValue
        self.bytes = bytes
        self.digest = SourceFile.digest(of: bytes)
        self.problem = problem
        self.stamp = stamp
    }

    /// The file without its bytes: the path, digest and problem that the plan's keys hash (a key stands
    /// for what was parsed from the bytes), so that a build does not hold every file until its last page
    /// is written. Two of these with equal digests are equal.
    var identity: SourceFile {
        var copy = self
        copy.bytes = []
        return copy
    }

    mutating func setBytes(_ bytes: [UInt8], digest: Int) {
        self.bytes = bytes
        self.digest = digest
    }

    /// Eight bytes at a time, each word mixed in by a multiply and a shift, then SplitMix64's finalizer.
    /// Not `Hasher`: SipHash over every byte of every file was 0.7% of a cold build's instructions, and a
    /// digest only tells a file's versions apart within one process (no one chooses bytes to collide).
    static func digest(of bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            var tail: UInt64 = 0
            for k in i..<raw.count { tail |= UInt64(raw[k]) << UInt64(8 * (k - i)) }
            // The length last, and multiplied apart from the bytes: xored into the first word, a length one
            // more and a first byte that differs by one in its low bits made the same digest.
            h = ((h ^ tail) &* 0x94D0_49BB_1331_11EB) ^ (UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15)
            h ^= h >> 30
            h &*= 0xBF58_476D_1CE4_E5B9
            h ^= h >> 27
            h &*= 0x94D0_49BB_1331_11EB
            h ^= h >> 31
            return Int(truncatingIfNeeded: h)
        }
    }

    /// Two sources are equal when they name the same file with the same bytes and the same problem; the
    /// stamp only says when it was read.
    public static func == (a: SourceFile, b: SourceFile) -> Bool {
        a.path == b.path && a.digest == b.digest && a.problem?.rule == b.problem?.rule
            && a.problem?.message == b.problem?.message && a.bytes == b.bytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pathHash)
        hasher.combine(digest)
        hasher.combine(problem?.rule)
        hasher.combine(problem?.message)
    }
}

/// Modification time, size and inode: changes whenever an editor saves a file, in place or by rename.
public struct FileStamp: Sendable, Hashable {
    var seconds = 0
    var nanoseconds = 0
    var size = 0
    var inode: UInt64 = 0

    public init() {}

    init(_ info: stat) {
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
    }
}

/// What the walk found: SOP sources, other files (attachments that links may name), and problems.
public struct LoadedContent: Sendable {
    /// What a file of the content folder is to the pipeline.
    public enum Kind: Sendable { case source, attachment }

    public var sources: [SourceFile] = []
    /// Relative paths of every non-SOP regular file under the content folder.
    public var attachments: Set<String> = []
    public var findings: [Finding] = []

    /// The same without its files: what a cold run needs of it once every file is read (the attachments and
    /// the walk's findings). Not even their identities: copying ten thousand of them ran on one core.
    var withoutSources: LoadedContent {
        var copy = self
        copy.sources = []
        return copy
    }

    /// The same, with findings about the folder found elsewhere (the navigation file's entries).
    func adding(_ more: [Finding]) -> LoadedContent {
        guard !more.isEmpty else { return self }
        var copy = self
        copy.findings += more
        return copy
    }
}

/// Walks the content folder. Never follows a symlink out of it, never loops, never reads outside it.
public struct ContentLoader: Sendable {
    public let root: URL
    /// Which skipped names the handbook's generator reads after all: `_index.md`, `.gitbook/assets`.
    public let links: LinkConventions
    /// Files under the folder that are not SOPs although named `*.md`: the handbook's navigation file.
    public let excluding: Set<String>

    public init(root: URL, links: LinkConventions = LinkConventions(), excluding: Set<String> = []) {
        self.root = root.standardizedFileURL
        self.links = links
        self.excluding = excluding
    }

    /// The real path of the content folder, symlinks resolved, so containment checks compare like with like.
    public var realRoot: String {
        ContentLoader.realPath(root.path) ?? root.path
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where a symlink points, resolved against its folder without touching the disk.
    static func lexicalTarget(ofLink path: String) -> String? {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let url = destination.hasPrefix("/") ? URL(fileURLWithPath: destination) : base.appendingPathComponent(destination)
        return url.standardizedFileURL.path
    }

    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// A name Sopbook skips: partials, drafts folders and hidden files.
    /// The largest SOP file that is read (4 MiB).
    public static let maximumFileSize = 4 * 1_048_576

    static func isSkipped(_ name: String) -> Bool {
        name.hasPrefix("_") || name.hasPrefix(".")
    }

    /// `unchanged` names the files (path and stamp) whose content the caller already has: they are not read.
    public func load(unchanged: (String, FileStamp) -> Bool = { _, _ in false }) -> LoadedContent {
        var (result, pending) = walkAll()
        // The walk only stats; the reads run on every core (a cold 10,000-file folder read one file at a
        // time was a quarter of a second).
        pending.removeAll { read in
            let source = result.sources[read.sourceIndex]
            guard unchanged(source.path, source.stamp) else { return false }
            result.sources[read.sourceIndex].isUnchanged = true
            return true
        }
        let contents: [(bytes: [UInt8], digest: Int)?] = Parallel.map(pending) { read in
            ContentLoader.readAll(read.fullPath, sizeHint: read.size).map { ($0, SourceFile.digest(of: $0)) }
        }
        for (read, content) in zip(pending, contents) {
            if let content {
                result.sources[read.sourceIndex].setBytes(content.bytes, digest: content.digest)
            } else {
                result.sources[read.sourceIndex].problem = UnreadableSource(
                    rule: "unreadable-file", location: .start, message: "this file cannot be read (check its permissions)")
            }
        }
        result.sources.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return result
    }

    /// What the walk finds, and the SOPs it leaves to read. Each entry of the root is walked on its own,
    /// on every core, and the parts joined in the root's order: walked on one core, a folder of 10,000
    /// files kept the other idle for a third of the read. A folder reached twice (two symlinks to one
    /// folder, in two entries) is walked once, by the first entry in order: then the walk is one.
    private func walkAll() -> (LoadedContent, [PendingRead]) {
        let rootReal = realRoot
        @Sendable func walk(_ names: [String]?) -> (content: LoadedContent, pending: [PendingRead], visited: Set<String>) {
            var result = LoadedContent(), pending: [PendingRead] = [], visited: Set<String> = [rootReal]
            self.walk(directory: root.path, relative: "", rootReal: rootReal, attachmentsOnly: false, names: names,
                      visited: &visited, into: &result, pending: &pending)
            return (result, pending, visited)
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path), names.count > 1 else {
            let whole = walk(nil)
            return (whole.content, whole.pending)
        }
        let parts = Parallel.map(names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }), chunk: 1) { walk([$0]) }
        let folders = parts.reduce(0) { $0 + $1.visited.count - 1 }
        guard Set(parts.flatMap(\.visited)).count - 1 == folders else {
            let whole = walk(nil)
            return (whole.content, whole.pending)
        }
        var result = LoadedContent(), pending: [PendingRead] = []
        for part in parts {
            pending += part.pending.map { read in
                var read = read
                read.sourceIndex += result.sources.count
                return read
            }
            result.sources += part.content.sources
            result.attachments.formUnion(part.content.attachments)
            result.findings += part.content.findings
        }
        return (result, pending)
    }

    struct PendingRead: Sendable {
        var sourceIndex: Int
        var fullPath: String
        var size: Int
    }

    /// The whole file through POSIX `read`. Foundation's `contents(atPath:)` leaked a buffer for every
    /// empty file (found by the fuzzer's leak checker) and copies once more into the byte array.
    static func readAll(_ path: String, sizeHint: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // Read straight into the array, with room for one byte more than the size the walk saw: a file of that
        // size is read whole without a buffer (a zeroed 64 KB buffer and a copy per file were a third of the read).
        var failed = false
        var result = [UInt8](unsafeUninitializedCapacity: max(sizeHint, 0) + 1) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            switch POSIXTransfer.all(buffer.count, { done in read(fd, base + done, buffer.count - done) }) {
            case .done: count = buffer.count
            case .stopped(let done): count = done  // the end of the file, before the buffer is full
            case .failed: failed = true
            }
        }
        guard !failed else { return nil }
        // The file grew since the walk: the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: result.count < max(sizeHint, 0) + 1 ? 0 : 1 << 16)
        while !chunk.isEmpty {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    /// Whether the walk enters `name` or reads it: skipped names are, except what `links` reads after all.
    /// `.git` is never entered: it is Git's, not the handbook's.
    func walks(_ name: String, isDirectory: Bool) -> Bool {
        guard ContentLoader.isSkipped(name) else { return true }
        return isDirectory ? links.dotFolders && name.hasPrefix(".") && name != ".git" : links.readsAsPage(name)
    }

    /// What the walk would make of a regular file at `path` (content-relative) without walking: an SOP, an
    /// attachment, or nothing (a skipped name on the way, an excluded file). For files known from Git only.
    func classify(_ path: String) -> LoadedContent.Kind? {
        guard !excluding.contains(path) else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        guard let name = parts.last else { return nil }
        var attachmentsOnly = false
        for folder in parts.dropLast() {
            guard walks(folder, isDirectory: true) else { return nil }
            attachmentsOnly = attachmentsOnly || ContentLoader.isSkipped(folder)
        }
        let isPage = name.lowercased().hasSuffix(".md")
        if attachmentsOnly { return isPage ? nil : .attachment }
        guard walks(name, isDirectory: false) else { return nil }
        return isPage ? .source : .attachment
    }

    /// `attachmentsOnly`: a dot-folder the conventions open, whose files are attachments and never SOPs.
    /// `names`: the entries of `directory` to walk; all of them when nil.
    private func walk(directory: String, relative: String, rootReal: String, attachmentsOnly: Bool, names given: [String]? = nil,
                      visited: inout Set<String>, into result: inout LoadedContent, pending: inout [PendingRead]) {
        let names: [String]
        do {
            names = try given ?? FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            result.findings.append(Finding(rule: "unreadable-file", severity: .error, file: relative.isEmpty ? "." : relative,
                                           location: .start, process: nil,
                                           message: "this folder cannot be read (check its permissions)"))
            return
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        where walks(name, isDirectory: true) || walks(name, isDirectory: false) {
            let full = directory + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            if excluding.contains(rel) { continue }
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                // A symlink is followed only when where it lands is inside the content folder.
                guard let target = ContentLoader.realPath(full) else {
                    // A dangling link still says where it wanted to go: outside is reported as such.
                    if let wanted = ContentLoader.lexicalTarget(ofLink: full), !ContentLoader.isInside(wanted, root: root.path),
                       !ContentLoader.isInside(wanted, root: rootReal) {
                        result.findings.append(Finding(rule: "link-outside-content", severity: .error, file: rel, location: .start, process: nil,
                                                       message: "this symlink leads outside the content folder (to a path that does not exist) and is not followed; remove it"))
                    } else {
                        result.findings.append(Finding(rule: "broken-link", severity: .error, file: rel, location: .start, process: nil,
                                                       message: "this symlink points to nothing; remove it or fix its target"))
                    }
                    continue
                }
                guard ContentLoader.isInside(target, root: rootReal) else {
                    result.findings.append(Finding(rule: "link-outside-content", severity: .error, file: rel, location: .start, process: nil,
                                                   message: "this symlink leads outside the content folder and is not followed; move the file into the content folder"))
                    continue
                }
                guard stat(full, &info) == 0 else { continue }
                kind = info.st_mode & S_IFMT
            }
            if kind == S_IFDIR {
                guard walks(name, isDirectory: true) else { continue }
                let real = ContentLoader.realPath(full) ?? full
                // A folder reached twice (a symlink loop, or two links to one folder) is walked once.
                guard visited.insert(real).inserted else { continue }
                walk(directory: full, relative: rel, rootReal: rootReal, attachmentsOnly: attachmentsOnly || ContentLoader.isSkipped(name),
                     visited: &visited, into: &result, pending: &pending)
            } else if kind == S_IFREG {
                guard walks(name, isDirectory: false) || attachmentsOnly else { continue }
                if attachmentsOnly {
                    if !name.lowercased().hasSuffix(".md") { result.attachments.insert(rel) }
                } else if name.lowercased().hasSuffix(".md") {
                    // An SOP is a few kilobytes; a file this large is a mistake (a log, an export), and
                    // parsing it would cost seconds and gigabytes for nothing.
                    if Int(info.st_size) > ContentLoader.maximumFileSize {
                        let mb = Double(info.st_size) / 1_048_576
                        result.sources.append(SourceFile(path: rel, bytes: [], problem: UnreadableSource(
                            rule: "file-too-large", location: .start,
                            message: String(format: "this file is %.1f MB; an SOP may be at most %d MB: split it, or move the data it holds into an attachment",
                                            mb, ContentLoader.maximumFileSize / 1_048_576))))
                        continue
                    }
                    if info.st_size > 0 {
                        pending.append(PendingRead(sourceIndex: result.sources.count, fullPath: full, size: Int(info.st_size)))
                    }
                    result.sources.append(SourceFile(path: rel, bytes: [], stamp: FileStamp(info)))
                } else {
                    result.attachments.insert(rel)
                }
            }
        }
    }
}

/// The stamp of every file under some folders, by absolute path: what `serve` polls to see that something
/// changed. `readdir` and `lstat` only: Foundation's enumerator with resource values cost a core's worth
/// of time on a 10,000-file folder polled four times a second.
public enum FolderStamps {
    public static func scan(_ root: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        var visited = Set<String>()
        scan(root, into: &stamps, visited: &visited)
        return stamps
    }

    public static func stamp(of path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    private static func scan(_ directory: String, into stamps: inout [String: FileStamp], visited: inout Set<String>) {
        guard visited.insert(directory).inserted, let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let full = directory + "/" + name
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                // A symlinked folder is watched through its own path, once.
                if UInt32(entry.pointee.d_type) == UInt32(DT_LNK) { continue }
                scan(full, into: &stamps, visited: &visited)
            case S_IFREG:
                stamps[full] = FileStamp(info)
            default:
                break
            }
        }
    }
}
