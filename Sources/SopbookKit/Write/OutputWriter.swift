import Foundation

/// Where a build puts its files: a fresh staging folder swapped in whole (`OutputWriter`), or, for
/// `serve`'s incremental rebuilds, the live output folder patched file by file (`OutputPatcher`).
public protocol SiteWriter: Sendable {
    /// True when the folder already holds the previous build, so unchanged pages may be left alone.
    var patchesInPlace: Bool { get }
    func prepareFolders(for paths: [String]) throws
    func write(_ data: Data, to path: String) throws
    /// A page: by default as its UTF-8 `Data`.
    func write(_ contents: String, to path: String) throws
    /// A page rendered as UTF-8 bytes: by default as `Data`.
    func write(bytes: [UInt8], to path: String) throws
    func copy(from source: URL, to path: String) throws
    func remove(_ path: String) throws
    func commit() throws
    func abandon()
}

extension SiteWriter {
    public func write(_ contents: String, to path: String) throws {
        try write(Data(contents.utf8), to: path)
    }

    public func write(bytes: [UInt8], to path: String) throws {
        try write(Data(bytes), to: path)
    }
}

/// Writes a site into a temporary folder beside the output, then swaps it into place, so that a failed or
/// killed build never leaves a half-written output and never deletes anything but an earlier build of ours.
public struct OutputWriter: SiteWriter {
    public var patchesInPlace: Bool { false }

    /// The file that marks a folder as Sopbook's output, and so as safe to replace.
    public static let markerName = ".sopbook-output"

    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let output: URL
    public let staging: URL
    /// `staging`'s path with a final `/`: each page's file path is this and the page's path.
    private let stagingFolder: String
    /// Held from init to commit or abandon, so two builds into one folder never interleave.
    private let lock: BuildLock
    /// Where the build keeps its bodies' HTML until their pages are written: a file in the staging folder
    /// (nil if none could be made there). `commit` refuses a site whose pages lost a body.
    let bodies: BodyStore?

    /// Checks that `output` may be written, and creates the staging folder.
    public init(output: URL, content: URL) throws(Refusal) {
        let output = output.standardizedFileURL
        let outPath = OutputWriter.canonical(output.path)
        let contentPath = OutputWriter.canonical(content.standardizedFileURL.path)
        if outPath == contentPath {
            throw Refusal(description: "the output folder is the content folder (\(output.path)); choose another --output")
        }
        if ContentLoader.isInside(contentPath, root: outPath) {
            throw Refusal(description: "the output folder \(output.path) contains the content folder; choose another --output")
        }
        if ContentLoader.isInside(outPath, root: contentPath) {
            throw Refusal(description: "the output folder \(output.path) is inside the content folder; choose a folder outside it")
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw Refusal(description: "\(output.path) exists and is not a folder; choose another --output")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
            let foreign = entries.filter { $0 != ".gitkeep" && $0 != OutputWriter.markerName }
            if !foreign.isEmpty && !entries.contains(OutputWriter.markerName) {
                throw Refusal(description: "\(output.path) is not empty and was not written by sopbook; refusing to replace it (empty it or choose another --output)")
            }
        }
        let parent = output.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Refusal(description: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        let lockPath = OutputWriter.lockPath(for: output)
        guard let lock = BuildLock(path: lockPath) else {
            throw Refusal(description: "another sopbook build is writing \(output.path); wait for it to finish (lock: \(lockPath))")
        }
        self.lock = lock
        // Staging folders of builds that were killed are ours to clear once we hold the lock.
        if let siblings = try? FileManager.default.contentsOfDirectory(atPath: parent.path) {
            for name in siblings where name.hasPrefix(".\(output.lastPathComponent).sopbook-staging-") || name.hasPrefix(".\(output.lastPathComponent).sopbook-old-") {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).sopbook-staging-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw Refusal(description: "cannot write beside \(output.path): \(error.localizedDescription)")
        }
        self.output = output
        self.staging = staging
        stagingFolder = staging.path.hasSuffix("/") ? staging.path : staging.path + "/"
        bodies = BodyStore(in: staging)
    }

    static func canonical(_ path: String) -> String {
        if let real = ContentLoader.realPath(path) { return real }
        // Not there yet: canonicalise the nearest existing ancestor.
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        if parent == path { return path }
        return canonical(parent) + "/" + url.lastPathComponent
    }

    /// Creates the folders of `paths` up front, so that parallel writers never race to create one.
    public func prepareFolders(for paths: [String]) throws {
        try OutputWriter.createFolders(for: paths, under: staging)
    }

    /// Creates the folders of `paths` (relative to `base`) that are missing.
    static func createFolders(for paths: [String], under base: URL) throws {
        // The folder of each path by its last `/`: NSString's path methods bridge on Linux, for every page.
        let folders = Set(paths.compactMap { path in path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } }
            .filter { !$0.isEmpty })
        // In order, a parent before its children: each is one `mkdir`. Foundation's, which first looks at
        // every folder above, ran alone on one core before the pages could be written. A folder whose parent
        // holds no page (so is not in the set) is made with its parents by Foundation.
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        for folder in folders.sorted() {
            let path = prefix + folder
            if mkdir(path, 0o777) == 0 { continue }  // as Foundation makes them: the umask applies
            var info = stat()
            if errno == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { continue }
            try FileManager.default.createDirectory(at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// The lock file beside `output` that every build into it takes, staged or patching.
    static func lockPath(for output: URL) -> String {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).sopbook-lock").path
    }

    /// Writes one file into the staging folder; `path` is relative and `/`-separated.
    public func write(_ data: Data, to path: String) throws {
        // Plain POSIX writes: Foundation's `Data.write` syncs each file to disk, which made writing a
        // large site a hundred times slower. The staging folder is swapped in whole, so a page is never
        // seen half-written anyway.
        // Joined as strings: `URL.appendingPathComponent` for every page of a site was about 1% of a build.
        try data.withUnsafeBytes { try OutputWriter.writeFile($0, at: stagingFolder + path) }
    }

    /// A page's bytes straight from the string, without copying them into a `Data` first.
    public func write(_ contents: String, to path: String) throws {
        var contents = contents
        try contents.withUTF8 { try OutputWriter.writeFile(UnsafeRawBufferPointer($0), at: stagingFolder + path) }
    }

    /// A rendered page, without copying it into a `Data` first.
    public func write(bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try OutputWriter.writeFile($0, at: stagingFolder + path) }
    }

    public func remove(_ path: String) throws {
        try? FileManager.default.removeItem(at: staging.appendingPathComponent(path))
    }

    /// Creates the file (and, the first time, its folder) and writes all of `data`.
    static func writeFile(_ data: Data, at url: URL) throws { try data.withUnsafeBytes { try writeFile($0, at: url.path) } }

    static func writeFile(_ buffer: UnsafeRawBufferPointer, at file: String) throws {
        var fd = open(file, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: file).deletingLastPathComponent(), withIntermediateDirectories: true)
            fd = open(file, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file]) }
        defer { close(fd) }
        let written = POSIXTransfer.all(buffer.count) { done in
            Foundation.write(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done)
        }
        guard written == .done else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file]) }
    }

    public func copy(from source: URL, to path: String) throws {
        let url = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source.resolvingSymlinksInPath(), to: url)
    }

    /// Moves the staged site into place. The previous output is moved aside first and removed last.
    public func commit() throws {
        if let failure = bodies?.failure {
            throw BuildError(description: "cannot read back the bodies' HTML from the staging folder: \(failure)")
        }
        if !FileManager.default.fileExists(atPath: staging.appendingPathComponent(OutputWriter.markerName).path) {
            try write("This folder is generated by sopbook; it is replaced on every build.\n", to: OutputWriter.markerName)
        }
        let fm = FileManager.default
        var aside: URL?
        if fm.fileExists(atPath: output.path) {
            let old = output.deletingLastPathComponent()
                .appendingPathComponent(".\(output.lastPathComponent).sopbook-old-\(ProcessInfo.processInfo.processIdentifier)")
            try? fm.removeItem(at: old)
            try fm.moveItem(at: output, to: old)
            aside = old
        }
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            if let aside { try? fm.moveItem(at: aside, to: output) }
            throw error
        }
        if let aside { try? fm.removeItem(at: aside) }
        lock.release()
    }

    /// Removes the staging folder after a failure.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        lock.release()
    }
}

/// Patches the live output folder of an earlier build in place: each file is written beside its final
/// name and renamed over it, so a browser never reads half a page. Used by `serve` only: `build` always
/// writes a whole new site and swaps it in.
public struct OutputPatcher: SiteWriter {
    public var patchesInPlace: Bool { true }
    public let output: URL
    private let lock: BuildLock

    /// Nil when the folder is not an output of ours, or another build holds it: then build it whole.
    public init?(output: URL) {
        let output = output.standardizedFileURL
        guard FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputWriter.markerName).path) else { return nil }
        guard let lock = BuildLock(path: OutputWriter.lockPath(for: output)) else { return nil }
        self.output = output
        self.lock = lock
    }

    public func prepareFolders(for paths: [String]) throws {
        try OutputWriter.createFolders(for: paths, under: output)
    }

    public func write(_ data: Data, to path: String) throws {
        let final = output.appendingPathComponent(path)
        let temporary = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).sopbook-new")
        try OutputWriter.writeFile(data, at: temporary)
        guard rename(temporary.path, final.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
    }

    public func copy(from source: URL, to path: String) throws {
        let data = try Data(contentsOf: source.resolvingSymlinksInPath())
        try write(data, to: path)
    }

    public func remove(_ path: String) throws {
        let url = output.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    public func commit() throws { lock.release() }
    public func abandon() { lock.release() }
}

/// An advisory `flock` on a file beside the output. The kernel drops it when the process dies, so a
/// killed build never leaves a stale lock behind.
final class BuildLock: @unchecked Sendable {
    private var fd: Int32

    init?(path: String) {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
