/// The steps added, removed and reworded between two lists of step texts: a longest common subsequence
/// keeps the steps that did not change; between two kept steps, removed and added steps pair up in order
/// as rewordings (a step edited in place), and the rest are added or removed.
enum StepDiff {
    struct Result: Equatable {
        var added: [String] = []
        var removed: [String] = []
        var reworded: [ProcessChange.Reworded] = []
    }

    /// Above this many steps on a side the table would be large; such lists are compared as sets.
    static let limit = 2_000

    static func compare(_ old: [String], _ new: [String]) -> Result {
        guard old != new else { return Result() }
        guard old.count <= limit, new.count <= limit else {
            return Result(added: new.filter { !old.contains($0) }, removed: old.filter { !new.contains($0) })
        }
        // lengths[i][j]: the longest common subsequence of old[i...] and new[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result = Result()
        var removed: [String] = [], added: [String] = []
        func flush() {
            let paired = min(removed.count, added.count)
            result.reworded += (0..<paired).map { ProcessChange.Reworded(from: removed[$0], to: added[$0]) }
            result.removed += removed.dropFirst(paired)
            result.added += added.dropFirst(paired)
            removed = []
            added = []
        }
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                flush()
                i += 1
                j += 1
            } else if j < new.count, i == old.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                added.append(new[j])
                j += 1
            } else {
                removed.append(old[i])
                i += 1
            }
        }
        flush()
        return result
    }
}
