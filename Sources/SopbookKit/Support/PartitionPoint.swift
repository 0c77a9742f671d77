/// Binary search on a sorted collection.
extension RandomAccessCollection {
    /// The first index whose element is not `before`, when `before` holds for a prefix of the collection
    /// and for nothing after it.
    func partitionPoint(_ before: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if before(self[mid]) {
                low = index(after: mid)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
