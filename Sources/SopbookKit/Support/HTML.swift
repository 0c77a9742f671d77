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
        var text = s
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var copied = 0
        for (i, b) in bytes.enumerated() {
            let entity: StaticString
            switch b {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            copied = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
    }
}
