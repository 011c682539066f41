// grader/Model/Results.swift -- what grading produces.
//
// These types are the contract between the runner (which boots tests),
// the scorer (which turns runs into points) and the report writers
// (JUnit, JSON, Gradescope, Markdown, HTML, terminal). The JSON report is
// exactly these types encoded, and `grader merge` decodes them back, so
// every field is Codable and every change here is a format change: bump
// `GradeReport.formatVersion` when you make one.

import Foundation

/// How one test run ended, from the student's point of view.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    /// The test passed.
    case pass
    /// The test reported a failure (its message is in `message`).
    case fail
    /// The serial conversation did not match the script (see `mismatch`).
    case wrongOutput = "wrong-output"
    /// The kernel panicked: a Swift trap or a CPU exception (`panic`).
    case panic
    /// The CPU reset itself (triple fault) without a panic report.
    case tripleFault = "triple-fault"
    /// The run took too long, or went silent for too long.
    case timeout
    /// The kernel stopped without a verdict line carrying this run's nonce.
    case noVerdict = "no-verdict"
    /// The image has no kernel test of that name.
    case noSuchTest = "no-such-test"
    /// The kernel wrote more serial output than the limit allows.
    case outputFlood = "output-flood"
    /// A test this one depends on did not pass; it was not run.
    case skipped
    /// The submission did not build (diagnostics in `message`).
    case buildFailure = "build-failure"
    /// The grading machinery failed (qemu would not start, ...); never
    /// charged to the student.
    case infrastructure

    /// True only for `.pass`.
    public var isPass: Bool { self == .pass }
}

/// A CPU exception or Swift trap, as the kernel reported it.
public struct PanicReport: Codable, Sendable, Equatable {
    /// "trap" for a Swift runtime trap, "exception" for any other fault.
    public var kind: String
    /// Exception vector (6 for invalid opcode, 0 for divide error, ...).
    public var vector: Int
    /// Exception name ("divide-error", "invalid-opcode", ...).
    public var name: String
    /// The CPU's error code (0 when the exception has none).
    public var errorCode: UInt32
    /// Where it happened.
    public var eip: UInt32
    /// Register name to value, as printed by the kernel.
    public var registers: [String: UInt32]
    /// The backtrace, innermost first, symbolized when possible.
    public var frames: [Frame]
    /// For a page fault, the kernel's `PANIC fault` line: what was
    /// touched and how (nil for other exceptions, and for kernels that
    /// print no such line).
    public var fault: PageFaultDetail?

    /// A page fault as the panic report describes it.
    public struct PageFaultDetail: Codable, Sendable, Equatable {
        /// The faulting virtual address (CR2).
        public var address: UInt32
        /// "read", "write" or "execute".
        public var access: String
        /// True when the page was present (a protection violation),
        /// false when nothing was mapped there.
        public var pagePresent: Bool
        /// True for an access from user mode (ring 3).
        public var user: Bool

        public init(address: UInt32, access: String, pagePresent: Bool, user: Bool) {
            self.address = address
            self.access = access
            self.pagePresent = pagePresent
            self.user = user
        }

        /// "write at 0x40001000: protection violation, supervisor mode".
        public var summary: String {
            let digits = String(address, radix: 16)
            let padded = String(repeating: "0", count: max(0, 8 - digits.count)) + digits
            let cause = pagePresent ? "protection violation" : "page not present"
            return "\(access) at 0x\(padded): \(cause), \(user ? "user" : "supervisor") mode"
        }
    }

    /// One return address of a backtrace.
    public struct Frame: Codable, Sendable, Equatable {
        /// The address.
        public var address: UInt32
        /// The demangled function containing it, when the image knows it.
        public var function: String?
        /// Offset of `address` from the function's start.
        public var offset: UInt32?

        public init(address: UInt32, function: String? = nil, offset: UInt32? = nil) {
            self.address = address
            self.function = function
            self.offset = offset
        }
    }

    public init(kind: String, vector: Int, name: String, errorCode: UInt32, eip: UInt32,
                registers: [String: UInt32], frames: [Frame]) {
        self.kind = kind
        self.vector = vector
        self.name = name
        self.errorCode = errorCode
        self.eip = eip
        self.registers = registers
        self.frames = frames
    }

    /// A page fault's report, with its `PANIC fault` line.
    public init(kind: String, vector: Int, name: String, errorCode: UInt32, eip: UInt32,
                registers: [String: UInt32], frames: [Frame], fault: PageFaultDetail?) {
        self.init(kind: kind, vector: vector, name: name, errorCode: errorCode, eip: eip,
                  registers: registers, frames: frames)
        self.fault = fault
    }
}

/// Where the serial output left the script: for "wrong output" feedback.
public struct Mismatch: Codable, Sendable, Equatable {
    /// One line of the comparison shown to the student.
    public struct Line: Codable, Sendable, Equatable {
        /// GOOD: expected and seen; BAD: seen but forbidden or unexpected;
        /// MISSING: expected and never seen; CONTEXT: output around it.
        public enum Kind: String, Codable, Sendable { case good = "GOOD", bad = "BAD", missing = "MISSING", context = "CONTEXT" }
        public var kind: Kind
        public var text: String
        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }
    /// What was expected (a literal or /regex/).
    public var expected: String
    /// The serial line where it went wrong (nil at end of output).
    public var seen: String?
    /// 1-based serial line number of `seen`.
    public var lineNumber: Int?
    /// The comparison, in order.
    public var lines: [Line]

    public init(expected: String, seen: String?, lineNumber: Int?, lines: [Line]) {
        self.expected = expected
        self.seen = seen
        self.lineNumber = lineNumber
        self.lines = lines
    }
}

/// The points of one sub-check of a test (partial credit).
public struct CheckResult: Codable, Sendable, Equatable {
    public var name: String
    public var passed: Bool
    public var points: Double
    public var maxPoints: Double
    public var message: String?

    public init(name: String, passed: Bool, points: Double, maxPoints: Double, message: String? = nil) {
        self.name = name
        self.passed = passed
        self.points = points
        self.maxPoints = maxPoints
        self.message = message
    }
}

/// One test of one submission.
public struct TestResult: Codable, Sendable, Equatable {
    /// The script's name (its file name without extension).
    public var name: String
    /// The kernel test it boots.
    public var kernelTest: String
    /// A one-line description for reports.
    public var title: String
    /// "public" or "hidden".
    public var visibility: String
    public var verdict: Verdict
    public var points: Double
    public var maxPoints: Double
    /// Why it did not pass, in one or a few lines.
    public var message: String?
    public var checks: [CheckResult]
    public var panic: PanicReport?
    public var mismatch: Mismatch?
    /// Seconds from qemu start to verdict (or kill).
    public var duration: Double
    /// How many times qemu had to be started (infrastructure retries).
    public var attempts: Int
    /// The full serial log, kept for every non-passing test (may be cut
    /// at the flood limit); nil for passes.
    public var log: String?
    /// Where the course book explains what this test covers.
    public var chapter: String?

    public init(name: String, kernelTest: String, title: String, visibility: String, verdict: Verdict,
                points: Double, maxPoints: Double, message: String? = nil, checks: [CheckResult] = [],
                panic: PanicReport? = nil, mismatch: Mismatch? = nil, duration: Double = 0, attempts: Int = 1,
                log: String? = nil, chapter: String? = nil) {
        self.name = name
        self.kernelTest = kernelTest
        self.title = title
        self.visibility = visibility
        self.verdict = verdict
        self.points = points
        self.maxPoints = maxPoints
        self.message = message
        self.checks = checks
        self.panic = panic
        self.mismatch = mismatch
        self.duration = duration
        self.attempts = attempts
        self.log = log
        self.chapter = chapter
    }
}

/// One of the student's own kernel tests, run as a self-check: it
/// passed or it did not, and it never carries points.
public struct SelfCheckResult: Codable, Sendable, Equatable {
    /// The kernel test's name (`func test_<name>`).
    public var name: String
    /// True when the run's verdict was `pass`.
    public var passed: Bool
    /// How the run ended ("pass", "fail", "panic", "output-flood", ...).
    public var verdict: Verdict
    /// Why it did not pass, in a line or a few.
    public var message: String?

    /// A self-check's result with these values.
    public init(name: String, passed: Bool, verdict: Verdict, message: String? = nil) {
        self.name = name
        self.passed = passed
        self.verdict = verdict
        self.message = message
    }
}

/// One submission graded on one assignment.
public struct SubmissionResult: Codable, Sendable, Equatable {
    /// Who: the submission's name (folder or archive name without extension).
    public var student: String
    /// The assignment id ("01-set").
    public var assignment: String
    /// Points earned and available, over every test (hidden ones included).
    public var score: Double
    public var maxScore: Double
    /// True when the submission built.
    public var built: Bool
    /// Compiler diagnostics, paths relative to the submission (build failures).
    public var buildLog: String?
    public var tests: [TestResult]
    /// Seconds spent building and running.
    public var duration: Double
    /// Content hash of what was graded (cache key).
    public var contentHash: String
    /// What the student should know besides the tests, one remark a line:
    /// owned files that were missing (the kit's version was built) and
    /// edits to files the student does not own (not used). Absent from
    /// reports written before format 2; decoded as empty then.
    public var notes: [String]
    /// True when the submission was refused before any build (a hostile
    /// or unreadable archive): its tests are `build-failure` and
    /// `buildLog` says why. Absent before format 3; decoded as false.
    public var refused: Bool
    /// Lines of the owned files a teacher should look at (see
    /// `IntegrityFlag`); they never change the score. Absent before
    /// format 3; decoded as empty.
    public var flags: [IntegrityFlag]
    /// Seconds spent building the image (the Machine module included
    /// when this submission built it) and booting the tests; 0 for a
    /// cached grade or a report written before they were recorded.
    public var buildSeconds: Double = 0
    public var testSeconds: Double = 0
    /// The points of `maxScore`'s total the public tests carry, and the
    /// hidden tests (0 when unknown: reports before format 4).
    public var publicMaxScore: Double = 0
    public var hiddenMaxScore: Double = 0
    /// True when the hidden tests were run; false when only the public
    /// ones were (then `maxScore` is the public share, and
    /// `hiddenMaxScore` more points wait in hidden tests).
    public var hiddenGraded: Bool = true
    /// The compiler's warnings on the student's core, one a line
    /// (`file:line:column: warning: ...`, paths as in the submission):
    /// feedback only, never a failure. Absent before format 4.
    public var warnings: [String] = []
    /// The student's own kernel tests (with no script): run as
    /// self-checks when asked, shown apart, never scored. Absent before
    /// format 4.
    public var selfChecks: [SelfCheckResult] = []

    public init(student: String, assignment: String, score: Double, maxScore: Double, built: Bool,
                buildLog: String? = nil, tests: [TestResult], duration: Double, contentHash: String,
                notes: [String] = [], refused: Bool = false, flags: [IntegrityFlag] = []) {
        self.student = student
        self.assignment = assignment
        self.score = score
        self.maxScore = maxScore
        self.built = built
        self.buildLog = buildLog
        self.tests = tests
        self.duration = duration
        self.contentHash = contentHash
        self.notes = notes
        self.refused = refused
        self.flags = flags
    }

    private enum CodingKeys: String, CodingKey {
        case student, assignment, score, maxScore, built, buildLog, tests, duration, contentHash, notes, refused, flags
        case buildSeconds, testSeconds, publicMaxScore, hiddenMaxScore, hiddenGraded, warnings, selfChecks
    }

    /// Decodes a submission; `notes`, `refused`, `flags`, `buildSeconds`,
    /// `testSeconds` and the fields of format 4 may be absent (reports and cache entries written
    /// before they existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        student = try container.decode(String.self, forKey: .student)
        assignment = try container.decode(String.self, forKey: .assignment)
        score = try container.decode(Double.self, forKey: .score)
        maxScore = try container.decode(Double.self, forKey: .maxScore)
        built = try container.decode(Bool.self, forKey: .built)
        buildLog = try container.decodeIfPresent(String.self, forKey: .buildLog)
        tests = try container.decode([TestResult].self, forKey: .tests)
        duration = try container.decode(Double.self, forKey: .duration)
        contentHash = try container.decode(String.self, forKey: .contentHash)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
        buildSeconds = try container.decodeIfPresent(Double.self, forKey: .buildSeconds) ?? 0
        testSeconds = try container.decodeIfPresent(Double.self, forKey: .testSeconds) ?? 0
        refused = try container.decodeIfPresent(Bool.self, forKey: .refused) ?? false
        flags = try container.decodeIfPresent([IntegrityFlag].self, forKey: .flags) ?? []
        publicMaxScore = try container.decodeIfPresent(Double.self, forKey: .publicMaxScore) ?? 0
        hiddenMaxScore = try container.decodeIfPresent(Double.self, forKey: .hiddenMaxScore) ?? 0
        hiddenGraded = try container.decodeIfPresent(Bool.self, forKey: .hiddenGraded) ?? true
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
        selfChecks = try container.decodeIfPresent([SelfCheckResult].self, forKey: .selfChecks) ?? []
    }

    /// True when only the public tests ran and hidden tests carry more
    /// points: the total is then "x / public public points; y more in
    /// hidden tests".
    public var hiddenPointsPending: Bool {
        !hiddenGraded && hiddenMaxScore > 0
    }
}

/// A whole grading run: what the JSON report holds and `merge` combines.
public struct GradeReport: Codable, Sendable, Equatable {
    /// The JSON format's version. 2 added `notes` to each submission and
    /// `timeoutScale`; 3 added `refused`, `flags`, `buildSeconds` and
    /// `testSeconds` to each submission; 4 added `publicMaxScore`,
    /// `hiddenMaxScore`, `hiddenGraded`, `warnings` and `selfChecks`.
    /// Reports of earlier formats still load (the new fields absent).
    public static let formatVersion = 4

    public var formatVersion: Int
    public var graderVersion: String
    /// ISO 8601 time the run started.
    public var startedAt: String
    public var submissions: [SubmissionResult]
    /// The factor every timeout of the run was multiplied by (see
    /// docs/grader/manual.md, calibration); nil when unknown (a report
    /// of format 1, or a merge of shards graded with different scales).
    public var timeoutScale: Double?

    public init(startedAt: String, submissions: [SubmissionResult], timeoutScale: Double? = nil) {
        self.formatVersion = GradeReport.formatVersion
        self.graderVersion = GraderModel.graderVersion
        self.startedAt = startedAt
        self.submissions = submissions
        self.timeoutScale = timeoutScale
    }
}
