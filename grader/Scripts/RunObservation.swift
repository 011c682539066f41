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
    /// The lines the script's oracle computed for this run's seed, which
    /// the scorer expects after the script's conversation (empty without
    /// an oracle).
    public var expected: [String] = []

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

extension RunObservation {
    /// One observation for a test booted once per check (`boot_per_check`):
    /// `boots[i]` ran only `checks[i]`.
    ///
    /// Steps: 1. the verdict: infrastructure if any boot lost to it (not
    /// charged), else pass if every boot passed, else the first failing
    /// boot's, its message naming the check; 2. the CHECK lines, serial
    /// lines and logs of every boot, in order (a check whose boot panicked
    /// printed no line: it is "not reached" and earns nothing, the others
    /// keep theirs); 3. the time summed, the most attempts.
    public static func joining(_ boots: [RunObservation], checks: [String]) -> RunObservation {
        // 1.
        let named = Array(zip(checks, boots))
        let lost = named.first { $0.1.verdict == .infrastructure }
        let failed = lost ?? named.first { $0.1.verdict != .pass }
        var joined = RunObservation(verdict: failed?.1.verdict ?? .pass)
        if let (check, boot) = failed {
            joined.message = "check \(check): " + (boot.message ?? boot.verdict.rawValue)
            joined.panic = boot.panic
        }
        // 2.
        joined.checks = boots.flatMap(\.checks)
        joined.lines = boots.flatMap(\.lines)
        joined.log = named.map { check, boot in
            "=== boot for check \(check) ===\n" + (boot.log ?? boot.lines.joined(separator: "\n"))
        }.joined(separator: "\n")
        // 3.
        joined.duration = boots.reduce(0) { $0 + $1.duration }
        joined.attempts = boots.map(\.attempts).max() ?? 1
        return joined
    }
}
