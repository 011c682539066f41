// Tests/Support/OffThePool.swift -- running a long blocking piece of a
// test on a thread of its own.
//
// Swift Testing runs tests on the concurrency pool, which has one thread
// per core: two on the machines CI uses. A test that blocks a pool thread
// for minutes (a build, a verify, a check of the whole book in a debug
// build) stalls every other test meanwhile, and once two of them held
// both threads for two minutes: watchdogs woke late and boots waited
// for a thread to read their banner.

import Foundation

/// What `body` returns (or throws), computed on a new thread while the
/// caller awaits without holding a thread of the pool.
public func offThePool<Value: Sendable>(
    _ body: @escaping @Sendable () throws -> Value
) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
