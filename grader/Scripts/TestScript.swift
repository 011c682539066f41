// grader/Scripts/TestScript.swift -- one graded test, as its YAML says.
//
// A test script names the kernel test to boot and says how the run is
// graded: its points, the partial-credit checks, the conversation held on
// the serial port and the output that must never appear. Scripts are
// values: the loader builds them once, validated, and the runner and the
// scorer only read them. docs/grader/scripts.md is the format's manual.

/// Who may see a test: students see public tests (and their source),
/// hidden tests are only run by the teacher's grader.
public enum Visibility: String, Hashable, Sendable, CaseIterable {
    /// In `assignments/<id>/tests/`, shipped to students.
    case `public`
    /// In `assignments/<id>/hidden/`, kept by the teacher.
    case hidden

    /// The assignment folder that holds scripts of this visibility.
    public var folder: String {
        switch self {
        case .public: return "tests"
        case .hidden: return "hidden"
        }
    }
}

/// A named part of a kernel test that earns points on its own.
public struct CheckSpec: Hashable, Sendable {
    /// The name after the test's in `KTEST CHECK name=<test>.<name>`.
    public var name: String
    /// Points earned when the check passes but the whole test does not.
    public var points: Int

    /// Creates a check.
    public init(name: String, points: Int) {
        self.name = name
        self.points = points
    }
}

/// One step of the serial conversation.
public enum ConversationStep: Hashable, Sendable {
    /// Wait for a line matching the pattern.
    case expect(Pattern)
    /// Type these bytes on the serial port.
    case send([UInt8])
}

/// One graded test, loaded from `<name>.yaml`.
public struct TestScript: Hashable, Sendable {
    /// The script's name: its file name without `.yaml`.
    public var name: String
    /// The kernel test to boot (`func test_<kernelTest>`).
    public var kernelTest: String
    /// A one-line description for reports.
    public var title: String
    /// Points for a pass (more than 0).
    public var points: Int
    /// Public or hidden (agrees with the folder the file is in).
    public var visibility: Visibility
    /// Seconds the run may take; nil means the rubric's default.
    public var timeout: Double?
    /// Scripts of the same assignment that must pass before this one runs.
    public var depends: [String]
    /// Where the course book explains what the test covers.
    public var chapter: String?
    /// Partial credit; empty, or points summing to `points` (less
    /// `outputPoints`).
    public var checks: [CheckSpec]
    /// Points earned only when the conversation matched and no `never`
    /// pattern appeared (`output_points`): a run that passed every check
    /// but printed the wrong thing loses them. 0 when the script has none.
    public var outputPoints: Int = 0
    /// Boot the test once per check (`boot_per_check`), each boot running
    /// that check only: a panic, which ends a boot, then costs only its
    /// own check's points.
    public var bootPerCheck = false
    /// Run the guest on instruction-counted time (`icount`): timers and
    /// interleavings repeat exactly, whatever the host's speed or load.
    public var icount = false
    /// The one check a boot runs (`check=<name>` on the kernel command
    /// line); set by the grader on the copies it boots, never in a file.
    public var selectedCheck: String?
    /// Lines to expect and bytes to send, in order.
    public var conversation: [ConversationStep]
    /// Output that fails the test wherever it appears.
    public var never: [Pattern]
    /// The oracle whose lines the run must print, or nil: the name of a
    /// seeded oracle (SeededOracle), or `reference` (`referenceOracle`):
    /// the lines the reference core prints for the same test and seed,
    /// run on the host (GraderKit's ReferenceOracle).
    public var oracle: String?
    /// False for a test that needs the hardware (interrupts, the timer,
    /// the serial port's registers): a host run (`grade --host`, `make
    /// assignment-N HOST=1`) skips it, saying so, and never counts it as
    /// passed (`host: false`).
    public var host = true

    /// The `oracle` value that asks for the reference's own output.
    public static let referenceOracle = "reference"

    /// True when the expected lines come from running the reference.
    public var usesReferenceOracle: Bool { oracle == TestScript.referenceOracle }

    /// The script as a run is judged: its conversation followed by the
    /// lines its oracle computed for that run, each a whole line.
    public func expecting(_ lines: [String]) -> TestScript {
        guard !lines.isEmpty else { return self }
        var script = self
        script.conversation += lines.map { .expect(.line($0)) }
        return script
    }
    /// The file the script was read from.
    public var file: String

    /// The copies of a `boot_per_check` script the grader boots, one per
    /// check, each selecting its check; `[self]` for any other script.
    public var boots: [TestScript] {
        guard bootPerCheck, !checks.isEmpty else { return [self] }
        return checks.map { check in
            var copy = self
            copy.selectedCheck = check.name
            return copy
        }
    }

    /// Creates a script; the loader is the usual way to get one.
    public init(name: String, kernelTest: String, title: String, points: Int,
                visibility: Visibility = .public, timeout: Double? = nil, depends: [String] = [],
                chapter: String? = nil, checks: [CheckSpec] = [], conversation: [ConversationStep] = [],
                never: [Pattern] = [], oracle: String? = nil, file: String = "") {
        self.name = name
        self.kernelTest = kernelTest
        self.title = title
        self.points = points
        self.visibility = visibility
        self.timeout = timeout
        self.depends = depends
        self.chapter = chapter
        self.checks = checks
        self.conversation = conversation
        self.never = never
        self.oracle = oracle
        self.file = file
    }
}
