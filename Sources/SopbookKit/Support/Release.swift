import Foundation

/// Frees a large value on a background thread. A build's page models are tens of thousands of objects:
/// freeing them at the end of a build took tens of milliseconds of its time on one thread, and nothing
/// waits for it (`sopbook build` exits; `serve` waits for the next save). `sopbook check` hands its
/// checked knowledge base here too: freeing it on the main thread was 3% of its time, before the exit.
public enum Release {
    public static func inBackground<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.drop() }
    }

    /// Holds the value until `drop`, so that its last reference goes on the queue's thread.
    private final class Box<Held: Sendable>: @unchecked Sendable {
        private var held: Held?
        init(_ held: consuming Held) { self.held = held }
        func drop() { held = nil }
    }
}
