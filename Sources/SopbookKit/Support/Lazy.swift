import Foundation

/// A value made the first time it is asked for, from any thread, and only once.
final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// Made on another thread from now on, while the caller does other work; `value` waits for it (or
    /// makes it, when asked before that thread started).
    static func started(_ make: @escaping @Sendable () -> Value) -> Lazy {
        let lazy = Lazy(make)
        DispatchQueue.global().async { _ = lazy.value }
        return lazy
    }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
