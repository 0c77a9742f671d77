/// The CSV files of the site (`register.csv`, the training matrix's CSV): one field as RFC 4180 writes it.
enum CSV {
    /// Quoted when it holds a comma, a quote or a line break, its quotes doubled. A field a spreadsheet
    /// would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`: a title such as
    /// `=HYPERLINK(…)` in an SOP must not become a live formula in the auditor's spreadsheet.
    /// On the bytes (every cell of the register, at every save): `\r\n` is one `Character`, equal to
    /// neither `\r` nor `\n`, and a formula sign under a combining mark is still a formula sign.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") {
            text = "'" + text
        }
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}
