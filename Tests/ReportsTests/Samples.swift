// Tests/ReportsTests/Samples.swift -- grading results the report tests share.
//
// The samples cover every outcome a report must show (pass, failure with
// a mismatch, panic with a backtrace, timeout, skip, build failure,
// grader error) and logs as hostile as a broken kernel can make them.

import Foundation
import GraderModel
import GraderReports
import Testing

enum Samples {
    /// A serial log with everything that breaks naive writers: C0 controls,
    /// ESC sequences (colour, cursor moves, a window title), NUL, DEL, the
    /// XML noncharacters, `]]>` and markup characters.
    static let hostileLog = "KTEST START name=set_add nonce=0123456789abcdef\r\n"
        + "\u{1B}[31mred\u{1B}[0m \u{1B}[2J\u{1B}[H cleared \u{1B}]0;title\u{07}\n"
        + "bell\u{07} nul\u{0} soh\u{01} del\u{7F} ffff\u{FFFF} fffe\u{FFFE}\n"
        + "end ]]> <b>&amp;</b> \"quoted\" 'single'\n"
        + "unicode: é ✓ 🚀\n"

    /// Raw serial bytes that are not UTF-8: a lone continuation byte, a
    /// truncated sequence, an encoded lone surrogate (ED A0 80).
    static let invalidUTF8: [UInt8] = Array("bad ".utf8) + [0x80, 0x41, 0xE2, 0x82, 0x20, 0xED, 0xA0, 0x80] + Array(" end".utf8)

    /// Every byte value once, decoded as a serial log would be: all C0
    /// controls, DEL, and 128 bytes of invalid UTF-8.
    static let everyByte = ReportText.decode(Array(UInt8.min...UInt8.max))

    /// alice's report with `log` as the log of her panicking test.
    static func report(withLog log: String) -> GradeReport {
        var submission = alice
        submission.tests[2].log = log
        submission.tests[2].message = log
        return GradeReport(startedAt: "2026-11-25T10:00:00Z", submissions: [submission])
    }

    static let mismatch = Mismatch(
        expected: "/set [0-9]+ created/", seen: "set -1 created\u{1B}[0m", lineNumber: 7,
        lines: [.init(.context, "boot ok"), .init(.good, "set 1 created"), .init(.bad, "set -1 created"),
                .init(.missing, "set 2 created")])

    static let panic = PanicReport(
        kind: "trap", vector: 6, name: "invalid-opcode", errorCode: 0, eip: 0x0010_1234,
        registers: ["eax": 1, "esp": 0x0020_0000, "cr2": 0, "ebx": 0xdead_beef],
        frames: [.init(address: 0x0010_1234, function: "SetManager.reserve(_:)", offset: 0x1c),
                 .init(address: 0x0010_2000, function: "test_set_reserve()", offset: 0x40),
                 .init(address: 0x0010_3000)])

    static let alice = SubmissionResult(
        student: "alice", assignment: "01-set", score: 7.5, maxScore: 12, built: true,
        tests: [
            TestResult(name: "set_add_get", kernelTest: "test_set_add_get", title: "Adding and getting an element",
                       visibility: "public", verdict: .pass, points: 3, maxPoints: 3, duration: 0.151),
            TestResult(name: "set_show", kernelTest: "test_set_show", title: "show prints every element",
                       visibility: "public", verdict: .wrongOutput, points: 1.5, maxPoints: 3,
                       message: "set 2 was never printed", checks: [
                           CheckResult(name: "order", passed: true, points: 1.5, maxPoints: 1.5),
                           CheckResult(name: "all", passed: false, points: 0, maxPoints: 1.5, message: "one missing"),
                       ], mismatch: mismatch, duration: 0.2, log: hostileLog, chapter: "docs/book/01-set.md#show"),
            TestResult(name: "set_reserve", kernelTest: "test_set_reserve", title: "Reserving a set <with> & \"quotes\"",
                       visibility: "hidden", verdict: .panic, points: 0, maxPoints: 3, panic: panic,
                       duration: 0.3, log: hostileLog, chapter: "docs/book/01-set.md#reserve"),
            TestResult(name: "set_many", kernelTest: "test_set_many", title: "Many sets",
                       visibility: "public", verdict: .timeout, points: 0, maxPoints: 1,
                       duration: 10, log: String(repeating: "loop\n", count: 2000)),
            TestResult(name: "set_after", kernelTest: "test_set_after", title: "Depends on set_many",
                       visibility: "public", verdict: .skipped, points: 0, maxPoints: 1),
            TestResult(name: "set_qemu", kernelTest: "test_set_qemu", title: "qemu did not start",
                       visibility: "public", verdict: .infrastructure, points: 1, maxPoints: 1,
                       message: "qemu-system-i386: not found", attempts: 3),
        ],
        duration: 14.5, contentHash: "sha256:aaaa")

    static let bob = SubmissionResult(
        student: "bob", assignment: "01-set", score: 0, maxScore: 12, built: false,
        buildLog: "set.swift:3:1: error: expected '}'\n\u{1B}[1mnote:\u{1B}[0m here", tests: [],
        duration: 2, contentHash: "sha256:bbbb")

    static let carol = SubmissionResult(
        student: "carol", assignment: "01-set", score: 12, maxScore: 12, built: true,
        tests: [TestResult(name: "set_add_get", kernelTest: "test_set_add_get", title: "Adding and getting an element",
                           visibility: "public", verdict: .pass, points: 12, maxPoints: 12, duration: 0.1)],
        duration: 3, contentHash: "sha256:cccc")

    /// A run over three students: partial, build failure, full marks.
    static let report = GradeReport(startedAt: "2026-11-25T10:00:00Z", submissions: [alice, bob, carol])

    /// The notes dan's submission gets: a missing owned file, an ignored
    /// edit (with markup, to check the escaping).
    static let danNotes = ["missing: set/set.swift (the kit's version was used)",
                           "ignored: Makefile <edited> & (not a file of this assignment; your change was not used)"]

    /// A run with notes and a timeout scale of 2.5: dan passes everything.
    static let noted = GradeReport(
        startedAt: "2026-11-25T10:00:00Z",
        submissions: [SubmissionResult(student: "dan", assignment: "01-set", score: 12, maxScore: 12, built: true,
                                       tests: carol.tests, duration: 3, contentHash: "sha256:dddd", notes: danNotes)],
        timeoutScale: 2.5)

    /// The URL of a file in Fixtures/.
    static func fixture(_ name: String) throws -> URL {
        let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)
        return try #require(url)
    }

    /// A fresh empty folder for a test's files.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reports-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
