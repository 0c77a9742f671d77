import Foundation

/// The stages the pipeline may skip because an earlier build ran them on equal inputs.
public enum Stage: Int, Sendable, CaseIterable {
    case frontMatter, pageTable, body, links, findings, titleOrder, sidebars, roles, summaries, approvals, printAnchors, reportJSON, registerRecords
}

/// How the pipeline runs its stages. `DirectStages` runs each one (every `check` and `build`);
/// `Incremental/` returns what a previous build computed from an equal key. A key must be made of
/// everything the computation reads: the stages are pure, so equal keys give equal results.
protocol StageRunner: Sendable {
    /// Stage 1: the content folder's files, read.
    func read(_ loader: ContentLoader) -> LoadedContent
    /// Whether this runner makes keys of the stages' inputs (to compare with a later run's): when it does
    /// not, a source's bytes are released once its body is parsed.
    var makesKeys: Bool { get }
    /// `compute(n)` for each n below `count`, in parallel, or its result for an equal `key(n)` in the same
    /// stage. Keys are made only by a runner that compares them. The computations of some n may take a lock:
    /// `contention` says which, and the cores keep to the others while it is held (`Parallel.map(_:contention:_:)`).
    func map<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ count: Int, key: @Sendable (Int) -> Key,
                                                        contention: Parallel.Contention<Int>?,
                                                        _ compute: @Sendable (Int) -> Output) -> [Output]
    /// Which of the planned files must be written, and which files of an earlier build to remove.
    func select(_ jobs: [PageJob], theme: Theme, writer: any SiteWriter) -> PageSelection
    /// The files of `selection` are written and committed.
    func wrote(_ selection: PageSelection)
}

extension StageRunner {
    /// `compute()`, or its result for an equal `key` in the same stage.
    func run<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, key: @Sendable () -> Key,
                                                        _ compute: @Sendable () -> Output) -> Output {
        map(stage, 1, key: { _ in key() }) { _ in compute() }[0]
    }

    /// `map` with no item that takes a lock.
    func map<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ count: Int, key: @Sendable (Int) -> Key,
                                                        _ compute: @Sendable (Int) -> Output) -> [Output] {
        map(stage, count, key: key, contention: nil, compute)
    }

    /// The same, for keys made anyway, which a cold build needs as its input.
    func map<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ keys: [Key], contention: Parallel.Contention<Int>? = nil,
                                                        _ compute: @Sendable (Int) -> Output) -> [Output] {
        map(stage, keys.count, key: { keys[$0] }, contention: contention, compute)
    }
}

/// What the write stage does: the jobs to render and write, by index in the plan, and the files to remove.
struct PageSelection: Sendable {
    var write: [Int]
    var remove: [String]
    /// False when the jobs are some of the site's files only (`serve`'s cut-off): the others stay as they are.
    var isWholeSite = true
}

/// Runs every stage: a cold build, and `check`. Nothing is kept and nothing is hashed for a key.
struct DirectStages: StageRunner {
    init() {}

    var makesKeys: Bool { false }

    func read(_ loader: ContentLoader) -> LoadedContent { loader.load() }

    func map<Key: Hashable & Sendable, Output: Sendable>(_ stage: Stage, _ count: Int, key: @Sendable (Int) -> Key,
                                                        contention: Parallel.Contention<Int>?, _ compute: @Sendable (Int) -> Output) -> [Output] {
        Parallel.map(Array(0..<count), contention: contention) { compute($0) }
    }

    func select(_ jobs: [PageJob], theme: Theme, writer: any SiteWriter) -> PageSelection {
        PageSelection(write: Array(jobs.indices), remove: [])
    }

    func wrote(_ selection: PageSelection) {}
}
