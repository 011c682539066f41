// grader/Runner/RunWatchdog.swift -- the clock that ends a run too long or too quiet.
//
// The reader tells the watchdog each time output arrives; the watchdog
// sleeps until the earlier of the two deadlines (start + wall-clock,
// last output + idle), wakes, and either finds the deadline moved (new
// output came) and sleeps again, or reports which limit passed. Only the
// first limit recorded counts, so a flood and a timeout racing each
// other give one clear answer.
//
// Flood or timeout is decided by what the kernel did, not by how fast
// the host let it do it: on a loaded machine a kernel printing in a loop
// may still be short of the output limit when the wall clock runs out.
// So when the wall clock passes while the kernel is still writing (it
// wrote within the last `streamingWindow`), the run goes on, for at most
// one more wall-clock limit, while it keeps writing: a flood then
// crosses the output limit (output-flood), and a kernel that stops
// writing, or is still short of the limit at the end of the grace, is a
// timeout. A kernel that wrote nothing is stopped at the wall clock.

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

    /// How recent the last output must be for the kernel to count as
    /// still writing when the wall clock passes.
    var streamingWindow: Duration { min(limits.idle, .seconds(1)) }

    /// Sleeps until a time limit passes and returns it; throws
    /// `CancellationError` when the run ends first.
    ///
    /// Steps: 1. the idle limit; 2. before the wall clock, sleep to the
    /// nearer deadline; 3. past it, while the kernel keeps writing and the
    /// grace (one more wall-clock limit) lasts, wait for its output to
    /// reach the output limit; 4. otherwise the wall clock.
    func waitForTimeLimit() async throws -> LimitHit {
        let wallDeadline = start + limits.wallClock
        let graceEnd = wallDeadline + limits.wallClock
        while true {
            let lastOutput = state.withLock { $0.lastOutput }
            let idleDeadline = lastOutput + limits.idle
            let now = ContinuousClock.now
            // 1.
            if now >= idleDeadline { return .idle }
            // 2.
            if now < wallDeadline {
                try await Task.sleep(until: min(wallDeadline, idleDeadline), clock: .continuous)
                continue
            }
            // 3.
            let writing = lastOutput > start && now - lastOutput < streamingWindow
            if writing && now < graceEnd {
                try await Task.sleep(until: min(lastOutput + streamingWindow, graceEnd), clock: .continuous)
                continue
            }
            // 4.
            return .wallClock
        }
    }
}
