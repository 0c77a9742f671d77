import Foundation

/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `word` within a small edit distance, or nil.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        Index(candidates).closest(to: word)
    }

    /// Candidates prepared once and bucketed by length, so that asking for a suggestion for every broken
    /// link of a large knowledge base stays cheap: only candidates of a compatible length are compared,
    /// and each comparison stops as soon as it exceeds the bound.
    public struct Index: Sendable {
        private var byLength: [Int: [(String, [Unicode.Scalar])]] = [:]

        public init(_ candidates: [String]) {
            for c in candidates {
                let scalars = Array(c.lowercased().unicodeScalars)
                byLength[scalars.count, default: []].append((c, scalars))
            }
        }

        public func closest(to word: String) -> String? {
            let lowered = Array(word.lowercased().unicodeScalars)
            guard lowered.count <= 200 else { return nil }
            var best: (String, Int)?
            for length in max(0, lowered.count - 3)...(lowered.count + 3) {
                for (c, scalars) in byLength[length] ?? [] {
                    let bound = max(1, min(3, scalars.count / 3))
                    guard abs(scalars.count - lowered.count) <= bound else { continue }
                    let limit = min(bound, (best?.1 ?? Int.max) - 1)
                    if let d = Suggest.distance(lowered, scalars, bound: limit), d < (best?.1 ?? Int.max)
                        || (d == best?.1 && c < (best?.0 ?? c)) {
                        best = (c, d)
                    }
                }
            }
            return best?.0
        }
    }

    /// Levenshtein distance, or nil once it is certain to exceed `bound`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
        if bound < 0 { return nil }
        if a.isEmpty { return b.count <= bound ? b.count : nil }
        if b.isEmpty { return a.count <= bound ? a.count : nil }
        var prev = Array(0...b.count)
        var cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > bound { return nil }
            swap(&prev, &cur)
        }
        return prev[b.count] <= bound ? prev[b.count] : nil
    }
}
