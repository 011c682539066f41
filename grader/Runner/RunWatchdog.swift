// grader/Runner/RunWatchdog.swift -- the clock that ends a run too long or too quiet.
//
// The reader tells the watchdog each time output arrives; the watchdog
// sleeps until the earlier of the two deadlines (first output +
// wall-clock, last output + idle), wakes, and either finds the deadline moved (new
// output came) and sleeps again, or reports which limit passed. Only the
// first limit recorded counts, so a flood and a timeout racing each
// other give one clear answer.
//
// Flood or timeout is decided by what the kernel did, not by how fast
// the host let it do it: on a loaded machine a kernel printing in a loop
// may still be short of the output limit when the wall clock runs out
// (a qemu sharing two cores with two busy processes writes about 100 KiB
// a second). So when the wall clock passes while the kernel is writing
// at a flood's pace (in the last `window`, at least 1 % of the output
// limit per second), the run goes on while that pace lasts, for at most
// `floodGrace`: a flood then crosses the output limit (output-flood).
// A kernel that went quiet, or prints a line now and then, is stopped
// at the wall clock (timeout), as is one still short of the limit at
// the end of the grace.
//
// The clocks start at the kernel's first byte, not at qemu's start: on a
// loaded host qemu may take seconds to boot, and the kernel prints the
// spine's banner before any student code runs. Until that byte only
// `RunLimits.boot` applies (a generous allowance, an infrastructure
// result when it passes).
//
// The clock is a parameter: qemu runs use the continuous clock, and the
// tests a clock they move by hand, so that what they check does not
// depend on when a loaded host lets their tasks run.

import Synchronization

/// Shared between the serial reader and the watchdog task of one run.
final class RunWatchdog<Timer: Clock>: Sendable where Timer.Duration == Duration {
    private struct State {
        var lastOutput: Timer.Instant
        var firstOutput: Timer.Instant?
        var bytes = 0
        var fired: LimitHit?
    }

    private let clock: Timer
    private let start: Timer.Instant
    private let limits: RunLimits
    private let state: Mutex<State>

    /// A watchdog for a run that starts now, timed by `clock`.
    init(limits: RunLimits, clock: Timer) {
        let now = clock.now
        self.clock = clock
        start = now
        self.limits = limits
        state = Mutex(State(lastOutput: now))
    }

    /// The kernel just wrote `count` bytes: the idle deadline moves.
    func noteOutput(_ count: Int = 1) {
        state.withLock {
            let now = clock.now
            $0.lastOutput = now
            if $0.firstOutput == nil { $0.firstOutput = now }
            $0.bytes += count
        }
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

    /// How long the pace of the output is measured over, past the wall clock.
    var window: Duration { min(limits.idle, .seconds(1)) }
    /// The longest a flooding kernel is let run past the wall clock.
    var floodGrace: Duration { max(limits.wallClock, .seconds(30)) }
    /// Bytes per `window` that count as a flood's pace: 1 % of the
    /// output limit per second.
    var floodPace: Int { max(1, Int(Double(limits.outputBytes) / 100 * window.seconds)) }

    /// When the kernel's first byte came; nil if `limits.boot` passed
    /// first. Polls every 20 ms (the reader does not wake this task).
    func waitForFirstOutput() async throws -> Timer.Instant? {
        let bootDeadline = start.advanced(by: limits.boot)
        while true {
            if let first = state.withLock({ $0.firstOutput }) { return first }
            let now = clock.now
            if now >= bootDeadline { return nil }
            try await clock.sleep(until: min(bootDeadline, now.advanced(by: .milliseconds(20))), tolerance: nil)
        }
    }

    /// Sleeps until a time limit passes and returns it; throws
    /// `CancellationError` when the run ends first.
    ///
    /// Steps: 0. wait for the first byte, at most the boot allowance;
    /// 1. the idle limit; 2. before the wall clock, sleep to the
    /// nearer deadline; 3. past it, measure the output over one window:
    /// at a flood's pace, within the grace, go on (the reader stops the
    /// run at the output limit); 4. otherwise the wall clock.
    func waitForTimeLimit() async throws -> LimitHit {
        // 0.
        guard let first = try await waitForFirstOutput() else { return .silentBoot }
        let wallDeadline = first.advanced(by: limits.wallClock)
        let graceEnd = wallDeadline.advanced(by: floodGrace)
        while true {
            let (lastOutput, before) = state.withLock { ($0.lastOutput, $0.bytes) }
            let idleDeadline = lastOutput.advanced(by: limits.idle)
            let now = clock.now
            // 1, 2. (Once the wall clock has passed, it is the limit that
            // counts: a silence as long as the whole run is no idle hang.)
            if now < wallDeadline {
                if now >= idleDeadline { return .idle }
                try await clock.sleep(until: min(wallDeadline, idleDeadline), tolerance: nil)
                continue
            }
            // 3. (A kernel silent for a whole window is no flood.)
            if now < graceEnd, lastOutput.duration(to: now) < window {
                try await clock.sleep(until: min(now.advanced(by: window), graceEnd), tolerance: nil)
                let after = state.withLock { $0.bytes }
                if after - before >= floodPace { continue }
            }
            // 4.
            return .wallClock
        }
    }
}

extension RunWatchdog where Timer == ContinuousClock {
    /// A watchdog for a run that starts now, on the continuous clock.
    convenience init(limits: RunLimits) {
        self.init(limits: limits, clock: ContinuousClock())
    }
}
