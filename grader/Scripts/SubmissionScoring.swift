// grader/Scripts/SubmissionScoring.swift -- one submission's score.
//
// Tests run in the assignment's order (each after its dependencies). A
// test whose dependency did not pass is not booted: it is `skipped`, and
// its message names the dependency. The raw points are then scaled: the
// public tests' to the rubric's `public_points`, the hidden tests' to the
// rest of the total (without `public_points`, all together to the total).
// When only the public tests ran, the maximum is their share, and the
// hidden share is reported apart: a student never reads 100 / 100 for
// what is worth 70.

import GraderModel

/// A submission's score on one assignment.
public struct AssignmentScore: Sendable, Equatable {
    /// Raw points earned, over every test.
    public var earned: Double
    /// Raw points available: the sum of every script's points.
    public var available: Double
    /// `earned` scaled to the rubric's total.
    public var score: Double
    /// The most `score` can be: the rubric's total, or the public share
    /// alone when only the public tests ran.
    public var total: Double
    /// The points of the rubric's total the public tests carry.
    public var publicTotal: Double
    /// The points of the rubric's total the hidden tests carry.
    public var hiddenTotal: Double
    /// Tests lost to the grading machinery; while any remain the score
    /// understates the submission and should be regraded.
    public var uncharged: [String]

    /// True when no test was lost to the infrastructure.
    public var isComplete: Bool { uncharged.isEmpty }
}

extension Assignment {
    /// The result to record instead of running `script`, when one of its
    /// dependencies has no passing result in `results` (by script name);
    /// nil when it should run.
    public func skipResult(for script: TestScript, given results: [String: TestResult]) -> TestResult? {
        guard let blocker = script.depends.first(where: { results[$0]?.verdict != .pass }) else { return nil }
        return TestScorer.notRun(script, dependency: blocker, dependencyVerdict: results[blocker]?.verdict)
    }

    /// Runs every script in order through `run`, skipping those whose
    /// dependencies did not pass, and scores each observation. A script
    /// `skipOnHost` holds for (a host run's `host: false` scripts) is not
    /// run either: skipped, 0 points, with a message saying so.
    public func grade(skipping skipOnHost: (TestScript) -> Bool = { _ in false },
                      run: (TestScript) async throws -> RunObservation) async rethrows -> [TestResult] {
        var byName: [String: TestResult] = [:]
        var results: [TestResult] = []
        for script in scripts {
            let result: TestResult
            if skipOnHost(script) {
                result = TestScorer.skippedOnHost(script)
            } else if let skipped = skipResult(for: script, given: byName) {
                result = skipped
            } else {
                result = TestScorer.score(script, try await run(script))
            }
            byName[script.name] = result
            results.append(result)
        }
        return results
    }

    /// Every test's result when the submission did not build.
    public func buildFailureResults(message: String) -> [TestResult] {
        scripts.map { TestScorer.buildFailure($0, message: message) }
    }

    /// The score of `results`: their points over all scripts' points,
    /// scaled to the rubric's total. Scripts without a result count 0.
    ///
    /// Steps: 1. the results of this assignment's scripts; 2. without
    /// `public_points`, all raw points scaled together to the total
    /// (the public share when only public tests ran); 3. with it, each
    /// visibility's raw points scaled to its share.
    public func score(_ results: [TestResult]) -> AssignmentScore {
        // 1.
        let names = Set(scripts.map(\.name))
        let counted = results.filter { names.contains($0.name) }
        let earned = counted.reduce(0) { $0 + $1.points }
        let available = Double(maxPoints)
        let maximum = includesHidden ? rubric.total : publicMaxScore
        let scaled: Double
        if rubric.publicPoints == nil {
            // 2.
            scaled = available > 0 ? earned / available * maximum : 0
        } else {
            // 3.
            scaled = Visibility.allCases.reduce(0) { sum, visibility in
                let raw = Double(rawPoints(visibility))
                let share = visibility == .public ? publicMaxScore : hiddenMaxScore
                let points = counted.filter { script(named: $0.name)?.visibility == visibility }.reduce(0) { $0 + $1.points }
                return sum + (raw > 0 ? points / raw * share : 0)
            }
        }
        return AssignmentScore(earned: earned, available: available, score: scaled, total: maximum,
                               publicTotal: publicMaxScore, hiddenTotal: hiddenMaxScore,
                               uncharged: counted.filter { !$0.verdict.isCharged }.map(\.name))
    }

    /// A `SubmissionResult` for `tests`, scored against this assignment.
    public func submissionResult(student: String, tests: [TestResult], built: Bool, buildLog: String? = nil,
                                 duration: Double, contentHash: String) -> SubmissionResult {
        let score = score(tests)
        var result = SubmissionResult(student: student, assignment: id, score: score.score, maxScore: score.total,
                                      built: built, buildLog: buildLog, tests: tests, duration: duration,
                                      contentHash: contentHash)
        result.publicMaxScore = score.publicTotal
        result.hiddenMaxScore = score.hiddenTotal
        result.hiddenGraded = includesHidden
        return result
    }
}
