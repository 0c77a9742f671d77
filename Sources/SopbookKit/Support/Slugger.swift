import Foundation

/// GitHub's heading anchors: lowercase, punctuation removed, spaces to hyphens, repeats numbered.
/// With `.pythonMarkdown`, those of MkDocs (Python-Markdown's `toc`): accents dropped, runs of spaces and
/// hyphens made one hyphen, repeats numbered `_1`.
public struct Slugger: Sendable {
    public enum Style: String, Sendable, Hashable, CaseIterable {
        case github
        case pythonMarkdown = "python-markdown"
        /// Eleventy's `slugify` filter (@sindresorhus/slugify), as markdown-it-anchor is usually set up there.
        case slugify
    }

    private var seen: [String: Int] = [:]
    private let style: Style
    private var used: Set<String> = []

    public init(style: Style = .github) {
        self.style = style
    }

    public static func base(_ text: String) -> String {
        // ASCII (nearly every heading): the same rules on bytes, lowercased as they are read, without a
        // Unicode property lookup per character (they were a tenth of reading a document's outline).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return baseByProperties(text.lowercased()) }
        return String(unsafeUninitializedCapacity: text.utf8.count) { out in
            var count = 0
            for b in text.utf8 {
                let lower = b.asciiLowercased
                if lower == 0x20 { out[count] = 0x2D; count += 1 }
                else if lower == 0x2D || lower == 0x5F || (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    out[count] = lower
                    count += 1
                }
            }
            return count
        }
    }

    /// `base` of lowercased text, by each scalar's Unicode properties.
    static func baseByProperties(_ lower: String) -> String {
        var out = ""
        for scalar in lower.unicodeScalars {
            let p = scalar.properties
            if scalar == " " { out.append("-") }
            else if scalar == "-" || scalar == "_" { out.unicodeScalars.append(scalar) }
            else if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                        || p.generalCategory == .spacingMark || p.generalCategory == .connectorPunctuation {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Python-Markdown's `slugify`: NFKD, non-ASCII dropped, `[^\w\s-]` removed, trimmed, lowercased, runs
    /// of whitespace and hyphens made one hyphen.
    public static func pythonMarkdownBase(_ text: String) -> String {
        let ascii = text.decomposedStringWithCompatibilityMapping.unicodeScalars.filter(\.isASCII)
        var kept = String.UnicodeScalarView()
        for scalar in ascii {
            let v = scalar.value
            let word = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
            if word || v == 0x2D || v == 0x20 || (v >= 0x09 && v <= 0x0D) { kept.append(scalar) }
        }
        var out = ""
        var pendingHyphen = false
        for ch in String(kept).trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            if ch == "-" || ch.isWhitespace { pendingHyphen = true; continue }
            if pendingHyphen, !out.isEmpty { out.append("-") }
            pendingHyphen = false
            out.append(ch)
        }
        return out
    }

    /// @sindresorhus/slugify with Eleventy's options: `&` read as "and", accents dropped, `'` removed, every
    /// other run of non-alphanumerics one hyphen, lowercased, trimmed of hyphens.
    public static func slugifyBase(_ text: String) -> String {
        let replaced = text.replacingAll("&", with: " and ").replacingAll("'", with: "")
        var out = ""
        var pendingHyphen = false
        for scalar in replaced.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars where scalar.isASCII {
            let v = scalar.value
            if (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if !(scalar.properties.generalCategory == .nonspacingMark) {
                pendingHyphen = true
            }
        }
        return out
    }

    public mutating func slug(_ text: String) -> String {
        if style == .pythonMarkdown { return pythonMarkdownSlug(text) }
        if style == .slugify { return numbered(Slugger.slugifyBase(text)) }
        return numbered(Slugger.base(text))
    }

    /// `x`, then `x-1`, `x-2`, as GitHub numbers repeated anchors. `slug` of a text is this of its `base`.
    mutating func numbered(_ base: String) -> String {
        if let n = seen[base] {
            var k = n
            var candidate = "\(base)-\(k)"
            while seen[candidate] != nil { k += 1; candidate = "\(base)-\(k)" }
            seen[base] = k + 1
            seen[candidate] = 1
            return candidate
        }
        seen[base] = 1
        return base
    }

    /// Python-Markdown's `unique`: `x`, then `x_1`, `x_2`; an empty slug becomes `_1`.
    private mutating func pythonMarkdownSlug(_ text: String) -> String {
        var id = Slugger.pythonMarkdownBase(text)
        while id.isEmpty || used.contains(id) {
            if let underscore = id.lastIndex(of: "_"), let n = Int(id[id.index(after: underscore)...]) {
                id = "\(id[..<underscore])_\(n + 1)"
            } else {
                id += "_1"
            }
        }
        used.insert(id)
        return id
    }
}
