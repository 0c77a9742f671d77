import Foundation

/// Results of the stages of the last build, by stage and key hash (salsa's pattern: the stages stay pure,
/// and the memo sits outside them). A build reads the last build's entries and keeps only those it used
/// or made, so memory stays the size of one build however long `serve` runs.
final class Memo: @unchecked Sendable {
    private let lock = NSLock()
    private var previous: [Stage: [Int: any Sendable]] = [:]
    private var current: [Stage: [Int: any Sendable]] = [:]
    /// Results computed in the current build, by stage: what `serve` logs and tests check.
    private(set) var misses: [Stage: Int] = [:]

    func value<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ key: Key, _ compute: () -> Output) -> Output {
        let hash = key.hashValue
        let found = lock.withLock { current[stage]?[hash] ?? previous[stage]?[hash] }
        if let output = found as? Output {
            lock.withLock { current[stage, default: [:]][hash] = output }
            return output
        }
        let output = compute()
        lock.withLock {
            current[stage, default: [:]][hash] = output
            misses[stage, default: 0] += 1
        }
        return output
    }

    /// The build is over: what it did not use is dropped.
    func endBuild() {
        lock.withLock {
            previous = current
            current = [:]
        }
    }

    /// The build failed: its entries are kept with the last build's (each is still a pure result).
    func abandonBuild() {
        lock.withLock {
            previous.merge(current) { _, new in new }
            current = [:]
        }
    }

    func resetCounts() {
        lock.withLock { misses = [:] }
    }
}
