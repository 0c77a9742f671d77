import Foundation

/// Order-preserving parallel map over all cores, for the per-file stages of the pipeline.
enum Parallel {
    /// `chunk`: how many items a core takes at a time; by default a 64th of its share. One, for items of
    /// very unequal cost listed largest first (the write stage's files).
    static func map<T: Sendable, R: Sendable>(_ items: [T], chunk: Int? = nil, _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        // Small chunks, so that the cores finish a stage together: with eight per core, the last chunk of a
        // 10,000-file stage was 20 ms that one core worked alone. A chunk costs a few microseconds.
        let chunk = max(1, chunk ?? items.count / (ProcessInfo.processInfo.activeProcessorCount * 64))
        let chunks = (items.count + chunk - 1) / chunk
        return collect(items.count) { box in
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lower = c * chunk, upper = min(items.count, lower + chunk)
                for i in lower..<upper { box.value[i] = transform(items[i]) }
            }
        }
    }

    /// Each of a few unequal tasks, at once, each on a thread of the global queue; the results in their
    /// order. For tasks that `map` inside: within `map` (`concurrentPerform`), an inner `map` ran on one
    /// core, and the register's 10,000 rows, one task of the site-wide pages, were that phase's length.
    static func all<R: Sendable>(_ tasks: [@Sendable () -> R]) -> [R] {
        collect(tasks.count) { box in
            let group = DispatchGroup()
            for (n, task) in tasks.enumerated() {
                DispatchQueue.global().async(group: group) { box.value[n] = task() }
            }
            group.wait()
        }
    }

    /// `a` on this thread and `b` on another, at once; both results. For two parts of a stage that do
    /// not depend on each other and each have serial work. `b` escapes, as in `all`: dispatch may release
    /// a task's closure after the group has seen it finish.
    static func pair<A, B: Sendable>(_ a: () -> A, _ b: @escaping @Sendable () -> B) -> (A, B) {
        var first: [A] = []
        let second = collect(1) { box in
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) { box.value[0] = b() }
            first.append(a())
            group.wait()
        }
        return (first[0], second[0])
    }

    /// `map`, for work of which some items take `contention.lock` (Markdown with `~`,
    /// `MarkdownDocument.tildeLock`): a core takes one of those only while the lock is free, and another
    /// item otherwise, so that it works instead of waiting. With the plain `map`, a core waited on that lock
    /// for a sixth of the Markdown stage. The lock still decides: a core that loses a race for it waits.
    /// Without a contention, the plain `map`.
    static func map<T: Sendable, R: Sendable>(_ items: [T], contention: Contention<T>?, _ transform: @Sendable (T) -> R) -> [R] {
        guard let contention else { return map(items, transform) }
        let queue = ContentionQueue(locking: items.indices.filter { contention.takesLock(items[$0]) }, count: items.count,
                                    lock: contention.lock)
        guard items.count >= 2, !queue.isEmpty else { return map(items, transform) }
        return collect(items.count) { box in
            DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { _ in
                while let i = queue.next() { box.value[i] = transform(items[i]) }
            }
        }
    }

    /// `count` results, which `fill` sets each once, from any thread, through the box; in their order.
    private static func collect<R>(_ count: Int, _ fill: (UnsafeSendable<UnsafeMutableBufferPointer<R?>>) -> Void) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        fill(UnsafeSendable(results))
        return results.map { $0! }
    }

    /// Which items take a lock somewhere in their work, and the lock.
    struct Contention<T>: Sendable {
        let lock: NSLock
        let takesLock: @Sendable (T) -> Bool
    }
}

/// The order of `Parallel.map(_:contention:_:)`: the items that take the lock first, one whenever the lock
/// is free; the others meanwhile; and what is left of either at the end.
private final class ContentionQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let contended: NSLock
    private let locking: [Int]
    private let others: [Int]
    private var nextLocking = 0, nextOther = 0

    init(locking: [Int], count: Int, lock contended: NSLock) {
        self.locking = locking
        self.contended = contended
        let set = Set(locking)
        others = (0..<count).filter { !set.contains($0) }
    }

    var isEmpty: Bool { locking.isEmpty }

    /// The next item for a core; nil when there is none left.
    func next() -> Int? {
        lock.withLock {
            let lockFree = nextLocking < locking.count && contended.try()
            if lockFree { contended.unlock() }
            if nextLocking < locking.count, lockFree || nextOther == others.count {
                nextLocking += 1
                return locking[nextLocking - 1]
            }
            guard nextOther < others.count else { return nil }
            nextOther += 1
            return others[nextOther - 1]
        }
    }
}

/// Each index is written by exactly one iteration, so sharing the buffer across threads is safe.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
