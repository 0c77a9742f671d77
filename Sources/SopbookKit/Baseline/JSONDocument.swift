/// A JSON document read with the line and column of every value and key, so that a hand-edited baseline
/// can be refused with the place it went wrong. Written here rather than read through Yams: a YAML parser
/// accepts much that is not JSON (comments, unquoted strings, block style), so a broken file could pass
/// as a different one; and Foundation's parser reports no line.
struct JSONDocument {
    /// Where a value or key starts: 1-based line, and column in characters.
    struct Mark: Hashable, Sendable {
        var line: Int
        var column: Int
    }

    indirect enum Value: Sendable {
        /// Members in the order written; duplicate keys are refused while reading.
        case object([Member])
        case array([Node])
        case string(String)
        /// The number as written (`1`, `-2.5e3`): what matters is whether it is a positive integer.
        case number(String)
        case bool(Bool)
        case null
    }

    struct Member: Sendable {
        var key: String
        var keyMark: Mark
        var value: Node
    }

    struct Node: Sendable {
        var value: Value
        var mark: Mark

        /// What kind of value this is, as an error message names it.
        var kind: String {
            switch value {
            case .object: "an object"
            case .array: "a list"
            case .string: "a string"
            case .number(let n): "the number \(n)"
            case .bool(let b): b ? "true" : "false"
            case .null: "null"
            }
        }
    }

    struct SyntaxError: Error, Sendable {
        var mark: Mark
        var message: String
    }

    /// A baseline is a flat list; deeper nesting than this is no baseline, and would only cost stack.
    static let maximumDepth = 32

    /// The one value of `text`, which must hold nothing else but whitespace.
    static func parse(_ text: String) throws(SyntaxError) -> Node {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let root = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.atEnd else { throw reader.error("unexpected text after the end of the JSON value") }
        return root
    }

    /// A cursor over the bytes that counts lines and columns as it goes.
    struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var column = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var mark: Mark { Mark(line: line, column: column) }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ message: String) -> SyntaxError { SyntaxError(mark: mark, message: message) }

        mutating func advance() {
            guard let byte = current else { return }
            index += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // A UTF-8 continuation byte belongs to the character already counted.
                column += 1
            }
        }

        mutating func skipWhitespace() {
            while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { advance() }
        }

        /// What the reader is looking at, for an error message.
        var found: String {
            guard let b = current else { return "the end of the file" }
            let scalar = b < 0x80 ? String(UnicodeScalar(b)) : "a non-ASCII character"
            return b < 0x20 ? "a control character" : "`\(scalar)`"
        }

        mutating func value(depth: Int) throws(SyntaxError) -> Node {
            let start = mark
            guard depth < JSONDocument.maximumDepth else { throw error("nested too deeply") }
            switch current {
            case UInt8(ascii: "{"): return Node(value: .object(try object(depth: depth)), mark: start)
            case UInt8(ascii: "["): return Node(value: .array(try array(depth: depth)), mark: start)
            case UInt8(ascii: "\""): return Node(value: .string(try string()), mark: start)
            case UInt8(ascii: "t"): try literal("true"); return Node(value: .bool(true), mark: start)
            case UInt8(ascii: "f"): try literal("false"); return Node(value: .bool(false), mark: start)
            case UInt8(ascii: "n"): try literal("null"); return Node(value: .null, mark: start)
            case let b? where b == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b):
                return Node(value: .number(try number()), mark: start)
            default:
                throw error("expected a JSON value, found \(found)")
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            for expected in word.utf8 {
                guard current == expected else { throw error("expected `\(word)`, found \(found)") }
                advance()
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> [Member] {
            advance()
            var members: [Member] = []
            var seen: [String: Mark] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") { advance(); return members }
            while true {
                skipWhitespace()
                let keyMark = mark
                guard current == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(found)") }
                let key = try string()
                if let first = seen[key] {
                    throw SyntaxError(mark: keyMark, message: "the key `\(key.oneLine)` is given twice (first on line \(first.line))")
                }
                seen[key] = keyMark
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected `:` after the key `\(key.oneLine)`, found \(found)") }
                advance()
                skipWhitespace()
                members.append(Member(key: key, keyMark: keyMark, value: try value(depth: depth + 1)))
                skipWhitespace()
                if current == UInt8(ascii: ",") { advance(); continue }
                guard current == UInt8(ascii: "}") else { throw error("expected `,` or `}` in an object, found \(found)") }
                advance()
                return members
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> [Node] {
            advance()
            var items: [Node] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { advance(); return items }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                if current == UInt8(ascii: ",") { advance(); continue }
                guard current == UInt8(ascii: "]") else { throw error("expected `,` or `]` in a list, found \(found)") }
                advance()
                return items
            }
        }

        mutating func number() throws(SyntaxError) -> String {
            let start = index
            func digits(_ reader: inout Reader) -> Int {
                var n = 0
                while let b = reader.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { reader.advance(); n += 1 }
                return n
            }
            if current == UInt8(ascii: "-") { advance() }
            if current == UInt8(ascii: "0") { advance() } else if digits(&self) == 0 { throw error("expected a digit, found \(found)") }
            if current == UInt8(ascii: ".") {
                advance()
                guard digits(&self) > 0 else { throw error("expected a digit after `.`, found \(found)") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                advance()
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
                guard digits(&self) > 0 else { throw error("expected a digit in the exponent, found \(found)") }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func string() throws(SyntaxError) -> String {
            advance()
            var out: [UInt8] = []
            while true {
                guard let b = current else { throw error("a string is not closed by `\"`") }
                switch b {
                case UInt8(ascii: "\""):
                    advance()
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    advance()
                    try escape(into: &out)
                case 0x00..<0x20:
                    throw error("a string holds a control character (a line break must be written `\\n`)")
                default:
                    out.append(b)
                    advance()
                }
            }
        }

        mutating func escape(into out: inout [UInt8]) throws(SyntaxError) {
            let simple: [UInt8: UInt8] = [UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
                                          UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
                                          UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09]
            guard let b = current else { throw error("a string is not closed by `\"`") }
            if let byte = simple[b] {
                out.append(byte)
                advance()
                return
            }
            guard b == UInt8(ascii: "u") else {
                let shown = (0x21..<0x7F).contains(b) ? String(UnicodeScalar(b)) : "…"
                throw error("`\\\(shown)` is not a JSON escape")
            }
            advance()
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A UTF-16 surrogate pair, as JSON writes a character outside the first plane.
                guard current == UInt8(ascii: "\\") else { throw error("a lone UTF-16 surrogate in a string") }
                advance()
                guard current == UInt8(ascii: "u") else { throw error("a lone UTF-16 surrogate in a string") }
                advance()
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("a lone UTF-16 surrogate in a string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else { throw error("a lone UTF-16 surrogate in a string") }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let b = current, let digit = Self.hexValue(b) else { throw error("`\\u` must be followed by four hex digits") }
                value = value << 4 | digit
                advance()
            }
            return value
        }

        static func hexValue(_ b: UInt8) -> UInt32? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
