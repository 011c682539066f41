// grader/GraderKit/Calibration/StabilityCheck.swift -- does a test give the same verdict every time?
//
// A test whose verdict changes from one boot to the next is unfair: the
// same kernel would score differently on two days. Scheduler and timer
// tests run on qemu's instruction-counted time for that reason, and this
// check is how a teacher proves it: every test of an image is booted many
// times, exactly as grading boots it (its conversation, its limits, one
// boot per check where the script says so, retries when qemu could not
// start), each run is scored, and any test with more than one outcome is
// named with what it gave.

import Foundation

/// What one scored run of a test came to: the verdict, the points, and
/// the checks that did not pass. Two runs agree when these are equal.
public struct RunOutcome: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The scorer's verdict.
    public var verdict: Verdict
    /// The points the run earned.
    public var points: Double
    /// The names of the checks that failed, sorted.
    public var failedChecks: [String]

    /// The outcome of a scored test.
    public init(_ result: TestResult) {
        verdict = result.verdict
        points = result.points
        failedChecks = result.checks.filter { !$0.passed }.map(\.name).sorted()
    }

    /// "pass 5", or "fail 3 (order, count)".
    public var description: String {
        let checks = failedChecks.isEmpty ? "" : " (" + failedChecks.joined(separator: ", ") + ")"
        return "\(verdict.rawValue) \(String(format: "%g", points))" + checks
    }

    /// By description, so that reports list outcomes in a stable order.
    public static func < (left: RunOutcome, right: RunOutcome) -> Bool {
        left.description < right.description
    }
}

/// One test's outcomes over every run.
public struct TestStability: Sendable, Equatable {
    /// The script's name.
    public var name: String
    /// How many runs gave each outcome.
    public var outcomes: [RunOutcome: Int]
    /// The runs' durations in seconds, in the order they were started.
    public var durations: [Double]

    /// True when every run gave the same outcome.
    public var isStable: Bool { outcomes.count <= 1 }

    /// "timer_one_shot: 20 × pass 5" or "sleep: 17 × pass 4, 3 × timeout 0".
    public var line: String {
        let counts = outcomes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
        let slowest = durations.max().map { String(format: ", slowest %.1f s", $0) } ?? ""
        return "\(name): \(counts)\(slowest)"
    }
}

/// Every test's outcomes.
public struct StabilityReport: Sendable {
    /// Runs per test.
    public var runs: Int
    /// One entry per test, in the assignment's order.
    public var tests: [TestStability]

    /// The tests whose outcome changed.
    public var unstable: [TestStability] { tests.filter { !$0.isStable } }

    /// A line per test, unstable ones marked, and a closing verdict.
    public var text: String {
        var lines = tests.map { ($0.isStable ? "  " : "✘ ") + $0.line }
        let failing = unstable.count
        lines.append(failing == 0
            ? "\(tests.count) test(s) × \(runs) run(s): every test gave the same outcome every time"
            : "\(failing) of \(tests.count) test(s) changed outcome over \(runs) run(s): grading them is unfair until fixed")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Boots an image's tests many times and compares their outcomes.
public struct StabilityCheck: Sendable {
    /// Boots and scores as grading does.
    public let grader: SubmissionGrader
    /// Runs per test.
    public let runs: Int
    /// Runs booted at once.
    public let jobs: Int

    /// A check booting each test `runs` times, `jobs` at once.
    public init(grader: SubmissionGrader, runs: Int, jobs: Int = 1) {
        self.grader = grader
        self.runs = max(1, runs)
        self.jobs = max(1, jobs)
    }

    /// Boots every script named in `tests` (all when nil) `runs` times on
    /// `image`; `progress` hears each run as it ends (runs done, total,
    /// script, outcome).
    ///
    /// Steps: 1. the scripts and the list of runs, script by script;
    /// 2. boot them `jobs` at a time, scoring each run as grading does;
    /// 3. gather the outcomes per script, in the assignment's order.
    public func measure(image: String, tests: Set<String>? = nil,
                        progress: @escaping @Sendable (Int, Int, String, RunOutcome) -> Void = { _, _, _, _ in })
        async -> StabilityReport {
        // 1.
        let scripts = grader.assignment.scripts.filter { tests?.contains($0.name) ?? true }
        let work = scripts.flatMap { script in Array(repeating: script, count: runs) }
        // 2.
        let grader = grader
        let total = work.count
        let results = await BoundedJobs(jobs: jobs).map(work, completed: { done, run in
            progress(done, total, run.script, run.outcome)
        }) { script in
            let observation = await grader.bootEachCheck(script, image: image)
            return (script: script.name, outcome: RunOutcome(TestScorer.score(script, observation)),
                    seconds: observation.duration)
        }
        // 3.
        let measured = scripts.map { script in
            let mine = results.filter { $0.script == script.name }
            return TestStability(name: script.name,
                                 outcomes: mine.reduce(into: [:]) { $0[$1.outcome, default: 0] += 1 },
                                 durations: mine.map(\.seconds))
        }
        return StabilityReport(runs: runs, tests: measured)
    }
}
