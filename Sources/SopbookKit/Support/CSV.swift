/// The CSV files of the site (`register.csv`, the training matrix's CSV): one field as RFC 4180 writes it.
enum CSV {
    /// Quoted when it holds a comma, a quote or a line break, its quotes doubled. A field a spreadsheet
    /// would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`: a title such as
    /// `=HYPERLINK(…)` in an SOP must not become a live formula in the auditor's spreadsheet.
    static func field(_ value: String) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `field`, appended to `out`. On the bytes (every cell of the register, at every title edit in
    /// `serve`): `\r\n` is one `Character`, equal to neither `\r` nor `\n`, and a formula sign under a
    /// combining mark is still a formula sign.
    static func append(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            let formula = bytes.first.map { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "@") } ?? false
            let quoted = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if quoted { out.append(UInt8(ascii: "\"")) }
            if formula { out.append(UInt8(ascii: "'")) }
            if quoted {
                for b in bytes {
                    if b == UInt8(ascii: "\"") { out.append(b) }
                    out.append(b)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }
}
