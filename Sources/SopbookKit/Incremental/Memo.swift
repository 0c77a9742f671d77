import Foundation

/// Results of the stages of the last build, by stage and key hash (salsa's pattern: the stages stay pure,
/// and the memo sits outside them). A build reads the last build's entries and keeps only those it used
/// or made, so memory stays the size of one build however long `serve` runs.
final class Memo: @unchecked Sendable {
    /// One stage's results: those of the last build, and those of this one so far.
    fileprivate final class Table<Output>: @unchecked Sendable {
        var previous: [Int: Output] = [:]
        var current: [Int: Output] = [:]
    }

    private let lock = NSLock()
    private var tables: [Stage: AnyObject] = [:]
    /// The stages run in the current build: a build that skips a stage (`patchBodies`) keeps its entries.
    private var touched = Set<Stage>()
    /// Results computed in the current build, by stage: what `serve` logs and tests check.
    private(set) var misses: [Stage: Int] = [:]

    private func table<Output>(_ stage: Stage, _: Output.Type) -> Table<Output> {
        lock.withLock {
            if let table = tables[stage] as? Table<Output> { return table }
            let table = Table<Output>()
            tables[stage] = table
            return table
        }
    }

    /// `compute(n)` for each n below `count` whose key's hash no earlier result of the stage has; the others
    /// are reused. Keys are made and hashed in parallel (and not kept: a title edit at 10,000 SOPs copied
    /// every stage's 10,000 keys into an array only to hash them), looked up under one lock, and only the
    /// misses are computed.
    func map<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ count: Int, key: @Sendable (Int) -> Key,
                                                        contention: Parallel.Contention<Int>? = nil,
                                                        _ compute: @Sendable (Int) -> Output) -> [Output] {
        let table = table(stage, Output.self)
        let hashes = Parallel.map(Array(0..<count)) { key($0).hashValue }
        table.current.reserveCapacity(table.previous.count)
        let found: [Output?] = lock.withLock { hashes.map { table.current[$0] ?? table.previous[$0] } }
        let missing = found.indices.filter { found[$0] == nil }
        let made = Parallel.map(missing, contention: contention) { compute($0) }
        var outputs = found
        for (n, output) in zip(missing, made) { outputs[n] = output }
        lock.withLock {
            for (hash, output) in zip(hashes, outputs) { table.current[hash] = output }
            misses[stage, default: 0] += missing.count
            touched.insert(stage)
        }
        return outputs.compactMap { $0 }
    }

    /// The build is over: what the stages it ran did not use is dropped.
    func endBuild() {
        lock.withLock {
            for (stage, table) in tables where touched.contains(stage) { (table as? Rotating)?.rotate(keep: false) }
            touched = []
        }
    }

    /// The build failed: its entries are kept with the last build's (each is still a pure result).
    func abandonBuild() {
        lock.withLock {
            for table in tables.values { (table as? Rotating)?.rotate(keep: true) }
            touched = []
        }
    }

    func resetCounts() {
        lock.withLock { misses = [:] }
    }
}

private protocol Rotating: AnyObject {
    func rotate(keep: Bool)
}

extension Memo.Table: Rotating {
    func rotate(keep: Bool) {
        if keep { previous.merge(current) { _, new in new } } else { previous = current }
        current = [:]
    }
}
