import Foundation

/// HTML escaping for text and attribute values. Most values need none, so that case costs one scan of
/// the bytes and no copy; this runs for every `{{variable}}` of every page.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var text = s
        // Scanned through a pointer to the bytes: this is the template engine's commonest call.
        let needs = text.withUTF8 { bytes in bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 } }
        guard needs else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        for b in s.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` escaped onto the end of `out`: the template engine's commonest call, so it makes no string.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        // Read in place: a `var` copy to call `withUTF8` on retained and released the string each time.
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) != nil { return }
        var text = s
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var copied = 0
        var i = 0
        // Eight bytes at a time, a word without a special byte skipped whole: byte by byte, this was
        // some 400 instructions per value interpolated, 4% of a build's (callgrind).
        func word(_ at: Int) -> UInt64 { UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self) }
        func half(_ at: Int) -> UInt64 { UInt64(UnsafeRawPointer(base + at).loadUnaligned(as: UInt32.self)) }
        while i + 8 <= count {
            if hasSpecialByte(word(i)) {
                for k in i..<(i + 8) { escape(base, at: k, copied: &copied, to: &out) }
            }
            i += 8
        }
        // The rest (most values are shorter than a word) is tested whole too, before going byte by byte: as
        // the last eight bytes (overlapping the words before), or as the first and last four of a short value.
        let rest: UInt64? = i == count ? nil
            : count >= 8 ? word(count - 8)
            : count >= 4 ? half(0) &<< 32 | half(count - 4)
            : nil
        if rest.map(hasSpecialByte) ?? (i < count) {
            while i < count {
                escape(base, at: i, copied: &copied, to: &out)
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: count - copied))
    }

    /// The byte at `i`, if it is special: the bytes from `copied` up to it, then its entity, appended.
    @inline(__always)
    private static func escape(_ base: UnsafePointer<UInt8>, at i: Int, copied: inout Int, to out: inout [UInt8]) {
        let entity: StaticString
        switch base[i] {
        case 0x26: entity = "&amp;"
        case 0x3C: entity = "&lt;"
        case 0x3E: entity = "&gt;"
        case 0x22: entity = "&quot;"
        case 0x27: entity = "&#39;"
        default: return
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: i - copied))
        out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
        copied = i + 1
    }

    /// Whether one of the eight bytes of `word` is `&`, `<`, `>`, `"` or `'`. A byte is one of them when
    /// the word XORed with it repeated has a zero byte, which `(x - 0x01…) & ~x & 0x80…` tells exactly.
    /// `&` and `'` (0x26, 0x27) are tested at once by setting bit 0 first, `<` and `>` (0x3C, 0x3E) by
    /// setting bit 1: no other byte becomes 0x27 or 0x3E so.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & (ones &* 0x80) }
        return zeroByte((word | ones) ^ (ones &* 0x27)) | zeroByte((word | (ones &* 2)) ^ (ones &* 0x3E))
            | zeroByte(word ^ (ones &* 0x22)) != 0
    }
}
