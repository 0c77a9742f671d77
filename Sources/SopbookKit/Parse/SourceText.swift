import Foundation
import Yams

/// The lines of a text as UTF-8 bytes, to check that what a parser reports at a position is written
/// there as we expect, before a fix is allowed to replace it.
struct SourceLines {
    private let bytes: [UInt8]
    /// Byte offset where each line starts; line 1 is `starts[0]`.
    private let starts: [Int]

    init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        // Line ends found with `memchr`: a document with a link is split here, and a byte at a time was a
        // fifth of reading its links.
        bytes.withUnsafeBufferPointer { buffer in
            var from = 0
            while let end = buffer.firstIndex(ofByte: 0x0A, from: from) {
                starts.append(end + 1)
                from = end + 1
            }
        }
        self.starts = starts
    }

    /// The bytes of 1-based line `n`, without its line end (`\n` or `\r\n`).
    func line(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 1, n <= starts.count else { return nil }
        var end = n < starts.count ? starts[n] - 1 : bytes.count
        if end > starts[n - 1], bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[starts[n - 1]..<end]
    }

    /// Whether `expected` is written on line `n` from the 1-based byte column `column` on.
    func has(_ expected: some Collection<UInt8>, line n: Int, byteColumn column: Int) -> Bool {
        guard let line = line(n), column >= 1 else { return false }
        let from = line.startIndex + column - 1
        guard from + expected.count <= line.endIndex else { return false }
        return line[from..<(from + expected.count)].elementsEqual(expected)
    }
}

/// Where YAML scalars end. libyaml reports only where a node starts (in Unicode scalars), so the end is
/// found by checking that the scalar is written there on one line, plain or quoted without escapes;
/// anything else (folded over lines, escaped) gets no end rather than a wrong one.
struct YAMLSpans {
    /// The YAML's UTF-8 bytes, and where each of its lines starts (line 1 at `lineStarts[0]`). Bytes and
    /// offsets: the `String` split into `String.Index`es and compared through its views was 2.7% of a
    /// build's instructions at 10,000 SOPs (callgrind), in this `init` and `end(of:)`.
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    private let lineOffset: Int

    /// `lineOffset` is the number of file lines before the YAML text, as for the parser's marks.
    init(_ yaml: String, lineOffset: Int) {
        bytes = Array(yaml.utf8)
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            var from = 0
            while let newline = buffer.firstIndex(ofByte: 0x0A, from: from) {
                from = newline + 1
                starts.append(from)
            }
        }
        lineStarts = starts
        self.lineOffset = lineOffset
    }

    /// The bytes of 1-based line `n`, without its `\n`.
    private func line(_ n: Int) -> ArraySlice<UInt8> {
        bytes[lineStarts[n - 1]..<(n < lineStarts.count ? lineStarts[n] - 1 : bytes.count)]
    }

    /// Just past the last character of the scalar `node` as written, in the file's lines.
    func end(of node: YAMLNode) -> SourceLocation? {
        guard case .scalar(let scalar) = node, let mark = node.mark, mark.line >= 1, mark.line <= lineStarts.count else { return nil }
        let text = scalar.string
        let written: String
        switch scalar.style {
        case .plain, .any: written = text
        case .singleQuoted: written = "'" + text.replacingAll("'", with: "''") + "'"
        case .doubleQuoted:
            guard !text.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 }) else { return nil }
            written = "\"" + text + "\""
        default: return nil
        }
        guard mark.column >= 1 else { return nil }
        // An ASCII line (nearly every front matter line) is compared on its bytes: a column is a byte there.
        let lineBytes = line(mark.line)
        if lineBytes.allSatisfy({ $0 < 0x80 }) {
            guard mark.column - 1 <= lineBytes.count, lineBytes.dropFirst(mark.column - 1).starts(with: written.utf8) else { return nil }
            return SourceLocation(line: mark.line + lineOffset, column: mark.column + written.utf8.count)
        }
        // Elsewhere a column counts Unicode scalars, as libyaml's marks do.
        let line = String(decoding: lineBytes, as: UTF8.self).unicodeScalars
        guard let from = line.index(line.startIndex, offsetBy: mark.column - 1, limitedBy: line.endIndex),
              line[from...].starts(with: written.unicodeScalars) else { return nil }
        return SourceLocation(line: mark.line + lineOffset, column: mark.column + written.unicodeScalars.count)
    }
}

extension YAMLSpans {
    /// A fix that writes `suggestion` in place of the scalar `node`, when both are known.
    func fix(replacing node: YAMLNode, with suggestion: String?, in file: String) -> Finding.Fix? {
        guard let suggestion, let mark = node.mark, let end = end(of: node) else { return nil }
        let start = SourceLocation(line: mark.line + lineOffset, column: mark.column)
        let old = YAMLValue.string(node) ?? ""
        return Finding.Fix(description: "Replace `\(old)` with `\(suggestion)`",
                           replacements: [Finding.Replacement(file: file, start: start, end: end, text: YAMLSpans.scalar(suggestion))])
    }

    /// `text` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
    static func scalar(_ text: String) -> String {
        let plain = (text.first.map { $0.isLetter || $0.isNumber } ?? false) && text.last != " "
            && text.allSatisfy { $0.isLetter || $0.isNumber || " -_./".contains($0) }
        return plain ? text : JSONReport.string(text)
    }
}
