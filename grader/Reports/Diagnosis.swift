// grader/Reports/Diagnosis.swift -- why a test did not pass, once for every format.
//
// Every report explains a failure the same way: what the verdict means, the
// message, where the serial output left the script, the panic and its
// backtrace, the sub-checks that failed, and the chapter to read. This file
// builds that explanation as tagged lines; each writer only decides how a
// tag looks (a colour in the terminal, a CSS class in HTML, nothing in XML).

import Foundation
import GraderModel

/// How a JUnit-like consumer counts a verdict.
public enum Outcome: String, Sendable {
    /// The test passed.
    case passed
    /// The student's submission is at fault (its kernel, or a build that
    /// failed, or a refused archive): JUnit `failure`.
    case failed
    /// The grading machinery could not judge the kernel: JUnit `error`.
    case error
    /// The test was not run: JUnit `skipped`.
    case skipped
}

extension Verdict {
    /// How reports count this verdict.
    public var outcome: Outcome {
        switch self {
        case .pass: .passed
        case .skipped: .skipped
        case .infrastructure: .error
        case .fail, .wrongOutput, .panic, .tripleFault, .timeout, .noVerdict, .noSuchTest, .outputFlood, .buildFailure:
            .failed
        }
    }

    /// A short upper-case label for tables: "PASS", "WRONG OUTPUT", ...
    public var label: String {
        switch self {
        case .infrastructure: "GRADER ERROR"
        case .buildFailure: "BUILD FAILED"
        default: rawValue.replacingOccurrences(of: "-", with: " ").uppercased()
        }
    }

    /// One sentence saying what happened, for when the test has no message.
    public var meaning: String {
        switch self {
        case .pass: "The test passed."
        case .fail: "The test reported a failure."
        case .wrongOutput: "The serial output did not match what the test expects."
        case .panic: "The kernel panicked."
        case .tripleFault: "The CPU reset itself (triple fault) without printing a panic report."
        case .timeout: "The test took too long, or went silent for too long."
        case .noVerdict: "The kernel stopped without saying whether the test passed."
        case .noSuchTest: "The kernel image has no test of this name."
        case .outputFlood: "The kernel printed more output than allowed."
        case .skipped: "Not run: a test it depends on did not pass."
        case .buildFailure: "The submission did not build."
        case .infrastructure: "The grader itself failed; this is not counted against you."
        }
    }
}

/// The explanation of one test result, as tagged lines of plain text.
///
/// The text is the kernel's, unsanitised: writers sanitise each line for
/// their format.
public struct Diagnosis: Sendable, Equatable {
    /// What a line is, so that writers can style it.
    public enum Tone: Sendable, Equatable {
        /// An ordinary sentence.
        case normal
        /// A section title ("Backtrace:").
        case heading
        /// Output that was expected and seen (Mismatch GOOD).
        case good
        /// Output that was seen and should not have been (Mismatch BAD).
        case bad
        /// Output that was expected and never came (Mismatch MISSING).
        case missing
        /// Output around the mismatch, for orientation.
        case context
        /// A pointer to further reading.
        case hint
    }

    /// One line of the explanation.
    public struct Line: Sendable, Equatable {
        /// How to style it.
        public var tone: Tone
        /// Its text, without a newline.
        public var text: String

        /// A line of `text` styled as `tone`.
        public init(tone: Tone, text: String) {
            self.tone = tone
            self.text = text
        }
    }

    /// The explanation, in reading order; empty for a plain pass.
    public var lines: [Line]

    /// Explains `test`: verdict meaning or message, mismatch, panic,
    /// failed checks and chapter.
    public init(_ test: TestResult) {
        var lines: [Line] = []
        if test.verdict.outcome != .passed {
            lines += Self.message(test)
        }
        if let mismatch = test.mismatch { lines += Self.mismatch(mismatch) }
        if let panic = test.panic { lines += Self.panic(panic) }
        lines += test.checks.filter { !$0.passed }.map(Self.failedCheck)
        if test.verdict.outcome != .passed, let chapter = test.chapter {
            lines.append(Line(tone: .hint, text: "Read: \(chapter)"))
        }
        self.lines = lines
    }

    /// The explanation as plain text, one line per line.
    public var plainText: String {
        lines.map(\.text).joined(separator: "\n")
    }

    /// Why `test` did not pass, in a few words: its message, else what the
    /// panic was, else what the verdict means.
    public static func reason(_ test: TestResult) -> String {
        if let message = test.message, !message.isEmpty { return message }
        if test.verdict == .panic, let panic = test.panic {
            return "The kernel panicked: \(panic.name) at \(hex(panic.eip))."
        }
        return test.verdict.meaning
    }

    /// The reason, as lines.
    private static func message(_ test: TestResult) -> [Line] {
        reason(test).split(separator: "\n", omittingEmptySubsequences: false).map { Line(tone: .normal, text: String($0)) }
    }

    /// Expected / seen, then the comparison lines tagged by kind.
    static func mismatch(_ mismatch: Mismatch) -> [Line] {
        var lines = [Line(tone: .heading, text: "Expected: \(mismatch.expected)")]
        switch (mismatch.seen, mismatch.lineNumber) {
        case let (seen?, number?): lines.append(Line(tone: .heading, text: "Seen (serial line \(number)): \(seen)"))
        case let (seen?, nil): lines.append(Line(tone: .heading, text: "Seen: \(seen)"))
        case (nil, _): lines.append(Line(tone: .heading, text: "Seen: the end of the output"))
        }
        for line in mismatch.lines {
            let tag = line.kind == .context ? "" : line.kind.rawValue
            lines.append(Line(tone: tone(of: line.kind), text: pad(tag, to: 8) + line.text))
        }
        return lines
    }

    private static func tone(of kind: Mismatch.Line.Kind) -> Tone {
        switch kind {
        case .good: .good
        case .bad: .bad
        case .missing: .missing
        case .context: .context
        }
    }

    /// The panic line, its symbolized backtrace and the registers.
    static func panic(_ panic: PanicReport) -> [Line] {
        var lines = [Line(tone: .heading, text: "Panic: \(panic.name) (\(panic.kind), vector \(panic.vector)) at "
            + "\(hex(panic.eip)), error code \(hex(panic.errorCode))")]
        if let fault = panic.fault {
            lines.append(Line(tone: .heading, text: "Page fault: \(fault.summary)"))
        }
        if !panic.frames.isEmpty {
            lines.append(Line(tone: .heading, text: "Backtrace (innermost first):"))
            for (number, frame) in panic.frames.enumerated() {
                lines.append(Line(tone: .normal, text: "  #\(number) " + describe(frame)))
            }
        }
        if !panic.registers.isEmpty {
            let registers = panic.registers.sorted { registerRank($0.key) < registerRank($1.key) }
            lines.append(Line(tone: .context, text: "  " + registers.map { "\($0.key)=\(hex($0.value))" }.joined(separator: " ")))
        }
        return lines
    }

    /// "0x00101234 SetManager.reserve + 0x1c", or the address alone.
    static func describe(_ frame: PanicReport.Frame) -> String {
        guard let function = frame.function else { return hex(frame.address) }
        let offset = frame.offset.map { " + 0x" + String($0, radix: 16) } ?? ""
        return hex(frame.address) + " in " + function + offset
    }

    /// The registers in the order the kernel prints them; others after, by name.
    private static func registerRank(_ name: String) -> String {
        let order = ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eflags", "cs", "cr2"]
        return order.firstIndex(of: name).map { String(format: "%02d", $0) } ?? "99" + name
    }

    private static func failedCheck(_ check: CheckResult) -> Line {
        let points = "\(Points.format(check.points))/\(Points.format(check.maxPoints))"
        let message = check.message.map { ": \($0)" } ?? ""
        return Line(tone: .bad, text: "Check \(check.name) failed (\(points))\(message)")
    }

    /// `0x` and eight hex digits, as the kernel prints addresses.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}

/// Formatting of points and seconds, the same in every report.
public enum Points {
    /// "3", "2.5", "0.33": no trailing zeros, at most two decimals.
    public static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Seconds with millisecond precision, as JUnit consumers expect: "0.153".
    public static func seconds(_ value: Double) -> String {
        String(format: "%.3f", max(0, value))
    }

    /// `part / whole` as a whole percentage; 0 when `whole` is 0.
    public static func percent(_ part: Double, of whole: Double) -> Int {
        whole > 0 ? Int((part / whole * 100).rounded()) : 0
    }
}
