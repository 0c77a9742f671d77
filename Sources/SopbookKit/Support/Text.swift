import Foundation

extension StringProtocol {
    /// Whitespace (and newlines) removed from both ends. Foundation's `trimmingCharacters(in:)` goes
    /// through NSString on Linux and was a fifth of `sopbook check`'s time; this stays in the stdlib.
    /// ASCII whitespace is trimmed byte by byte (asking a scalar's Unicode properties was 3% of `sopbook
    /// check`); an end that is not ASCII may be a Unicode space (no-break, ideographic…) and takes the
    /// scalar path.
    var trimmed: String {
        let whole = Substring(self), bytes = whole.utf8
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, bytes[lo].isASCIISpace { bytes.formIndex(after: &lo) }
        while lo < hi, bytes[bytes.index(before: hi)].isASCIISpace { bytes.formIndex(before: &hi) }
        guard lo < hi else { return "" }
        let rest = whole[lo..<hi]
        guard bytes[lo] >= 0x80 || bytes[bytes.index(before: hi)] >= 0x80 else { return String(rest) }
        let scalars = rest.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(rest[first...last])
    }

    /// The parts between `/`, empty ones dropped: `split(separator: "/")` cut on the bytes, without
    /// breaking the string into characters first (a tenth of link resolution's time). A path's separator
    /// is the byte; a `/` under a combining mark still separates, as it does on disk.
    var slashParts: [SubSequence] {
        var parts: [SubSequence] = []
        let bytes = utf8
        var start = bytes.startIndex, i = start
        while i != bytes.endIndex {
            if bytes[i] == 0x2F {
                if start != i { parts.append(self[start..<i]) }
                start = bytes.index(after: i)
            }
            bytes.formIndex(after: &i)
        }
        if start != i { parts.append(self[start..<i]) }
        return parts
    }

    /// `slashParts.last`, found from the end without making the other parts: every link's path is asked.
    /// On the bytes where they are contiguous: the view walked back an index at a time cost some 2,000
    /// instructions a call (0.7% of a build's, callgrind). A `/` is one byte, so the offsets found are
    /// the text's character boundaries.
    var lastSlashPart: SubSequence? {
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Range<Int>? in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x2F { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0, bytes[start - 1] != 0x2F { start -= 1 }
            return start..<end
        }
        if let found {
            return found.map { self[utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)] }
        }
        // Walked back on the substring's view, which can step backwards; its indices are the text's.
        let bytes = Substring(self).utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x2F { bytes.formIndex(before: &end) }
        guard end > bytes.startIndex else { return nil }
        var start = end
        while start > bytes.startIndex, bytes[bytes.index(before: start)] != 0x2F { bytes.formIndex(before: &start) }
        return self[start..<end]
    }
}

extension String {
    /// Every occurrence of `target` replaced, left to right, byte for byte. Foundation's
    /// `replacingOccurrences` bridges to NSString on Linux (slugs, CSV cells and print anchors made it a
    /// tenth of a `serve` rebuild), and compares by grapheme: a `"` followed by a combining mark would not
    /// be doubled in a CSV cell. Most strings hold no occurrence and are returned as they are.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard let first = target.utf8.first, containsByte(first) else { return self }
        let hay = Array(utf8), needle = Array(target.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(hay.count + 16)
        var i = 0
        while i < hay.count {
            if hay[i] == first, i + needle.count <= hay.count, hay[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                i += needle.count
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

}

extension String {
    /// Control characters made visible (`\n`, `\u{1B}`), so that text from content can never break a
    /// one-line report format or send escape sequences to a terminal.
    public var oneLine: String {
        // Nearly every message has none: it is returned as it is (every finding of every run is asked),
        // and printable ASCII, nearly all text, says so from its bytes without decoding a scalar.
        if utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) == true { return self }
        guard unicodeScalars.contains(where: Self.breaksALine) else { return self }
        var out = ""
        for u in unicodeScalars {
            switch u.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case _ where Self.breaksALine(u): out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A control character (C0, DEL, C1) or a line or paragraph separator: what `oneLine` shows escaped.
    private static func breaksALine(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }
}


extension String {
    /// Whether the UTF-8 bytes contain `byte`, with `memchr` over contiguous storage: the generic
    /// `utf8.contains` walks the view one byte at a time and showed up in profiles of `check`.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.firstIndex(ofByte: byte) != nil } ?? utf8.contains(byte)
    }
}

extension StringProtocol {
    /// The text before the first `#` or `?`: a link's path. Found on the UTF-8 bytes: the `Character`
    /// search breaks the text into grapheme clusters, and links are read by the hundred thousand.
    var beforeFragmentOrQuery: SubSequence {
        self[..<(utf8.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? endIndex)]
    }

    /// Where the ASCII character `byte` first occurs, found on the UTF-8 bytes (see above), with `memchr`
    /// where they are contiguous: the view's own search goes one index at a time.
    func firstIndex(ofASCII byte: UInt8) -> Index? {
        guard let found = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(ofByte: byte) }) else { return utf8.firstIndex(of: byte) }
        return found.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// Whether the text ends with the ASCII `suffix` in any case (`x.MD`), without lowercasing a copy.
    func hasSuffix(ignoringASCIICase suffix: StaticString) -> Bool {
        let tail = utf8.suffix(suffix.utf8CodeUnitCount)
        guard tail.count == suffix.utf8CodeUnitCount else { return false }
        return suffix.withUTF8Buffer { expected in
            zip(tail, expected).allSatisfy { $0.asciiLowercased == $1 }
        }
    }
}

extension UInt8 {
    /// The byte with ASCII `A`–`Z` made `a`–`z`; any other byte as it is. For the byte-level matchers that
    /// compare case-insensitively without lowercasing a copy of the text.
    var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self + 0x20 : self }

    /// The ASCII characters with Unicode's White_Space property: tab, line feed, vertical tab, form feed,
    /// carriage return and space (what `trimmed` takes off byte by byte).
    var isASCIISpace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Where `byte` first occurs at or after `start`, with `memchr`: for hot paths over UTF-8 bytes.
    func firstIndex(ofByte byte: UInt8, from start: Int = 0) -> Int? {
        guard start >= 0, start < count, let base = baseAddress,
              let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Where `needle` first occurs: `memchr` to each place its first byte is, then a comparison.
    func firstIndex(of needle: [UInt8]) -> Int? {
        guard let first = needle.first else { return nil }
        var i = 0
        while i + needle.count <= count, let at = firstIndex(ofByte: first, from: i), at + needle.count <= count {
            if UnsafeBufferPointer(rebasing: self[at..<(at + needle.count)]).elementsEqual(needle) { return at }
            i = at + 1
        }
        return nil
    }
}

extension String {
    /// `localizedStandardCompare(other)`: Foundation's collation through ICU, which was most of the
    /// time of sorting ten thousand titles. Titles of ASCII letters, spaces and hyphens are compared here,
    /// as ICU's root collation orders them (checked against Foundation by `StandardOrderTests`): letters without
    /// case, a space before a hyphen before any letter, a shorter title before one it begins; titles
    /// equal but for case ordered by the first that differs, lowercase first. Any other title, or a
    /// language whose collation reorders letters, goes to Foundation.
    func standardOrder(_ other: String) -> ComparisonResult {
        guard String.rootCollation else { return localizedStandardCompare(other) }
        var a = self, b = other
        let fast = a.withUTF8 { x in b.withUTF8 { y in String.plainOrder(x, y) } }
        return fast ?? localizedStandardCompare(other)
    }

    /// Whether the current language collates ASCII letters as ICU's root does.
    private static let rootCollation: Bool = {
        let language = Locale.current.language.languageCode?.identifier ?? ""
        return ["", "en", "fr", "de", "es", "it", "pt", "nl"].contains(language)
    }()

    /// The order of two plain titles; nil when either has a byte other than a letter, space or hyphen.
    private static func plainOrder(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> ComparisonResult? {
        func isPlain(_ c: UInt8) -> Bool { c == 0x20 || c == 0x2D || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
        guard x.allSatisfy(isPlain), y.allSatisfy(isPlain) else { return nil }
        for i in 0..<Swift.min(x.count, y.count) where x[i].asciiLowercased != y[i].asciiLowercased {
            return x[i].asciiLowercased < y[i].asciiLowercased ? .orderedAscending : .orderedDescending
        }
        if x.count != y.count { return x.count < y.count ? .orderedAscending : .orderedDescending }
        // Equal but for case: an uppercase letter has the smaller byte and sorts after.
        for i in 0..<x.count where x[i] != y[i] { return x[i] > y[i] ? .orderedAscending : .orderedDescending }
        return .orderedSame
    }
}
