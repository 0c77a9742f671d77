import Foundation

/// Order-preserving parallel map over all cores, for the per-file stages of the pipeline.
enum Parallel {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let box = UnsafeSendable(results)
        let chunk = max(1, items.count / (ProcessInfo.processInfo.activeProcessorCount * 8))
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = c * chunk, upper = min(items.count, lower + chunk)
            for i in lower..<upper { box.value[i] = transform(items[i]) }
        }
        return results.map { $0! }
    }
}

/// Each index is written by exactly one iteration, so sharing the buffer across threads is safe.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
