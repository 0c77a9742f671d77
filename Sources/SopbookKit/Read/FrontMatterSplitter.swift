/// A source file decoded and split into its front matter and its Markdown body.
public struct SplitSource: Sendable, Equatable {
    /// The YAML between the `---` lines, or nil when the file has no front matter.
    public var frontMatter: String?
    /// 1-based line of the first YAML line (the line after the opening `---`).
    public var frontMatterFirstLine: Int
    public var body: String
    /// Lines before the body: add this to a line number within the body to get the line in the file.
    public var bodyLineOffset: Int
}

public enum SplitError: Error, Equatable, Sendable {
    /// Not valid UTF-8; `line` is where the first bad byte is.
    case invalidEncoding(line: Int, detail: String)
    /// An opening `---` with no closing one.
    case unclosedFrontMatter
}

/// Decodes bytes as UTF-8 (BOM and CRLF accepted) and splits off the front matter.
public enum FrontMatterSplitter {
    public static func split(_ bytes: [UInt8]) -> Result<SplitSource, SplitError> {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        if slice.starts(with: [0xFF, 0xFE]) || slice.starts(with: [0xFE, 0xFF]) {
            return .failure(.invalidEncoding(line: 1, detail: "the file is UTF-16; save it as UTF-8"))
        }
        if let bad = firstInvalidUTF8(slice) {
            let line = 1 + slice[slice.startIndex..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(.invalidEncoding(line: line, detail: "the file is not valid UTF-8 (byte 0x\(String(slice[bad], radix: 16, uppercase: true)) on line \(line)); save it as UTF-8"))
        }
        if let nul = slice.firstIndex(of: 0) {
            let line = 1 + slice[slice.startIndex..<nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(.invalidEncoding(line: line, detail: "the file contains a NUL byte on line \(line); it looks like a binary file, not Markdown"))
        }
        var text = String(decoding: slice, as: UTF8.self)
        if text.containsByte(0x0D) {
            text = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        }
        guard let split = splitText(text) else { return .failure(.unclosedFrontMatter) }
        return .success(split)
    }

    /// Nil when a front matter is opened and never closed.
    static func splitText(_ text: String) -> SplitSource? {
        let utf8 = text.utf8
        // The first line must be exactly `---` (trailing spaces tolerated).
        guard let firstEnd = utf8.firstIndex(of: 0x0A) ?? (utf8.isEmpty ? nil : utf8.endIndex),
              isFence(utf8[utf8.startIndex..<firstEnd]) else {
            return SplitSource(frontMatter: nil, frontMatterFirstLine: 1, body: text, bodyLineOffset: 0)
        }
        var lineStart = firstEnd == utf8.endIndex ? firstEnd : utf8.index(after: firstEnd)
        let yamlStart = lineStart
        var lineNumber = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            if isFence(utf8[lineStart..<lineEnd]) {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
                return SplitSource(frontMatter: yaml, frontMatterFirstLine: 2,
                                   body: String(text[bodyStart...]), bodyLineOffset: lineNumber)
            }
            lineNumber += 1
            lineStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
        }
        return nil
    }

    private static func isFence(_ line: Substring.UTF8View) -> Bool {
        var it = line.makeIterator()
        for _ in 0..<3 { guard it.next() == UInt8(ascii: "-") else { return false } }
        while let b = it.next() { guard b == 0x20 || b == 0x09 else { return false } }
        return true
    }

    /// Index of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            for k in 1...need {
                guard i + k < end else { return i }
                let c = bytes[i + k]
                if k == 1 { guard c >= lo && c <= hi else { return i } } else { guard c >= 0x80 && c <= 0xBF else { return i } }
            }
            i += need + 1
        }
        return nil
    }
}
