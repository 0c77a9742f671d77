import Foundation

/// A POSIX `read`, `write`, `pread` or `pwrite` may move fewer bytes than asked, or be interrupted: the
/// one loop that repeats it until all are moved, for the content loader, the output writer and the body
/// store.
enum POSIXTransfer: Equatable {
    case done
    /// The call failed with this `errno` (not `EINTR`, which is retried).
    case failed(Int32)
    /// The call moved no byte after `at` bytes: the end of a file being read.
    case stopped(at: Int)

    /// Calls `transfer(done)` (it moves bytes from `done` on, and returns how many, or -1 with `errno`)
    /// until `count` bytes are moved.
    static func all(_ count: Int, _ transfer: (Int) -> Int) -> POSIXTransfer {
        var done = 0
        while done < count {
            let n = transfer(done)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .failed(errno) }
            if n == 0 { return .stopped(at: done) }
            done += n
        }
        return .done
    }
}
