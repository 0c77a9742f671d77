/// A map of a few entries held in one array, looked up by a linear scan: what a procedure records of its
/// front matter (where each key, role and token is: a dozen entries, rarely more). A `Dictionary` of ten
/// entries has room for sixteen keys and values and a bitmap; the four such maps of each procedure were a
/// sixth of `check`'s heap at 10,000 SOPs (heaptrack). `compact()` then leaves exactly the entries.
///
/// Equal when both hold the same keys with equal values, in any order, as dictionaries are.
public struct SmallMap<Key: Hashable & Sendable, Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(key: Key, value: Value)] = []

    public init() {}

    public init(dictionaryLiteral elements: (Key, Value)...) {
        for (key, value) in elements { self[key] = value }
    }

    public subscript(key: Key) -> Value? {
        get {
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    /// The keys in the order they were first set.
    public var keys: [Key] { entries.map(\.key) }

    /// The same entries in an array of exactly their number: appending one by one leaves up to twice the room.
    public mutating func compact() {
        entries = entries.compacted()
    }
}

extension SmallMap: Equatable where Value: Equatable {
    public static func == (a: SmallMap, b: SmallMap) -> Bool {
        a.count == b.count && a.entries.allSatisfy { b[$0.key] == $0.value }
    }
}

extension Array {
    /// The same elements in an array of exactly their number: an array grown by appending keeps up to
    /// twice the room it needs, and the outlines of ten thousand SOPs are held until the site is written.
    func compacted() -> [Element] {
        guard capacity > count else { return self }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            for (n, element) in enumerated() { buffer.initializeElement(at: n, to: element) }
            initialized = count
        }
    }
}

extension String {
    /// The same text in storage of exactly its size: a rendering reserves room for a whole page (16 KB), and
    /// the sidebar lists it makes are held until the site is written (5 MB of room at 10,000 SOPs).
    func compacted() -> String {
        var text = self
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                _ = out.initialize(fromContentsOf: bytes)
                return bytes.count
            }
        }
    }
}
