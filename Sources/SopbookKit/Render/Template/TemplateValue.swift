/// What a template can show: a closed set of plain values, so that looking a name up is a dictionary
/// access and a `switch`, never a dynamic cast. (swift-mustache's `[String: Any]` contexts spent half of
/// a build in `swift_dynamicCast`; see Benchmarks/README.md.)
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Text held as its UTF-8 bytes, shown as `.text` is: a body's HTML, read back from the body store
    /// or rebased for a print pack, goes to the page without being made a `String` (and checked) first.
    case bytes([UInt8])
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateObject)

    /// A list of strings, for `{{#tags}}{{.}}{{/tags}}`.
    static func texts(_ strings: [String]) -> TemplateValue {
        .list(strings.map { .text($0) })
    }

    /// A list of objects, the shape of most sections.
    static func objects(_ items: [TemplateObject]) -> TemplateValue {
        .list(items.map { .object($0) })
    }

    /// An optional string: missing when nil, so `{{#summary}}` and `{{^summary}}` see it as absent.
    static func text(_ string: String?) -> TemplateValue? {
        string.map { .text($0) }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements))
    }
}

/// The members of an object of a template's context, by name. Kept as one array in order, not hashed:
/// every page builds its context afresh and reads each member a few times, and hashing the names to
/// build and to read dictionaries was an eighth of the write stage. One array rather than one of names
/// and one of values: a copy of the object, which each lookup makes, is then one reference to count, and
/// making it one allocation. An object of many members (the interface strings) is also indexed, once,
/// when it is made.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral, Sequence {
    public struct Member: Sendable {
        public let name: String
        public var value: TemplateValue
        /// `TemplateObject.key` of `name`, taken once when the member is made: a lookup compares it, not
        /// the names, with each member it passes (the scans were 5% of a build's instructions, callgrind).
        /// `noKey` for a name outside ASCII, which only a scan by name finds.
        let key: UInt64

        init(name: String, value: TemplateValue) {
            self.name = name
            self.value = value
            key = TemplateObject.key(name) ?? TemplateObject.noKey
        }
    }

    private var members: [Member] = []
    /// A member's position, for an object of many members: by `TemplateObject.key` of its name, or by the
    /// name itself when one is not ASCII (or two keys meet). Nil while the object is scanned.
    private enum Index: Sendable {
        case keys([UInt64: Int])
        case names([String: Int])
    }
    private var index: Index?

    /// Above this many members, an object is looked up through an index. A process page's object (some
    /// 30 members, made for every page) is read by scanning: indexing it cost more than it saved.
    private static let indexedFrom = 48

    public init() {}

    /// Names in a literal are distinct (a dictionary literal traps on a repeated key; this asserts).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        // Room for the few members most models add after their literal, without growing the array.
        members = [Member](unsafeUninitializedCapacity: elements.count + 4) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }  // never: the capacity is at least 4
            for (k, element) in elements.enumerated() { (base + k).initialize(to: Member(name: element.0, value: element.1)) }
            count = elements.count
        }
        assert(Set(elements.map(\.0)).count == members.count, "a name repeated in a template object literal")
        if members.count > Self.indexedFrom { reindex() }
    }

    /// The later of two equal names wins, as in a dictionary built with `uniquingKeysWith: { _, last in last }`.
    public init(_ elements: some Sequence<(String, TemplateValue)>) {
        members.reserveCapacity(elements.underestimatedCount)
        for (name, value) in elements { self[name] = value }
    }

    public var count: Int { members.count }

    public subscript(name: String) -> TemplateValue? {
        get { position(of: name).map { members[$0].value } }
        set {
            if let i = position(of: name) {
                if let newValue { members[i].value = newValue } else { remove(at: i) }
            } else if let newValue {
                members.append(Member(name: name, value: newValue))
                if index != nil || members.count > Self.indexedFrom { indexLast() }
            }
        }
    }

    /// `other`'s members added; for a name in both, `combine` of the two values (as `Dictionary.merge`).
    public mutating func merge(_ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) {
        members.reserveCapacity(members.count + other.count)
        for (name, value) in other { self[name] = self[name].map { combine($0, value) } ?? value }
    }

    public func merging(_ other: TemplateObject, uniquingKeysWith combine: (TemplateValue, TemplateValue) -> TemplateValue) -> TemplateObject {
        var merged = self
        merged.merge(other, uniquingKeysWith: combine)
        return merged
    }

    public func makeIterator() -> LazyMapSequence<[Member], (String, TemplateValue)>.Iterator {
        members.lazy.map { ($0.name, $0.value) }.makeIterator()
    }

    /// Equal members, in any order (as dictionaries compare).
    public static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.count == b.count && a.members.allSatisfy { b[$0.name] == $0.value }
    }

    /// What `Member.key` holds for a name that has no `key`. A name that has one may hash to it too: such a
    /// member is found by the scan by name, the comparison of keys being only a shortcut.
    static let noKey: UInt64 = 0

    /// A hash of an ASCII name's bytes, or nil for a name outside ASCII. Hashing a `String` (what a
    /// `[String: Int]` index did) goes through Unicode normalization. Between ASCII names, equal strings
    /// are equal bytes, so equal keys; a name outside ASCII may equal an ASCII one (a Kelvin sign is a
    /// `K`), so it is looked for by scanning. Templates take the keys of their names once, when compiled;
    /// every member takes its own when made, so the bytes are read eight at a time: FNV-1a over the
    /// `utf8` view, byte by byte, cost more than the scans it saved.
    static func key(_ name: String) -> UInt64? {
        var name = name
        return name.withUTF8 { bytes -> UInt64? in
            let count = bytes.count
            guard let base = bytes.baseAddress, count > 0 else { return 0xCBF2_9CE4_8422_2325 }
            // The length mixed in first, on its own: XORed into the bytes' word, it made `ab` and `abc` equal.
            var hash = mix(0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: count))
            var seen: UInt64 = 0  // every byte ORed in: its high bits say whether one is outside ASCII
            func load(_ at: Int) -> UInt64 { UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self) }
            func load32(_ at: Int) -> UInt64 { UInt64(UnsafeRawPointer(base + at).loadUnaligned(as: UInt32.self)) }
            if count >= 8 {
                // Whole words, then the last eight bytes (overlapping the words before when count is not a multiple).
                var i = 0
                while i + 8 <= count {
                    seen |= load(i)
                    hash = mix(hash ^ load(i))
                    i += 8
                }
                if i < count {
                    seen |= load(count - 8)
                    hash = mix(hash ^ load(count - 8))
                }
            } else {
                // The first and the last four bytes, or the first, middle and last byte: every byte, read whole.
                let word = count >= 4 ? load32(0) &<< 32 | load32(count - 4)
                    : UInt64(base[0]) &<< 16 | UInt64(base[count / 2]) &<< 8 | UInt64(base[count - 1])
                seen = word
                hash = mix(hash ^ word)
            }
            return seen & 0x8080_8080_8080_8080 == 0 ? hash : nil
        }
    }

    /// A multiply and a shift: enough to spread eight bytes over the key (splitmix64's finalizer, in part).
    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        let y = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return y ^ (y >> 29)
    }

    /// The member `name`, whose `key` is `key`: a template's lookups give the key they took when compiled.
    func member(_ name: String, key: UInt64?) -> TemplateValue? {
        position(of: name, key: key).map { members[$0].value }
    }

    private func position(of name: String) -> Int? {
        guard case .keys = index else { return position(of: name, key: nil) }
        return position(of: name, key: Self.key(name))
    }

    /// Two names are the same when they are equal strings of as many bytes (what the scan compares); each
    /// index gives that answer too.
    private func position(of name: String, key: UInt64?) -> Int? {
        switch index {
        case .keys(let keys):
            // Every name indexed is ASCII, and an ASCII string equals only itself among strings of its
            // length: an ASCII name of another key is not a member. (One outside ASCII has no key: scanned.)
            if let key {
                guard let i = keys[key], members[i].name == name else { return nil }
                return i
            }
        case .names(let names):
            // A string equal to `name` but of another length (a Kelvin sign for a `K`) is not a match; then
            // the one that is, if any, is found by the scan.
            guard let i = names[name] else { return nil }
            if members[i].name.utf8.count == name.utf8.count { return i }
        case nil:
            break
        }
        // An ASCII name (one with a key) equals only a name of the same bytes, so of the same key; keys of
        // 0 (`noKey`, or a name that hashes to it) are left to the scan by name.
        if let key, key != Self.noKey {
            return members.firstIndex { $0.key == key && $0.name == name }
        }
        // Names of another length are told apart without a call into the string comparison.
        let length = name.utf8.count
        return members.firstIndex { $0.name.utf8.count == length && $0.name == name }
    }

    private mutating func remove(at i: Int) {
        members.remove(at: i)
        if index != nil { reindex() }
    }

    /// By keys when every name has one and no two share one; by names otherwise.
    private mutating func reindex() {
        var keys: [UInt64: Int] = [:]
        keys.reserveCapacity(members.count)
        for (i, member) in members.enumerated() {
            guard let key = Self.key(member.name), keys.updateValue(i, forKey: key) == nil else {
                index = .names(Dictionary(members.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a }))
                return
            }
        }
        index = .keys(keys)
    }

    /// The member just appended added to the index (made first, if the object has just grown past
    /// `indexedFrom`).
    private mutating func indexLast() {
        let i = members.count - 1, name = members[i].name
        switch index {
        case .keys(var keys):
            guard let key = Self.key(name), keys[key] == nil else { return reindex() }
            index = nil  // the dictionary uniquely held while it grows
            keys[key] = i
            index = .keys(keys)
        case .names(var names):
            index = nil
            names[name] = i
            index = .names(names)
        case nil:
            reindex()
        }
    }
}
