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

    /// Levenshtein distance, or nil once it is certain to exceed `bound`. Only the diagonal band of
    /// width `2 × bound + 1` is computed (a cell farther from the diagonal exceeds the bound anyway):
    /// broken links of a 10,000-SOP base are each compared with thousands of paths, and the whole table
    /// made these suggestions a quarter of `check`'s time.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
        let (n, m) = (a.count, b.count)
        if bound < 0 || abs(n - m) > bound { return nil }
        if n == 0 || m == 0 { return max(n, m) }
        let outside = bound + 1
        // Two rows on the stack: a heap array per comparison was most of the cost that remained.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (m + 1)) { rows -> Int? in
            guard let base = rows.baseAddress else { return nil }
            var (prev, cur) = (base, base + m + 1)
            for j in 0...m { prev[j] = j <= bound ? j : outside }
            for i in 1...n {
                let (lo, hi) = (max(1, i - bound), min(m, i + bound))
                guard lo <= hi else { return nil }
                cur[lo - 1] = lo == 1 && i <= bound ? i : outside
                var rowMin = cur[lo - 1]
                for j in lo...hi {
                    let v = min(prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1)
                    cur[j] = min(v, outside)
                    rowMin = min(rowMin, cur[j])
                }
                // The next row reads one cell further right: outside this row's band.
                if hi < m { cur[hi + 1] = outside }
                if rowMin > bound { return nil }
                swap(&prev, &cur)
            }
            return prev[m] <= bound ? prev[m] : nil
        }
    }

    /// The whole table, for the tests: what `distance` must agree with.
    static func fullDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        var cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
