import Foundation
import Synchronization

/// A body's HTML, from the parse that renders it to the write that puts it in its page and print pack.
/// `serve` keeps it in memory: its keys hash it, and the next save compares it. A cold build keeps it in
/// a `BodyStore`: it is the one large thing held from the parse to the write, and at 50,000 SOPs it was
/// 232 MB of the 689 MB of heap at the build's peak (heaptrack, Benchmarks/results.md).
enum BodyHTML: Hashable, Sendable {
    case inMemory(Shared<String>)
    /// `count` bytes at `offset` of the store's file.
    case stored(BodyStore, offset: Int, count: Int)

    /// The HTML; empty if the store cannot read it back, a failure the store keeps for the write to report
    /// before it commits (`BodyStore.failure`).
    var text: String {
        switch self {
        case .inMemory(let html): html.value
        case .stored(let store, let offset, let count): store.text(at: offset, count: count)
        }
    }

    /// The HTML as a template shows it: a stored body as the bytes read back, not made a `String`.
    var templateValue: TemplateValue {
        switch self {
        case .inMemory(let html): .text(html.value)
        case .stored(let store, let offset, let count): .bytes(store.bytes(at: offset, count: count))
        }
    }

    /// `body` of the HTML's UTF-8 bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch self {
        case .inMemory(let html):
            var text = html.value
            return text.withUTF8(body)
        case .stored(let store, let offset, let count):
            return store.bytes(at: offset, count: count).withUnsafeBufferPointer(body)
        }
    }
}

/// A cold build's bodies' HTML, in an unlinked file of the staging folder: written as each body is
/// parsed, read back as each page is written. The kernel's page cache holds it, and may write it out
/// under pressure, where the heap could not. Unlinked as soon as it is made, so it never lands in the
/// output and goes away with the process, however the build ends.
final class BodyStore: Hashable, Sendable {
    private let descriptor: Int32
    /// Where the next body goes: each takes its range with one atomic add, and writes it with `pwrite`.
    private let end = Atomic<Int>(0)
    private let firstFailure = Mutex<String?>(nil)

    /// A store in `folder`, or nil when no file can be made there (the build then keeps bodies in memory).
    init?(in folder: URL) {
        var template = Array(folder.appendingPathComponent(".bodies-XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { if let path = $0.baseAddress { unlink(path) } }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// `html` written to the file; in memory when it cannot be (a full disk), which costs memory, not the page.
    func keep(_ html: String) -> BodyHTML {
        var html = html
        return html.withUTF8(keep)
    }

    /// The UTF-8 `bytes` of a body's HTML (as cmark renders it) written to the file, or kept in memory.
    func keep(_ bytes: UnsafeBufferPointer<UInt8>) -> BodyHTML {
        let count = bytes.count
        let offset = end.wrappingAdd(count, ordering: .relaxed).oldValue
        let written = bytes.baseAddress.map { base in
            POSIXTransfer.all(count) { done in pwrite(descriptor, base + done, count - done, off_t(offset + done)) } == .done
        } ?? true
        return written ? .stored(self, offset: offset, count: count) : .inMemory(Shared(String(decoding: bytes, as: UTF8.self)))
    }

    /// The `count` bytes at `offset`, as written by `keep`, as text.
    func text(at offset: Int, count: Int) -> String {
        String(decoding: bytes(at: offset, count: count), as: UTF8.self)
    }

    /// The `count` bytes at `offset`, as written by `keep`; none, with the failure kept, if they cannot be read.
    /// Written from valid UTF-8 and read back as it was, they are not checked again.
    func bytes(at offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            let reason: String
            switch POSIXTransfer.all(count, { done in pread(descriptor, base + done, count - done, off_t(offset + done)) }) {
            case .done:
                initialized = count
                return
            case .failed(let code): reason = String(cString: strerror(code))
            case .stopped(let done): reason = "the file ends at byte \(offset + done), before the body's \(count) bytes"
            }
            firstFailure.withLock { if $0 == nil { $0 = reason } }
        }
    }

    /// Why a body could not be read back, if one could not: the pages written since hold an empty body,
    /// so the build must not commit them.
    var failure: String? { firstFailure.withLock { $0 } }

    static func == (a: BodyStore, b: BodyStore) -> Bool { a === b }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// Puts a write-only `/dev/null` in place of the file, so that every read after fails: what the tests
    /// use to check that a build does not commit pages whose bodies it could not read.
    func breakReadsForTesting() {
        let null = open("/dev/null", O_WRONLY)
        guard null >= 0 else { return }
        dup2(null, descriptor)
        close(null)
    }

    /// Empties the file, so that a read after finds it too short.
    func truncateForTesting() { _ = ftruncate(descriptor, 0) }
}
