/// The words that mark a step as not written yet (`steps.placeholders`: "TODO", "à compléter"), matched in
/// every step of every SOP. Made once per build from the settings: the needles as bytes, and which bytes
/// start one, so that a step's text is read once and compared only where a placeholder could begin.
struct Placeholders: Sendable, Hashable {
    /// Lowercased, as bytes; empty words are dropped.
    private let needles: [[UInt8]]
    /// Bit b (of 256, in four words) is set when a needle starts with byte b.
    private let starts: (UInt64, UInt64, UInt64, UInt64)

    init(_ words: [String]) {
        needles = words.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
        var starts: [UInt64] = [0, 0, 0, 0]
        for needle in needles { starts[Int(needle[0] >> 6)] |= 1 << UInt64(needle[0] & 63) }
        self.starts = (starts[0], starts[1], starts[2], starts[3])
    }

    static func == (a: Placeholders, b: Placeholders) -> Bool { a.needles == b.needles }
    func hash(into hasher: inout Hasher) { hasher.combine(needles) }

    /// Empty, or with a placeholder in it.
    func isUndocumented(_ text: String) -> Bool {
        let trimmed = text.trimmed
        return trimmed.isEmpty || matches(trimmed)
    }

    /// `isUndocumented` of the text whose UTF-8 is `utf8`, and `normalized` the same text with its spaces
    /// folded (`MarkdownDocument.normalizeSpace`): the same answer, read from the bytes without making a
    /// string of them and another of their trimmed copy, when the ends are ASCII and no character changes
    /// when lowercased (nearly every step). `normalized` has the same characters but spaces, so it is what
    /// is searched for one that changes.
    func isUndocumented(utf8: [UInt8], normalized: String) -> Bool {
        utf8.withUnsafeBufferPointer { bytes in
            var lo = 0, hi = bytes.count
            while lo < hi, bytes[lo].isASCIISpace { lo += 1 }
            while lo < hi, bytes[hi - 1].isASCIISpace { hi -= 1 }
            guard lo < hi else { return true }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
            // `String.trimmed` goes on past Unicode spaces at an end; `matches` lowercases beyond ASCII.
            let needsString = trimmed[0] >= 0x80 || trimmed[trimmed.count - 1] >= 0x80
                || (!trimmed.allSatisfy { $0 < 0x80 }
                    && normalized.unicodeScalars.contains { !$0.isASCII && $0.properties.changesWhenLowercased })
            return needsString ? isUndocumented(String(decoding: bytes, as: UTF8.self)) : matches(lowercasingASCII: trimmed)
        }
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
        // A needle can begin at a byte that starts a word, or at a byte outside words (`???`). Within a
        // word (a word byte after a word byte) none can: a needle starting with a word byte would start
        // inside the word, and one starting otherwise cannot start on a word byte. So the bytes of a word
        // after its first are passed over with one test each (per byte, choosing between two bitmaps was
        // most of the outline's time).
        var inWord = false
        for i in haystack.indices {
            let raw = haystack[i]
            let before = inWord
            inWord = Self.isWordByte(raw)
            if before && inWord { continue }
            let b = raw.asciiLowercased
            guard startsWith(b) else { continue }
            for needle in needles where needle[0] == b && i + needle.count <= haystack.count {
                var j = 1
                while j < needle.count, haystack[i + j].asciiLowercased == needle[j] { j += 1 }
                guard j == needle.count else { continue }
                let after = i + needle.count < haystack.count && Self.isWordByte(haystack[i + needle.count])
                if !(Self.isWordByte(needle[0]) && before) && !(Self.isWordByte(needle[needle.count - 1]) && after) { return true }
            }
        }
        return false
    }

    /// Whether a needle starts with byte `b`.
    private func startsWith(_ b: UInt8) -> Bool {
        let word: UInt64 = switch b >> 6 {
        case 0: starts.0
        case 1: starts.1
        case 2: starts.2
        default: starts.3
        }
        return word & (1 &<< UInt64(b & 63)) != 0
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }
}
