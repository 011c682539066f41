// grader/Scripts/TestScorer.swift -- one run's points.
//
// The rules, in the order they are applied:
//
// - An infrastructure failure scores 0 and is not charged to the student
//   (`Verdict.isCharged`): the caller retries it.
// - A test passes when the runner saw it pass AND its conversation was
//   completed (with the lines its oracle computed for the run, if it has
//   one) AND no forbidden output appeared. A pass earns all points.
// - A run the runner saw pass but whose output broke the script is
//   `wrong-output`, with the comparison in `mismatch`.
// - Any other run keeps the runner's verdict (fail, panic, timeout, ...).
// - A run that does not pass earns the points of its checks that passed,
//   and its `output_points` if its conversation matched.

import GraderModel

/// Turns runs into `TestResult`s.
public enum TestScorer {
    /// The result of `script` for the run the runner observed.
    ///
    /// 1. Infrastructure: nothing to judge.
    /// 2. Replay the serial lines through the script's conversation.
    /// 3. Decide the verdict and message, then the points.
    public static func score(_ script: TestScript, _ run: RunObservation) -> TestResult {
        // 1.
        guard run.verdict != .infrastructure else {
            return result(script, run, verdict: .infrastructure, message: run.message, checks: [])
        }
        // 2. (with the oracle's lines for this run, if any)
        let outcome = ConversationMatcher.match(run.lines, against: script.expecting(run.expected))
        // 3.
        if run.verdict == .pass && outcome.matched {
            var passed = result(script, run, verdict: .pass, message: nil,
                                checks: fullChecks(script) + outputCheck(script, matched: true))
            passed.points = Double(script.points)
            passed.log = nil
            return passed
        }
        let wrongOutput = run.verdict == .pass
        var failed = result(script, run, verdict: wrongOutput ? .wrongOutput : run.verdict,
                            message: wrongOutput ? outcome.message : run.message,
                            checks: partialChecks(script, run.checks) + outputCheck(script, matched: outcome.matched))
        failed.panic = run.panic
        if showsMismatch(run.verdict) {
            failed.mismatch = outcome.mismatch
        }
        failed.points = failed.checks.reduce(0) { $0 + $1.points }
        return failed
    }

    /// The result of a script that was not run because `dependency`,
    /// which it depends on, ended with `dependencyVerdict`. A dependency
    /// lost to the infrastructure makes this one uncharged as well.
    public static func notRun(_ script: TestScript, dependency: String, dependencyVerdict: Verdict?) -> TestResult {
        let how = dependencyVerdict.map { "ended \($0.rawValue)" } ?? "did not run"
        let message = "not run: it depends on '\(dependency)', which \(how)"
        let verdict: Verdict = dependencyVerdict == .infrastructure ? .infrastructure : .skipped
        return emptyResult(script, verdict: verdict, message: message)
    }

    /// The result of a script a host run does not boot (`host: false`):
    /// skipped, 0 points, and the message says why and where it runs.
    public static func skippedOnHost(_ script: TestScript) -> TestResult {
        emptyResult(script, verdict: .skipped,
                    message: "skipped on the host: this test needs the hardware (host: false); "
                        + "it runs in qemu (without HOST=1)")
    }

    /// The result of a script when the submission did not build.
    public static func buildFailure(_ script: TestScript, message: String) -> TestResult {
        emptyResult(script, verdict: .buildFailure, message: message)
    }

    /// Verdicts where the conversation explains something: not for a
    /// test missing from the image, nor for verdicts the scorer makes.
    private static func showsMismatch(_ verdict: Verdict) -> Bool {
        switch verdict {
        case .pass, .fail, .panic, .tripleFault, .timeout, .noVerdict, .outputFlood: return true
        case .wrongOutput, .noSuchTest, .skipped, .buildFailure, .infrastructure: return false
        }
    }

    /// Every check at full points, for a test that passed.
    private static func fullChecks(_ script: TestScript) -> [CheckResult] {
        script.checks.map {
            CheckResult(name: $0.name, passed: true, points: Double($0.points), maxPoints: Double($0.points))
        }
    }

    /// The declared checks, each earning its points if its line said pass.
    /// Check lines the script does not declare earn nothing.
    private static func partialChecks(_ script: TestScript, _ seen: [KernelCheck]) -> [CheckResult] {
        script.checks.map { check in
            let qualified = "\(script.kernelTest).\(check.name)"
            let line = seen.last { $0.name == check.name || $0.name == qualified }
            let passed = line?.passed ?? false
            return CheckResult(name: check.name, passed: passed, points: passed ? Double(check.points) : 0,
                               maxPoints: Double(check.points),
                               message: line == nil ? "not reached" : line?.message)
        }
    }

    /// The output's points as a check named `output` (none when the
    /// script gives its output no points): earned when the conversation
    /// matched and no `never` pattern appeared.
    private static func outputCheck(_ script: TestScript, matched: Bool) -> [CheckResult] {
        guard script.outputPoints > 0 else { return [] }
        let points = Double(script.outputPoints)
        return [CheckResult(name: "output", passed: matched, points: matched ? points : 0, maxPoints: points,
                            message: matched ? nil : "the expected output was not seen")]
    }

    /// A zero-point result carrying the run's facts.
    private static func result(_ script: TestScript, _ run: RunObservation, verdict: Verdict,
                               message: String?, checks: [CheckResult]) -> TestResult {
        TestResult(name: script.name, kernelTest: script.kernelTest, title: script.title,
                   visibility: script.visibility.rawValue, verdict: verdict, points: 0,
                   maxPoints: Double(script.points), message: message, checks: checks,
                   duration: run.duration, attempts: run.attempts,
                   log: run.log ?? run.lines.joined(separator: "\n"), chapter: script.chapter)
    }

    /// A zero-point result for a script that was never booted.
    private static func emptyResult(_ script: TestScript, verdict: Verdict, message: String) -> TestResult {
        TestResult(name: script.name, kernelTest: script.kernelTest, title: script.title,
                   visibility: script.visibility.rawValue, verdict: verdict, points: 0,
                   maxPoints: Double(script.points), message: message, duration: 0, attempts: 0,
                   chapter: script.chapter)
    }
}

extension Verdict {
    /// False for failures of the grading machinery, which must not cost
    /// the student points: the caller retries them, and a grade that still
    /// holds one is incomplete.
    public var isCharged: Bool { self != .infrastructure }
}
