// Tests/RunnerTests/ManualClock.swift -- a clock that moves only when a
// test moves it.
//
// A test of the watchdog on the real clock checks what happened by when
// the host let each task run; under `swift test` on two cores a task has
// waited minutes for a thread. On this clock a sleeper wakes when the
// test advances time past its deadline, and not before, so the test
// reads the watchdog's decisions, not the host's load.

import Synchronization

/// A clock whose time the test advances by hand.
final class ManualClock: Clock, Sendable {
    /// A point on the manual clock: the time since the clock was made.
    struct Instant: InstantProtocol {
        /// How far after the clock's start.
        var offset: Duration

        func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        static func < (left: Instant, right: Instant) -> Bool {
            left.offset < right.offset
        }
    }

    /// One task asleep until `deadline`.
    private struct Sleeper {
        let number: Int
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Sleeper] = []
        var nextNumber = 0
        /// Sleepers cancelled before they were listed.
        var cancelled: Set<Int> = []
    }

    private let state = Mutex(State())

    /// The time the test has advanced the clock to.
    var now: Instant { state.withLock { $0.now } }

    /// Any duration can be slept.
    var minimumResolution: Duration { .zero }

    /// How many tasks sleep on this clock now.
    var sleeping: Int { state.withLock { $0.sleepers.count } }

    /// Sleeps until the test advances the clock to `deadline` (at once if
    /// it is past); throws `CancellationError` if the task is cancelled.
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let number = state.withLock { state in
            state.nextNumber += 1
            return state.nextNumber
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Cancelled already, due already, or listed until then.
                let wake: (any Error)?? = state.withLock { state in
                    if state.cancelled.remove(number) != nil { return .some(CancellationError()) }
                    if deadline <= state.now { return .some(nil) }
                    state.sleepers.append(Sleeper(number: number, deadline: deadline, continuation: continuation))
                    return nil
                }
                switch wake {
                case .some(.some(let error)): continuation.resume(throwing: error)
                case .some(.none): continuation.resume()
                case .none: break
                }
            }
        } onCancel: {
            let found: Sleeper? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.number == number }) else {
                    state.cancelled.insert(number)
                    return nil
                }
                return state.sleepers.remove(at: index)
            }
            found?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock `duration` on and wakes every sleeper whose
    /// deadline it passed.
    func advance(by duration: Duration) {
        let due = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
