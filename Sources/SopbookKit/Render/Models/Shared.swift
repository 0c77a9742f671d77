import Foundation
import Synchronization

/// A value many pages show (a body, a sidebar, the navigation), with its hash computed once, so that a
/// page's key costs a word for it however large it is. The hash is taken the first time it is asked for:
/// only `serve`'s keys ask, and hashing every body and page model up front was about 4% of a cold
/// build's CPU time.
final class Shared<Value: Hashable & Sendable>: Hashable, Sendable {
    let value: Value
    /// The hash of `value`, 0 until it is taken. Atomic rather than under a lock: `serve` reads some
    /// 100,000 digests at every save of a 10,000-SOP site.
    private let cachedDigest = Atomic<Int>(0)

    init(_ value: Value) {
        self.value = value
    }

    /// Two threads asking at once both hash, and store the same digest.
    private var digest: Int {
        let cached = cachedDigest.load(ordering: .relaxed)
        if cached != 0 { return cached }
        let computed = value.hashValue
        let hash = computed == 0 ? 1 : computed  // 0 marks a digest not yet taken
        cachedDigest.store(hash, ordering: .relaxed)
        return hash
    }

    static func == (a: Shared, b: Shared) -> Bool {
        a === b || (a.digest == b.digest && a.value == b.value)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// What a model shows, as the closed set of values templates read. Each page model under `Render/Models/`
/// is the whole input of its page: a page's key is the hash of its model, so a field that is shown but
/// not in the model cannot exist.
protocol TemplateModel: Hashable, Sendable {
    var templateValue: TemplateValue { get }
    /// What a page rendered from this model looks names up in, innermost last: by default its value,
    /// which must be an object (nil otherwise).
    var templateContexts: [TemplateObject]? { get }
}

extension TemplateModel {
    var templateContexts: [TemplateObject]? {
        guard case .object(let object) = templateValue else { return nil }
        return [object]
    }
}

extension Optional where Wrapped: TemplateModel {
    var templateValue: TemplateValue? { map(\.templateValue) }
}

extension Array where Element: TemplateModel {
    var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

extension TemplateObject {
    /// Sets `key` only when the value is present, so `{{#key}}` and `{{^key}}` see nil as absent.
    mutating func set(_ key: String, _ value: TemplateValue?) {
        if let value { self[key] = value }
    }

    mutating func set(_ key: String, _ text: String?) {
        if let text { self[key] = .text(text) }
    }
}

/// Two themes made from the same files render alike: a theme is known by the hash of its files.
extension Theme: Hashable {
    public static func == (a: Theme, b: Theme) -> Bool { a.sourceKey == b.sourceKey }
    public func hash(into hasher: inout Hasher) { hasher.combine(sourceKey) }
}

/// A model made once and shared: its key is the digest taken when it was made.
extension Shared: TemplateModel where Value: TemplateModel {
    var templateValue: TemplateValue { value.templateValue }
}

/// One area's page of a site-wide list split by area (`SitePlanner.splitAbove`): what the list's own page
/// links to instead of listing every process.
struct AreaPart: Hashable, Sendable {
    var name: String
    /// From the root of the site.
    var href: String
    var count: Int

    /// `parts`, `hasParts` and, on an area's page, `areaTitle`: the keys every split list's template reads.
    static func add(_ parts: [AreaPart], areaTitle: String?, to value: inout TemplateObject) {
        value["parts"] = .list(parts.map { .object(["name": .text($0.name), "href": .text($0.href), "count": .int($0.count)]) })
        value["hasParts"] = .bool(!parts.isEmpty)
        value.set("areaTitle", areaTitle)
    }
}

/// A page model made when its page is written rather than when the site is planned: the site-wide pages
/// of 10,000 SOPs (print volumes, role pages, the areas' matrices and lists), made at once, grew a build's
/// resident memory by 20 MB, held from the plan to the end of the write. `serve` takes a page's key before
/// it writes. A page that gives `inputs`, a hash of everything `make` reads (`Incremental/PageInputs.swift`),
/// is keyed by it, and its model made only when it is written: a title edit at 10,000 SOPs made some 200
/// such models to find the dozen that moved, a fifth of its CPU time. Without `inputs`, the model made for the
/// key is kept until the page is rendered, and equal models are equal deferred ones.
final class Deferred<Model: TemplateModel>: TemplateModel, @unchecked Sendable {
    private let make: @Sendable () -> Model
    private let inputs: (@Sendable () -> Int)?
    /// Guards `made`: keys are taken, and pages written, from several threads.
    private let lock = NSLock()
    private var made: Model?

    init(inputs: (@Sendable () -> Int)? = nil, _ make: @escaping @Sendable () -> Model) {
        self.inputs = inputs
        self.make = make
    }

    /// The model, kept for a later use; or, with `keep` false, handed over and no longer held.
    private func model(keep: Bool) -> Model {
        if let kept = lock.withLock({ () -> Model? in
            defer { if !keep { made = nil } }
            return made
        }) { return kept }
        let model = make()
        if keep { lock.withLock { made = model } }
        return model
    }

    var templateValue: TemplateValue { model(keep: false).templateValue }

    func hash(into hasher: inout Hasher) {
        if let inputs { hasher.combine(inputs()) } else { model(keep: true).hash(into: &hasher) }
    }

    static func == (a: Deferred, b: Deferred) -> Bool {
        if a === b { return true }
        if let x = a.inputs, let y = b.inputs { return x() == y() }
        return a.model(keep: true) == b.model(keep: true)
    }
}
