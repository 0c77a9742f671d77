import Foundation

/// A source file decoded and split into its front matter and its Markdown body. It holds the file's bytes
/// (the `SourceFile`'s own array, shared, unless a BOM or `\r` had to go) and where each part lies; the
/// parts are decoded when asked for, once per parse. Every file is held for the whole build, and holding
/// each a second time as two strings was a tenth of a build's memory.
public struct SplitSource: Sendable, Equatable {
    /// Valid UTF-8 with `\n` line ends, without a BOM.
    private let text: [UInt8]
    private let frontMatterRange: Range<Int>?
    private let bodyRange: Range<Int>
    /// 1-based line of the first YAML line (the line after the opening `---`).
    public let frontMatterFirstLine: Int
    /// Lines before the body: add this to a line number within the body to get the line in the file.
    public let bodyLineOffset: Int

    /// The YAML between the `---` lines, or nil when the file has no front matter.
    public var frontMatter: String? { frontMatterRange.map { String(decoding: text[$0], as: UTF8.self) } }
    public var body: String { String(decoding: text[bodyRange], as: UTF8.self) }
    /// The body's bytes, valid UTF-8, for the parser (which never needs them as a `String`).
    var bodyBytes: ArraySlice<UInt8> { text[bodyRange] }

    /// A split of no text: what a source keeps once its body is parsed and its bytes released.
    static let empty = SplitSource(text: [], frontMatter: nil, firstLine: 1, body: 0..<0, bodyLineOffset: 0)

    fileprivate init(text: [UInt8], frontMatter: Range<Int>?, firstLine: Int, body: Range<Int>, bodyLineOffset: Int) {
        self.text = text
        frontMatterRange = frontMatter
        frontMatterFirstLine = firstLine
        bodyRange = body
        self.bodyLineOffset = bodyLineOffset
    }
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
        if let nul = firstNUL(slice) {
            let line = 1 + slice[slice.startIndex..<nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(.invalidEncoding(line: line, detail: "the file contains a NUL byte on line \(line); it looks like a binary file, not Markdown"))
        }
        guard let split = splitText(lineEndsMadeNewlines(bytes, from: slice.startIndex)) else { return .failure(.unclosedFrontMatter) }
        return .success(split)
    }

    /// The bytes from `start` with `\r\n` and `\r` made `\n`: the same array when there is nothing to change.
    private static func lineEndsMadeNewlines(_ bytes: [UInt8], from start: Int) -> [UInt8] {
        let hasCR = bytes.withUnsafeBufferPointer { b in
            b.baseAddress.map { memchr($0 + start, 0x0D, b.count - start) != nil } ?? false
        }
        guard hasCR else { return start == 0 ? bytes : Array(bytes[start...]) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start)
        var i = start
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }

    /// Nil when a front matter is opened and never closed.
    static func splitText(_ text: [UInt8]) -> SplitSource? {
        let end = text.count
        // The first line must be exactly `---` (trailing spaces tolerated).
        let firstEnd = text.firstIndex(of: 0x0A) ?? end
        guard end > 0, isFence(text[0..<firstEnd]) else {
            return SplitSource(text: text, frontMatter: nil, firstLine: 1, body: 0..<end, bodyLineOffset: 0)
        }
        var lineStart = min(firstEnd + 1, end)
        let yamlStart = lineStart
        var lineNumber = 2
        while lineStart < end {
            let lineEnd = text[lineStart...].firstIndex(of: 0x0A) ?? end
            if isFence(text[lineStart..<lineEnd]) {
                return SplitSource(text: text, frontMatter: yamlStart..<lineStart, firstLine: 2,
                                   body: min(lineEnd + 1, end)..<end, bodyLineOffset: lineNumber)
            }
            lineNumber += 1
            lineStart = min(lineEnd + 1, end)
        }
        return nil
    }

    private static func isFence(_ line: ArraySlice<UInt8>) -> Bool {
        var it = line.makeIterator()
        for _ in 0..<3 { guard it.next() == UInt8(ascii: "-") else { return false } }
        while let b = it.next() { guard b == 0x20 || b == 0x09 else { return false } }
        return true
    }

    private static func firstNUL(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, let hit = memchr(base, 0, b.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
        }
    }

    /// Index of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }.map { bytes.startIndex + $0 }
    }

    private static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        let end = bytes.count
        while i < end {
            // Eight ASCII bytes at a time: nearly all of a handbook is ASCII.
            while i + 8 <= end, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < end else { break }
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
