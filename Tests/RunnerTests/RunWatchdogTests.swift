// Tests/RunnerTests/RunWatchdogTests.swift -- the run's clocks start at the kernel's first byte.
//
// On a loaded host qemu may take seconds to print anything; that time
// belongs to the host, not to the student's kernel. These tests drive the
// watchdog by hand (no qemu). On the real clock they check only lower
// bounds on time; the flood's grace is checked on a manual clock
// (ManualClock.swift), whose time moves only when the test moves it: a
// host that lets a task wait minutes for a thread changes nothing there.

import Synchronization
import Testing
@testable import GraderRunner

@Suite struct RunWatchdogTests {
    @Test func aKernelThatNeverPrintsIsASilentBootNotATimeout() async throws {
        let watchdog = RunWatchdog(limits: RunLimits(wallClock: .milliseconds(50), idle: .milliseconds(50),
                                                     outputBytes: 1 << 20, boot: .milliseconds(300)))
        let start = ContinuousClock.now
        #expect(try await watchdog.waitForTimeLimit() == .silentBoot)
        // The wall clock and the idle limit did not start without output.
        #expect(ContinuousClock.now - start >= .milliseconds(300))
    }

    @Test func theWallClockCountsFromTheFirstByte() async throws {
        // Idle and boot limits far away, so that only the wall clock can
        // fire however slowly this host schedules the test.
        let watchdog = RunWatchdog(limits: RunLimits(wallClock: .milliseconds(200), idle: .seconds(600),
                                                     outputBytes: 1 << 20, boot: .seconds(600)))
        let start = ContinuousClock.now
        async let limit = watchdog.waitForTimeLimit()
        try await Task.sleep(for: .milliseconds(400))
        watchdog.noteOutput(10)
        // Negative control of the old rule (clock from the start): the
        // limit would have fired before the byte, at 200 ms.
        #expect(try await limit == .wallClock)
        #expect(ContinuousClock.now - start >= .milliseconds(600))
    }

    /// Limits for instruction-counted time make the idle limit as long
    /// as the wall clock; a kernel that printed everything in one burst
    /// then meets both deadlines at once, and the wall clock is the one
    /// that counts (the idle limit alone once named such a run an idle
    /// hang). Control: a shorter idle limit still fires first.
    @Test func equalDeadlinesAreTheWallClock() async throws {
        let counted = RunLimits(wallClock: .milliseconds(200), idle: .milliseconds(50),
                                outputBytes: 1 << 20, boot: .seconds(600)).instructionCounted()
        let watchdog = RunWatchdog(limits: counted)
        watchdog.noteOutput(10)
        #expect(try await watchdog.waitForTimeLimit() == .wallClock)
        let plain = RunWatchdog(limits: RunLimits(wallClock: .seconds(600), idle: .milliseconds(50),
                                                  outputBytes: 1 << 20, boot: .seconds(600)))
        plain.noteOutput(10)
        #expect(try await plain.waitForTimeLimit() == .idle)
    }

    /// Past the wall clock a kernel still writing at a flood's pace (1 %
    /// of the output limit a second) goes on: the reader will cut it at
    /// the limit, an output flood. Here the kernel writes 64 KiB every
    /// 100 ms until 2.5 s, then stops: the wall clock (200 ms) fires only
    /// when a whole window (1 s) after that passed without a flood's pace.
    @Test func aKernelStillFloodingPastTheWallClockGoesOn() async throws {
        let fired = try await WatchdogDrive.run(limits: Self.floodLimits) { now in
            now < .milliseconds(2500) ? 64 << 10 : 0
        }
        #expect(fired.limit == .wallClock)
        #expect(fired.at >= .milliseconds(2500) && fired.at <= .milliseconds(4500), "fired at \(fired.at)")
    }

    /// Control of the test above: a kernel printing a line now and then
    /// (20 bytes every 100 ms, far below the flood's pace) is stopped one
    /// window after the wall clock, not let run for the grace.
    @Test func aKernelPrintingSlowlyIsStoppedAtTheWallClock() async throws {
        let fired = try await WatchdogDrive.run(limits: Self.floodLimits) { _ in 20 }
        #expect(fired.limit == .wallClock)
        #expect(fired.at <= .milliseconds(1300), "fired at \(fired.at)")
    }

    /// The grace has an end: a kernel that floods for ever without
    /// reaching the output limit is stopped at the wall clock plus 30 s.
    @Test func theFloodGraceEnds() async throws {
        let fired = try await WatchdogDrive.run(limits: Self.floodLimits) { _ in 64 << 10 }
        #expect(fired.limit == .wallClock)
        #expect(fired.at >= .milliseconds(30_200) && fired.at < .milliseconds(30_400), "fired at \(fired.at)")
    }

    /// A 200 ms wall clock, 1 MiB of output; no idle or boot limit in
    /// the way (a window of 1 s).
    static let floodLimits = RunLimits(wallClock: .milliseconds(200), idle: .seconds(600),
                                       outputBytes: 1 << 20, boot: .seconds(600))

    @Test func silentBootIsInfrastructureWithItsReason() {
        let limits = RunLimits(wallClock: .seconds(1), idle: .seconds(1), outputBytes: 1)
        let silent = RunClassifier.classify(RunEvidence(test: "t", nonce: Nonce.random(), serial: [],
                                                        exit: .signaled(9), limit: .silentBoot, limits: limits))
        #expect(silent.verdict == .infrastructure)
        #expect(silent.message.contains("printed nothing within 30"))
        // Control: the same silence past the wall clock is a timeout.
        let late = RunClassifier.classify(RunEvidence(test: "t", nonce: Nonce.random(), serial: [],
                                                      exit: .signaled(9), limit: .wallClock, limits: limits))
        #expect(late.verdict == .timeout)
    }
}

/// A watchdog on a manual clock, driven in steps of 100 ms of its time.
enum WatchdogDrive {
    /// The limit the watchdog reported and the clock's time then.
    struct Fired {
        let limit: LimitHit
        let at: Duration
    }

    /// Runs a watchdog with `limits`; at each step (while it sleeps) the
    /// kernel writes `write(now)` bytes and the clock moves 100 ms on,
    /// for 60 s of the clock at most.
    static func run(limits: RunLimits, write: (Duration) -> Int) async throws -> Fired {
        let clock = ManualClock()
        let watchdog = RunWatchdog(limits: limits, clock: clock)
        let done = Mutex(false)
        let task = Task {
            defer { done.withLock { $0 = true } }
            let limit = try await watchdog.waitForTimeLimit()
            return Fired(limit: limit, at: clock.now.offset)
        }
        while clock.now.offset < .seconds(60) {
            // The watchdog sleeps again, or has answered.
            while clock.sleeping == 0 && !done.withLock({ $0 }) { await Task.yield() }
            if done.withLock({ $0 }) { break }
            let bytes = write(clock.now.offset)
            if bytes > 0 { watchdog.noteOutput(bytes) }
            clock.advance(by: .milliseconds(100))
        }
        if !done.withLock({ $0 }) { task.cancel() }
        return try await task.value
    }
}
