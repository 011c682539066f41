// grader/Scripts/RunObservation.swift -- what the runner saw of one run.
//
// The runner boots the kernel, reads the serial port and decides how the
// run ended; it hands its findings over in this form. Scoring needs
// nothing else, which keeps it pure and testable without qemu.

import GraderModel

/// Everything the runner learned from booting one kernel test.
public struct RunObservation: Sendable, Equatable {
    /// How the run ended by the harness's account: `.pass` only for a
    /// `KTEST PASS` line with the run's nonce and a matching exit status.
    /// The scorer adds the conversation's judgement on top.
    public var verdict: Verdict
    /// The runner's explanation (a failure message, "no output for 5 s", ...).
    public var message: String?
    /// The panic report, when the kernel printed one.
    public var panic: PanicReport?
    /// Every serial line, in order, without terminators.
    public var lines: [String]
    /// The `KTEST CHECK` lines carrying the run's nonce.
    public var checks: [KernelCheck]
    /// Seconds from qemu start to verdict (or kill).
    public var duration: Double
    /// How many times qemu was started (infrastructure retries).
    public var attempts: Int
    /// The raw serial log; nil means `lines` joined by newlines.
    public var log: String?

    /// Creates an observation.
    public init(verdict: Verdict, message: String? = nil, panic: PanicReport? = nil, lines: [String] = [],
                checks: [KernelCheck] = [], duration: Double = 0, attempts: Int = 1, log: String? = nil) {
        self.verdict = verdict
        self.message = message
        self.panic = panic
        self.lines = lines
        self.checks = checks
        self.duration = duration
        self.attempts = attempts
        self.log = log
    }
}
