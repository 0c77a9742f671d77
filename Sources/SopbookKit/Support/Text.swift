import Foundation

extension StringProtocol {
    /// Whitespace (and newlines) removed from both ends. Foundation's `trimmingCharacters(in:)` goes
    /// through NSString on Linux and was a fifth of `sopbook check`'s time; this stays in the stdlib.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(self[first...last])
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (UTF-8 search, no Foundation).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let hay = Array(utf8), needle = Array(target.utf8)
        guard let i = hay.firstIndex(of: needle) else { return self }
        return String(decoding: hay[..<i], as: UTF8.self) + replacement + String(decoding: hay[(i + needle.count)...], as: UTF8.self)
    }
}

extension String {
    /// Control characters made visible (`\n`, `\u{1B}`), so that text from content can never break a
    /// one-line report format or send escape sequences to a terminal.
    public var oneLine: String {
        var out = ""
        for u in unicodeScalars {
            switch u.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension Array where Element == UInt8 {
    /// Where `needle` first occurs at or after `start`: a plain byte search, for hot paths where
    /// Foundation's string search is too slow on Linux.
    func firstIndex(of needle: [UInt8], from start: Int = 0) -> Int? {
        guard let first = needle.first, start >= 0 else { return nil }
        var i = start
        while i + needle.count <= count {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    /// Whether the UTF-8 bytes contain `byte`, with `memchr` over contiguous storage: the generic
    /// `utf8.contains` walks the view one byte at a time and showed up in profiles of `check`.
    func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }) {
            return found
        }
        return utf8.contains(byte)
    }
}
