/// The CSV files of the site (`register.csv`, the training matrix's CSV): one field as RFC 4180 writes it.
enum CSV {
    /// Quoted when it holds a comma, a quote or a line break, its quotes doubled. A field a spreadsheet
    /// would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`: a title such as
    /// `=HYPERLINK(…)` in an SOP must not become a live formula in the auditor's spreadsheet.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}
