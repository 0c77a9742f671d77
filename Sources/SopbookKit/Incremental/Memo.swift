import Foundation

/// Results of the stages of the last build, by stage and key hash (salsa's pattern: the stages stay pure,
/// and the memo sits outside them). A build reads the last build's entries and keeps only those it used
/// or made, so memory stays the size of one build however long `serve` runs.
final class Memo: @unchecked Sendable {
    /// One stage's results: those of the last build, and those of this one so far.
    fileprivate final class Table<Output>: @unchecked Sendable {
        var previous = Entries<Output>()
        var current = Entries<Output>()
    }

    /// Results by the hash of their key, in the order they were made. A build asks a stage for its keys in
    /// the order the last build did, so a result is first looked for at its position, and by hash only
    /// when that misses: a title edit at 10,000 SOPs looked up and stored every summary and every register
    /// record by hash, on one core, under the lock.
    fileprivate struct Entries<Output> {
        var hashes: [Int] = []
        var outputs: [Output] = []
        /// The first position of each hash, made at the first lookup that misses its position.
        var positions: [Int: Int]?

        /// The output of `hash`, looked for at position `n` first (-1: by hash only).
        mutating func find(_ hash: Int, at n: Int) -> Output? {
            if n >= 0, n < hashes.count, hashes[n] == hash { return outputs[n] }
            if hashes.isEmpty { return nil }
            if positions == nil { positions = Dictionary(zip(hashes, hashes.indices), uniquingKeysWith: { first, _ in first }) }
            return positions?[hash].map { outputs[$0] }
        }

        mutating func append(_ hash: Int, _ output: Output) {
            if positions != nil, positions?[hash] == nil { positions?[hash] = hashes.count }
            hashes.append(hash)
            outputs.append(output)
        }

        /// These entries, then those of `other` whose hash they lack.
        mutating func merge(_ other: Entries) {
            for (hash, output) in zip(other.hashes, other.outputs) where find(hash, at: -1) == nil { append(hash, output) }
        }
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
        let found: [Output?] = lock.withLock {
            // This stage's results made earlier in this build come first in `current`, as they did in `previous`.
            let start = table.current.hashes.count
            return hashes.indices.map { n in table.previous.find(hashes[n], at: start + n) ?? table.current.find(hashes[n], at: -1) }
        }
        let missing = found.indices.filter { found[$0] == nil }
        let made = Parallel.map(missing, contention: contention) { compute($0) }
        var outputs = found
        for (n, output) in zip(missing, made) { outputs[n] = output }
        let results = outputs.compactMap { $0 }
        lock.withLock {
            table.current.hashes.reserveCapacity(table.current.hashes.count + count)
            table.current.outputs.reserveCapacity(table.current.outputs.count + count)
            for (hash, output) in zip(hashes, results) { table.current.append(hash, output) }
            misses[stage, default: 0] += missing.count
            touched.insert(stage)
        }
        return results
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
        if keep { previous.merge(current) } else { previous = current }
        current = Memo.Entries()
    }
}
