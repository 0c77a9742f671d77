import Testing
@testable import SopbookKit

/// The order the write stage takes its jobs in: every job once, and the jobs taken at once far apart.
@Suite struct SiteWriteOrderTests {
    @Test func interleavingTakesEveryJobOnceAndStretchesInTurn() {
        for count in [0, 1, 2, 3, 7, 10, 101] {
            for ways in [1, 2, 3, 8] {
                let jobs = (0..<count).map { $0 * 10 }
                let order = SiteWrite.interleaved(jobs, ways: ways)
                #expect(order.sorted() == jobs, "\(count) jobs, \(ways) ways")
            }
        }
        #expect(SiteWrite.interleaved([0, 1, 2, 3, 4], ways: 2) == [0, 3, 1, 4, 2])
        #expect(SiteWrite.interleaved([5, 6, 7, 8, 9, 10], ways: 3) == [5, 7, 9, 6, 8, 10])
        #expect(SiteWrite.interleaved([4, 2], ways: 0) == [4, 2])
    }
}
