// grader/cli/RunTestCommand.swift -- `grader run-test`: boot one kernel test.

import ArgumentParser
import GraderKit

/// Boots one test of an image and prints its verdict.
struct RunTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-test",
        abstract: "Boot one kernel test in qemu and print its verdict.",
        discussion: """
            Exits with 0 when the test passed, 1 for any other verdict, and 2 \
            when the grader itself could not run the test (qemu missing, no \
            image, qemu rejecting the image: the infrastructure verdict).
            """
    )

    @Option(help: "The kernel image (an ELF file built by `make image`).")
    var image: String

    @Option(help: "The kernel test to run (without the test_ prefix).")
    var test: String

    @OptionGroup var limits: LimitOptions

    @Option(name: .customLong("send"),
            help: "A line to type on the serial port once the test has started (repeatable, sent in order).")
    var lines: [String] = []

    @Flag(help: "Print the whole serial output, even when the test passed.")
    var verbose = false

    @Flag(help: "Count guest time in instructions, as a script's `icount: true` does, so timings repeat exactly.")
    var icount = false

    /// Steps:
    /// 1. boot the test, typing the --send lines after its START line;
    /// 2. print the outcome;
    /// 3. exit 0 only on pass, 2 for the grader's own failures.
    func run() async throws {
        let runner = KernelTestRunner(limits: try limits.runLimits())
        let nonce = Nonce.random()
        let typed = TypingAfterStart(lines: lines, test: test, nonce: nonce)
        // 1.
        let outcome = try await GraderFailure.exitingOnError {
            try await runner.run(test: test, image: image, nonce: nonce,
                                 instructionCountShift: icount ? QemuCommand.scriptShift : nil, onLine: typed.reply)
        }
        // 2.
        print(ReportText.sanitize(OutcomeText(outcome: outcome, fullLog: verbose).rendered))
        // 3.
        if outcome.verdict == .infrastructure { throw GraderFailure.exitCode }
        if !outcome.verdict.isPass { throw ExitCode(1) }
    }
}
