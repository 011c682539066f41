// grader/Runner/HarnessTranscript.swift -- what the harness said in this run.
//
// Reads the serial output of one run and keeps the protocol lines that
// carry this run's nonce and name the expected test. Everything else the
// kernel printed is ordinary output: it stays in the log but decides
// nothing. A panic report is one header line with the nonce followed by
// lines without it (registers, frames, end); those are accepted only
// right after a header that carried the nonce.

import GraderModel

/// The facts the harness reported about one test in one run.
public struct HarnessTranscript: Equatable, Sendable {
    /// A START line for the test was seen.
    public var started = false
    /// A PASS line for the test was seen after its START line.
    public var passed = false
    /// The message of the first FAIL line for the test.
    public var failure: String?
    /// A NOTEST line was seen: the image has no such test.
    public var noSuchTest = false
    /// The CHECK lines of the test, in order.
    public var checks: [KernelCheck] = []
    /// The first panic report, unsymbolized.
    public var panic: PanicReport?
    /// True when the panic report reached its `PANIC end` line.
    public var panicComplete = false

    /// Reads `serial` for the protocol lines of `test` carrying `nonce`.
    public init(serial: [UInt8], test: String, nonce: Nonce) {
        var readingPanic = false
        for line in LineSplitter.lines(of: serial) {
            guard let parsed = HarnessLine(line.text) else { continue }
            readingPanic = record(parsed, test: test, nonce: nonce.text, readingPanic: readingPanic)
        }
    }

    /// Records one protocol line; returns whether a panic report is open.
    ///
    /// Steps:
    /// 1. panic lines: a header with the nonce opens the first report,
    ///    later lines fill it until `PANIC end`;
    /// 2. KTEST lines count only with the nonce and the test's name.
    private mutating func record(_ line: HarnessLine, test: String, nonce: String, readingPanic: Bool) -> Bool {
        switch line {
        // 1.
        case .panicHeader(let header) where header.nonce == nonce && panic == nil:
            panic = PanicReport(kind: header.kind, vector: header.vector, name: header.name,
                                errorCode: header.errorCode, eip: header.eip, registers: [:], frames: [])
            return true
        case .panicRegisters(let registers) where readingPanic:
            panic?.registers.merge(registers) { _, new in new }
        case .panicFault(let fault) where readingPanic:
            panic?.fault = fault
        case .panicFrame(let address) where readingPanic:
            panic?.frames.append(PanicReport.Frame(address: address))
        case .panicEnd where readingPanic:
            panicComplete = true
            return false
        // 2.
        case .start(test, nonce):
            started = true
        case .pass(test, nonce) where started:
            passed = true
        case .fail(test, nonce, let message) where failure == nil:
            failure = message
        case .noTest(_, nonce):
            noSuchTest = true
        case .check(let name, nonce, let passed, let message):
            if let check = HarnessTranscript.check(named: name, of: test, passed: passed, message: message) {
                checks.append(check)
            }
        default:
            break
        }
        return readingPanic
    }

    /// The check `<test>.<check>`, or nil when it belongs to another test.
    private static func check(named name: String, of test: String, passed: Bool, message: String?) -> KernelCheck? {
        let prefix = test + "."
        guard name.hasPrefix(prefix), name.count > prefix.count else { return nil }
        return KernelCheck(name: String(name.dropFirst(prefix.count)), passed: passed,
                           message: passed ? nil : (message ?? ""))
    }
}
