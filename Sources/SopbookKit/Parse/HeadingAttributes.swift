import CCmarkGFM
import Foundation

/// Anchors that other generators let a writer name: kramdown's, Hugo's and attr_list's `{#id}` after a
/// heading, and raw HTML's `id="…"` / `<a name="…">`.
enum HeadingAttributes {
    /// The id of a trailing attribute block (`{#id}`, `{: #id .class}`, `{ #id }`), removed from `text` and
    /// from the heading's last text node, so neither the page nor the slug shows it. Nil when there is none.
    static func take(from heading: OpaquePointer, text: inout String) -> String? {
        guard let (id, kept) = split(text) else { return nil }
        text = kept
        // The block is the end of the heading's last text node (cmark consolidated adjacent text).
        if let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
           let literal = cmark_node_get_literal(last) {
            let full = String(cString: literal)
            if let open = full.range(of: "{", options: .backwards) {
                cmark_node_set_literal(last, String(full[..<open.lowerBound]).trimmingTrailingSpace)
            }
        }
        return id
    }

    /// `Title {#id .x}` → (`id`, `Title`); nil when the text does not end with a block holding `#id`.
    static func split(_ text: String) -> (id: String, text: String)? {
        guard text.hasSuffix("}"), let open = text.range(of: "{", options: .backwards) else { return nil }
        var inner = text[open.upperBound..<text.index(before: text.endIndex)]
        if inner.hasPrefix(":") { inner = inner.dropFirst() }
        let tokens = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !tokens.isEmpty, tokens.allSatisfy({ $0.hasPrefix("#") || $0.hasPrefix(".") || $0.contains("=") }),
              let idToken = tokens.first(where: { $0.hasPrefix("#") && $0.count > 1 }) else { return nil }
        return (String(idToken.dropFirst()), String(text[..<open.lowerBound]).trimmingTrailingSpace)
    }

    /// The `id` and `name` attribute values in a run of raw HTML, in order.
    static func htmlAnchors(_ html: String) -> [String] {
        var out: [String] = []
        let bytes = Array(html.utf8)
        var i = 0
        func matches(_ word: String, at k: Int) -> Bool {
            let w = Array(word.utf8)
            guard k + w.count <= bytes.count, k > 0, bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09 || bytes[k - 1] == 0x0A else { return false }
            return (0..<w.count).allSatisfy { bytes[k + $0].asciiLowercased == w[$0] }
        }
        while i < bytes.count {
            let length = matches("id", at: i) ? 2 : matches("name", at: i) ? 4 : 0
            guard length > 0 else { i += 1; continue }
            var k = i + length
            while k < bytes.count, bytes[k] == 0x20 { k += 1 }
            guard k < bytes.count, bytes[k] == UInt8(ascii: "=") else { i += 1; continue }
            k += 1
            while k < bytes.count, bytes[k] == 0x20 { k += 1 }
            guard k < bytes.count else { break }
            let quote = bytes[k]
            var end = k + 1
            if quote == 0x22 || quote == 0x27 {
                while end < bytes.count, bytes[end] != quote { end += 1 }
                let value = String(decoding: bytes[(k + 1)..<min(end, bytes.count)], as: UTF8.self)
                if !value.isEmpty, end < bytes.count { out.append(value) }
            }
            i = end + 1
        }
        return out
    }
}

private extension String {
    var trimmingTrailingSpace: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
