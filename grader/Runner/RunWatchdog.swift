// grader/Runner/RunWatchdog.swift -- the clock that ends a run too long or too quiet.
//
// The reader tells the watchdog each time output arrives; the watchdog
// sleeps until the earlier of the two deadlines (start + wall-clock,
// last output + idle), wakes, and either finds the deadline moved (new
// output came) and sleeps again, or reports which limit passed. Only the
// first limit recorded counts, so a flood and a timeout racing each
// other give one clear answer.

import Synchronization

/// Shared between the serial reader and the watchdog task of one run.
final class RunWatchdog: Sendable {
    private struct State {
        var lastOutput: ContinuousClock.Instant
        var fired: LimitHit?
    }

    private let start: ContinuousClock.Instant
    private let limits: RunLimits
    private let state: Mutex<State>

    /// A watchdog for a run that starts now.
    init(limits: RunLimits) {
        let now = ContinuousClock.now
        start = now
        self.limits = limits
        state = Mutex(State(lastOutput: now))
    }

    /// The kernel just wrote something: the idle deadline moves.
    func noteOutput() {
        state.withLock { $0.lastOutput = .now }
    }

    /// Records `limit` if no limit fired before; true when it was recorded.
    func fire(_ limit: LimitHit) -> Bool {
        state.withLock { state in
            guard state.fired == nil else { return false }
            state.fired = limit
            return true
        }
    }

    /// The limit that fired first, if any.
    var fired: LimitHit? {
        state.withLock { $0.fired }
    }

    /// Sleeps until a time limit passes and returns it; throws
    /// `CancellationError` when the run ends first.
    func waitForTimeLimit() async throws -> LimitHit {
        while true {
            let wallDeadline = start + limits.wallClock
            let idleDeadline = state.withLock { $0.lastOutput } + limits.idle
            let now = ContinuousClock.now
            if now >= wallDeadline { return .wallClock }
            if now >= idleDeadline { return .idle }
            try await Task.sleep(until: min(wallDeadline, idleDeadline), clock: .continuous)
        }
    }
}
