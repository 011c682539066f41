// grader/cli/OutcomeText.swift -- a kernel test's outcome, written for a person.
//
//     checks_partial: FAIL  (0.07 s)
//       1 check(s) failed
//       checks:
//         pass  passes
//         FAIL  fails: this check fails on purpose
//       serial output (last 20 lines):
//         | KTEST START name=checks_partial nonce=...

import Foundation
import GraderKit

/// The text `run-test` prints.
struct OutcomeText {
    let outcome: KernelTestOutcome
    /// Print the whole serial output, not only its end for non-passes.
    let fullLog: Bool

    /// How many lines of output a non-passing test shows by default.
    static let tailLines = 20

    /// The whole text.
    var rendered: String {
        var lines = [headline]
        if !outcome.verdict.isPass { lines.append("  " + outcome.message) }
        lines += checkLines + panicLines + logLines
        return lines.joined(separator: "\n")
    }

    private var headline: String {
        let time = String(format: "%.2f s", outcome.run.duration.seconds)
        return "\(outcome.test): \(outcome.verdict.rawValue.uppercased())  (\(time))"
    }

    private var checkLines: [String] {
        guard !outcome.checks.isEmpty else { return [] }
        return ["  checks:"] + outcome.checks.map { check in
            check.passed ? "    pass  \(check.name)" : "    FAIL  \(check.name): \(check.message ?? "")"
        }
    }

    private var panicLines: [String] {
        guard let panic = outcome.panic else { return [] }
        let registers = OutcomeText.registerOrder(panic.registers.keys).map { "\($0)=0x\(hex8(panic.registers[$0] ?? 0))" }
        var lines = ["  error code 0x\(hex8(panic.errorCode))"]
        if let fault = panic.fault { lines.append("  page fault: \(fault.summary)") }
        if !registers.isEmpty { lines.append("  registers: " + registers.joined(separator: " ")) }
        lines.append("  backtrace (innermost first):")
        for (index, frame) in panic.frames.enumerated() {
            let place = frame.function.map { "\($0) + \(frame.offset ?? 0)" } ?? "(unknown function)"
            lines.append("    #\(index) 0x\(hex8(frame.address))  \(place)")
        }
        return lines
    }

    /// The kernel's order (general registers, then the rest), then any
    /// other name alphabetically.
    static func registerOrder(_ names: some Sequence<String>) -> [String] {
        let known = ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eflags", "cs", "cr2"]
        let present = Set(names)
        return known.filter(present.contains) + present.subtracting(known).sorted()
    }

    private var logLines: [String] {
        let all = outcome.log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = all.last == "" ? Array(all.dropLast()) : all
        if fullLog {
            return ["  serial output:"] + lines.map { "    | " + $0 }
        }
        guard !outcome.verdict.isPass, !lines.isEmpty else { return [] }
        let shown = lines.suffix(OutcomeText.tailLines)
        let title = shown.count < lines.count ? "serial output (last \(shown.count) lines):" : "serial output:"
        return ["  " + title] + shown.map { "    | " + $0 }
    }
}

/// Eight hex digits, zero-padded.
func hex8(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
