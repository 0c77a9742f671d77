import Foundation

/// GitHub's heading anchors: lowercase, punctuation removed, spaces to hyphens, repeats numbered.
public struct Slugger: Sendable {
    private var seen: [String: Int] = [:]

    public init() {}

    public static func base(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
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

    public mutating func slug(_ text: String) -> String {
        let base = Slugger.base(text)
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
}
