// Tests/RunnerTests/RunWatchdogTests.swift -- the run's clocks start at the kernel's first byte.
//
// On a loaded host qemu may take seconds to print anything; that time
// belongs to the host, not to the student's kernel. These tests drive the
// watchdog by hand (no qemu), and only ever check lower bounds on time.

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
    /// the limit, an output flood. Here a writer notes 64 KiB every
    /// 100 ms for 2.5 s and stops; the wall clock (200 ms) fires only
    /// after it stopped. A write per window keeps the pace, so a host
    /// slow to schedule the writer does not change the answer.
    @Test func aKernelStillFloodingPastTheWallClockGoesOn() async throws {
        let watchdog = RunWatchdog(limits: RunLimits(wallClock: .milliseconds(200), idle: .seconds(600),
                                                     outputBytes: 1 << 20, boot: .seconds(600)))
        let start = ContinuousClock.now
        let fired = Task { (try await watchdog.waitForTimeLimit(), ContinuousClock.now) }
        let stop = start + .milliseconds(2500)
        while ContinuousClock.now < stop {
            watchdog.noteOutput(64 << 10)
            try await Task.sleep(for: .milliseconds(100))
        }
        let (limit, when) = try await fired.value
        #expect(limit == .wallClock)
        #expect(when - start >= .milliseconds(2500), "the wall clock fired while the kernel still flooded")
        #expect(watchdog.floodGrace == .seconds(30))
    }

    /// Control of the test above: a kernel printing a line now and then
    /// (20 bytes every 100 ms, far below the flood's pace) is stopped at
    /// the wall clock, within a window of it, not let run for the grace.
    /// The only bound on time is the grace itself (30 s, against about
    /// 1.2 s expected).
    @Test func aKernelPrintingSlowlyIsStoppedAtTheWallClock() async throws {
        let watchdog = RunWatchdog(limits: RunLimits(wallClock: .milliseconds(200), idle: .seconds(600),
                                                     outputBytes: 1 << 20, boot: .seconds(600)))
        let start = ContinuousClock.now
        watchdog.noteOutput(20)
        let writer = Task {
            while !Task.isCancelled {
                watchdog.noteOutput(20)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { writer.cancel() }
        #expect(try await watchdog.waitForTimeLimit() == .wallClock)
        #expect(ContinuousClock.now - start < watchdog.floodGrace)
    }

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
