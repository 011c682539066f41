// grader/Runner/KernelTestRunner.swift -- one kernel test, from boot to verdict.
//
// Puts the pieces together: a fresh nonce, the command line
// `test=<name> nonce=<nonce>`, one qemu run under the limits, the
// classifier, and the symbolizer for a panic's backtrace.

import GraderModel

/// The verdict of one kernel test and everything needed to explain it.
public struct KernelTestOutcome: Sendable {
    /// The kernel test that was booted.
    public var test: String
    /// The run's nonce.
    public var nonce: Nonce
    /// How it ended.
    public var verdict: Verdict
    /// Why, in one or a few lines.
    public var message: String
    /// The panic report with its frames symbolized, if the kernel panicked.
    public var panic: PanicReport?
    /// The test's CHECK lines.
    public var checks: [KernelCheck]
    /// The serial output as text (invalid UTF-8 shown as U+FFFD), cut at
    /// the output limit.
    public var log: String
    /// The raw qemu run.
    public var run: QemuRun
}

/// Boots kernel tests one at a time.
public struct KernelTestRunner: Sendable {
    /// The qemu runner.
    public var qemu: QemuRunner
    /// The limits of every run.
    public var limits: RunLimits

    /// A runner with these limits.
    public init(qemu: QemuRunner = QemuRunner(), limits: RunLimits = .standard) {
        self.qemu = qemu
        self.limits = limits
    }

    /// Boots `image` once to run `test`.
    ///
    /// `instructionCountShift` runs the guest on instruction-counted time
    /// (see `QemuCommand.instructionCountingArguments`).
    /// `initialInput` is typed on the serial port as soon as qemu runs;
    /// `onLine` sees every serial line and may answer by typing bytes.
    /// A test name may be empty (the harness then answers NOTEST) but may
    /// hold only letters, digits and `_`, so that it cannot change the
    /// command line.
    ///
    /// Steps:
    /// 1. check the name; build the command line with a fresh nonce (and
    ///    the seed of a seeded test, see SeededOracle);
    /// 2. boot;
    /// 3. classify the run;
    /// 4. symbolize a panic's frames with the image's symbol table.
    public func run(test: String, image: String, nonce: Nonce = .random(), seed: UInt64? = nil,
                    check: String? = nil, instructionCountShift: Int? = nil, initialInput: [UInt8] = [],
                    onLine: @escaping QemuRunner.LineHandler = { _ in [] }) async throws -> KernelTestOutcome {
        // 1.
        let isName = { (text: String) in text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }
        guard isName(test) else {
            throw RunnerError.invalidTestName(test)
        }
        if let check, check.isEmpty || !isName(check) { throw RunnerError.invalidTestName(check) }
        // 2. (`check=` runs only that check: one boot per check)
        let commandLine = "test=\(test) nonce=\(nonce)" + (seed.map { " seed=\($0)" } ?? "")
            + (check.map { " check=\($0)" } ?? "")
        let run = try await qemu.boot(image: image, commandLine: commandLine, limits: limits,
                                      instructionCountShift: instructionCountShift,
                                      initialInput: initialInput, onLine: onLine)
        // 3.
        var evidence = RunEvidence(test: test, nonce: nonce, serial: run.serial, exit: run.exit,
                                   tripleFault: run.tripleFault, limit: run.limit, limits: run.limits,
                                   diagnostics: run.diagnostics)
        evidence.runner = qemu.machine == .host ? "the host program" : "qemu"
        let classification = RunClassifier.classify(evidence)
        // 4.
        let panic = classification.panic.map { report in
            (try? SymbolTable(imageAt: image)).map { PanicSymbolizer(symbols: $0).symbolize(report) } ?? report
        }
        return KernelTestOutcome(test: test, nonce: nonce, verdict: classification.verdict,
                                 message: classification.message, panic: panic, checks: classification.checks,
                                 log: String(decoding: run.serial, as: UTF8.self), run: run)
    }

    /// The names of the tests in `image`, in table order: boots it with
    /// `list` and reads the `KTEST TEST` lines carrying the nonce.
    ///
    /// Throws `processFailed` when the kernel does not halt normally after
    /// listing (with what it printed), since a partial list would mislead.
    public func listTests(image: String, nonce: Nonce = .random()) async throws -> [String] {
        let run = try await qemu.boot(image: image, commandLine: "list nonce=\(nonce)", limits: limits)
        let names = LineSplitter.lines(of: run.serial).compactMap { line -> String? in
            guard case .listed(let name, nonce.text) = HarnessLine(line.text) else { return nil }
            return name
        }
        guard run.exit == .exited(DebugExit.halt.qemuStatus), run.limit == nil else {
            let why = run.diagnostics.isEmpty ? String(decoding: run.serial.suffix(500), as: UTF8.self) : run.diagnostics
            throw RunnerError.processFailed("listing the tests failed: qemu ended with \(run.exit)"
                + (run.limit.map { " (\($0.rawValue) limit)" } ?? "") + ": " + why)
        }
        return names
    }
}
