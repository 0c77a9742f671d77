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
}
