// grader/Runner/RunClassifier.swift -- from what a run did to a verdict.
//
// A pure function: the same evidence always gives the same verdict, so
// every rule below has a unit test that needs no qemu. The rules, in the
// order they are tried (the first that applies decides):
//
//  1. qemu never ran the guest (status 1, no output, a message on stderr):
//     infrastructure, with qemu's message;
//  2. the harness said NOTEST: no-such-test;
//  3. a panic report with the nonce: panic (it explains more than any limit);
//  4. a FAIL line (even after a PASS): fail;
//  5. the output flooded: output-flood;
//  6. the wall-clock or idle limit fired: timeout;
//  7. qemu was killed by a signal the runner did not send: infrastructure;
//  8. qemu logged a triple fault: triple-fault;
//  9. START and PASS lines with the nonce AND the pass exit status: pass;
// 10. anything else: no-verdict, saying what was missing.
//
// An exit status alone never means pass: a triple fault exits 0, and any
// code can write the pass value to the debug-exit port.

import GraderModel

/// Everything the classifier looks at, gathered from one qemu run.
public struct RunEvidence: Equatable, Sendable {
    /// The test the runner asked for.
    public var test: String
    /// This run's nonce.
    public var nonce: Nonce
    /// The serial output (possibly cut at the output limit).
    public var serial: [UInt8]
    /// How qemu ended.
    public var exit: QemuExit
    /// qemu's log showed a triple fault.
    public var tripleFault: Bool
    /// The limit that made the runner kill qemu, if one did.
    public var limit: LimitHit?
    /// The limits of the run (for the messages).
    public var limits: RunLimits
    /// What qemu wrote on its standard error.
    public var diagnostics: String
    /// What ran the image, as the messages name it: "qemu", or "the host
    /// program" for a host run (`grade --host`).
    public var runner: String = "qemu"

    /// Evidence with these values.
    public init(test: String, nonce: Nonce, serial: [UInt8], exit: QemuExit, tripleFault: Bool = false,
                limit: LimitHit? = nil, limits: RunLimits = .standard, diagnostics: String = "") {
        self.test = test
        self.nonce = nonce
        self.serial = serial
        self.exit = exit
        self.tripleFault = tripleFault
        self.limit = limit
        self.limits = limits
        self.diagnostics = diagnostics
    }
}

/// The classifier's answer.
public struct RunClassification: Equatable, Sendable {
    /// How the run ended.
    public var verdict: Verdict
    /// One or a few lines saying why.
    public var message: String
    /// The panic report, unsymbolized, when the kernel printed one.
    public var panic: PanicReport?
    /// The test's CHECK lines.
    public var checks: [KernelCheck]
}

/// Decides the verdict of one run.
public enum RunClassifier {
    /// Applies the rules at the top of this file to `evidence`.
    public static func classify(_ evidence: RunEvidence) -> RunClassification {
        let transcript = HarnessTranscript(serial: evidence.serial, test: evidence.test, nonce: evidence.nonce)
        let (verdict, message) = decide(evidence, transcript)
        return RunClassification(verdict: verdict, message: message, panic: transcript.panic,
                                 checks: transcript.checks)
    }

    private static func decide(_ evidence: RunEvidence, _ transcript: HarnessTranscript) -> (Verdict, String) {
        if let reason = infrastructureFailure(evidence) {
            return (.infrastructure, reason)
        }
        if transcript.noSuchTest {
            return (.noSuchTest, "the image has no kernel test named '\(evidence.test)'")
        }
        if let panic = transcript.panic {
            return (.panic, panicMessage(panic, complete: transcript.panicComplete))
        }
        if let failure = transcript.failure {
            return (.fail, failure.isEmpty ? "the test failed (no message)" : failure)
        }
        if let limit = evidence.limit {
            return limitVerdict(limit, evidence.limits, runner: evidence.runner)
        }
        if case .signaled(let signal) = evidence.exit {
            return (.infrastructure, "\(evidence.runner) was killed by signal \(signal) from outside the grader")
        }
        if evidence.tripleFault {
            return (.tripleFault, "the CPU triple-faulted and reset (a fault while handling a fault); "
                + "no panic report was printed")
        }
        return passOrNoVerdict(evidence, transcript)
    }

    /// qemu did not run the guest: it exits with status 1 before any
    /// serial output and explains why on stderr.
    private static func infrastructureFailure(_ evidence: RunEvidence) -> String? {
        let message = evidence.diagnostics.split(whereSeparator: \.isNewline).first.map(String.init)
        guard evidence.exit == .exited(1), evidence.serial.isEmpty, let message else { return nil }
        return "\(evidence.runner) could not run the image: \(message)"
    }

    private static func limitVerdict(_ limit: LimitHit, _ limits: RunLimits, runner: String) -> (Verdict, String) {
        switch limit {
        case .output:
            return (.outputFlood, "the kernel wrote more than \(limits.outputBytes) bytes on the serial port; "
                + "the log keeps the first \(limits.outputBytes)")
        case .wallClock:
            return (.timeout, "no verdict within \(format(limits.wallClock)) (the run's time limit)")
        case .idle:
            return (.timeout, "no serial output for \(format(limits.idle)) (the idle limit)")
        case .silentBoot:
            return (.infrastructure, "the kernel printed nothing within \(format(limits.boot)) of \(runner)'s start "
                + "(the spine prints its banner before any of your code runs): the host is overloaded or \(runner) is stuck")
        }
    }

    /// PASS counts only with its START line, the nonce, and qemu's pass
    /// status; each missing piece gets its own explanation.
    private static func passOrNoVerdict(_ evidence: RunEvidence, _ transcript: HarnessTranscript) -> (Verdict, String) {
        let passStatus = DebugExit.pass.qemuStatus
        switch (transcript.passed, evidence.exit == .exited(passStatus)) {
        case (true, true):
            return (.pass, "passed")
        case (true, false):
            return (.noVerdict, "the test printed PASS but \(evidence.runner) ended with \(evidence.exit), "
                + "not the pass status \(passStatus)")
        case (false, true):
            return (.noVerdict, "\(evidence.runner) ended with the pass status but no PASS line carried this run's nonce")
        case (false, false):
            let what = transcript.started ? "after it started" : "without starting the test"
            return (.noVerdict, "the kernel stopped (\(describe(evidence.exit))) \(what), "
                + "with no verdict line carrying this run's nonce")
        }
    }

    private static func panicMessage(_ panic: PanicReport, complete: Bool) -> String {
        let eip = "0x" + hex(panic.eip)
        let cut = complete ? "" : " (the report was cut short)"
        // A host run's crash (machine/host/run.swift): a signal, no eip.
        if panic.kind == "signal" {
            return "kernel panic: signal \(panic.vector) (\(panic.name)) in the host program: the line above the "
                + "PANIC report says why (\"Fatal error: ...\" for a Swift trap); a debugger shows where\(cut)"
        }
        let fault = panic.fault.map { " (\($0.summary))" } ?? ""
        return "kernel panic: \(panic.kind) \(panic.name) (vector \(panic.vector)) at \(eip)\(fault)\(cut)"
    }

    /// "status 65, the panic exit": the status and what the kernel meant
    /// by it, when it is one of the harness's exit values.
    static func describe(_ exit: QemuExit) -> String {
        guard let value = exit.debugExitValue, let meaning = DebugExit(rawValue: value) else {
            return exit.description
        }
        return "\(exit), the \(meaning.name) exit"
    }

    /// "10 s", "0.5 s".
    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

/// Eight hex digits, zero-padded.
func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
