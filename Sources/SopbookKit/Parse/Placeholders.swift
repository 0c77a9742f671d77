/// The words that mark a step as not written yet (`steps.placeholders`: "TODO", "à compléter"), matched in
/// every step of every SOP. Made once per build from the settings: the needles as bytes, and which bytes
/// start one, so that a step's text is read once and compared only where a placeholder could begin.
struct Placeholders: Sendable, Hashable {
    /// Lowercased, as bytes; empty words are dropped.
    private let needles: [[UInt8]]
    /// Bit b is set when a needle starts with byte b.
    private let starts: [UInt64]

    init(_ words: [String]) {
        needles = words.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        var starts = [UInt64](repeating: 0, count: 4)
        for needle in needles { starts[Int(needle[0] >> 6)] |= 1 << UInt64(needle[0] & 63) }
        self.starts = starts
    }

    /// Empty, or with a placeholder in it.
    func isUndocumented(_ text: String) -> Bool {
        let trimmed = text.trimmed
        return trimmed.isEmpty || matches(trimmed)
    }

    /// Whole-word, case-insensitive: "TODO" matches "TODO:" but not "TODOS" or "mastodon". A byte of a
    /// non-ASCII character counts as part of a word, so "àTODO" is not a match either.
    func matches(_ text: String) -> Bool {
        var text = text
        // ASCII (nearly all of it) is lowercased byte by byte as it is compared. Unicode lowercasing only
        // when a character outside ASCII changes with it: a `£` or an `é` does not, and lowercasing every
        // step that holds one was 3% of `sopbook check`.
        if !text.withUTF8({ $0.allSatisfy { $0 < 0x80 } }),
           text.unicodeScalars.contains(where: { !$0.isASCII && $0.properties.changesWhenLowercased }) { text = text.lowercased() }
        return text.withUTF8(matches(lowercasingASCII:))
    }

    private func matches(lowercasingASCII haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in haystack.indices {
            let b = haystack[i].asciiLowercased
            guard starts[Int(b >> 6)] & (1 << UInt64(b & 63)) != 0 else { continue }
            for needle in needles where needle[0] == b && i + needle.count <= haystack.count {
                var j = 1
                while j < needle.count, haystack[i + j].asciiLowercased == needle[j] { j += 1 }
                guard j == needle.count else { continue }
                let before = i > 0 && Self.isWordByte(haystack[i - 1])
                let after = i + needle.count < haystack.count && Self.isWordByte(haystack[i + needle.count])
                if !(Self.isWordByte(needle[0]) && before) && !(Self.isWordByte(needle[needle.count - 1]) && after) { return true }
            }
        }
        return false
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }
}
