extension StringProtocol {
    /// Whitespace (and newlines) removed from both ends. Foundation's `trimmingCharacters(in:)` goes
    /// through NSString on Linux and was a fifth of `sopbook check`'s time; this stays in the stdlib.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (UTF-8 search, no Foundation).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let hay = Array(utf8), needle = Array(target.utf8)
        guard let first = needle.first, needle.count <= hay.count else { return self }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) {
                return String(decoding: hay[..<i], as: UTF8.self) + replacement + String(decoding: hay[(i + needle.count)...], as: UTF8.self)
            }
            i += 1
        }
        return self
    }
}
