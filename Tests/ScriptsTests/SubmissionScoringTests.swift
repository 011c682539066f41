// Tests/ScriptsTests/SubmissionScoringTests.swift -- dependencies and scores.

import GraderModel
import Testing
@testable import GraderScripts

/// reserve <- add <- remove, and an independent show: 2 + 4 + 4 + 10 points.
private let assignment = Assignment(
    id: "01-set",
    rubric: Rubric(assignment: "01-set", title: "Sets", total: 50, studentFiles: ["set/**"]),
    scripts: [script("reserve", points: 2), script("add", points: 4, depends: ["reserve"]),
              script("remove", points: 4, depends: ["add"]), script("show", points: 10)])

/// Grades `assignment` with the given verdict per script (pass by default).
private func grade(_ verdicts: [String: Verdict]) async -> (results: [TestResult], ran: [String]) {
    var ran: [String] = []
    let results = await assignment.grade { script in
        ran.append(script.name)
        return RunObservation(verdict: verdicts[script.name] ?? .pass)
    }
    return (results, ran)
}

@Suite struct SubmissionScoringTests {
    @Test func everythingPassingScoresTheTotal() async {
        let (results, ran) = await grade([:])
        #expect(ran == ["reserve", "add", "remove", "show"])
        let score = assignment.score(results)
        #expect(score.earned == 20 && score.available == 20 && score.score == 50 && score.total == 50)
        #expect(score.isComplete)
    }

    @Test func aFailedDependencySkipsItsDependentsTransitively() async {
        let (results, ran) = await grade(["reserve": .fail])
        #expect(ran == ["reserve", "show"])
        #expect(results.map(\.verdict) == [.fail, .skipped, .skipped, .pass])
        #expect(results[1].message == "not run: it depends on 'reserve', which ended fail")
        #expect(results[2].message == "not run: it depends on 'add', which ended skipped")
        #expect(assignment.score(results).score == 25)
    }

    @Test func scoresScaleToTheTotal() async {
        let (results, _) = await grade(["show": .timeout, "remove": .panic])
        let score = assignment.score(results)
        #expect(score.earned == 6 && score.score == 15)
    }

    @Test func infrastructureLossesAreListedAndPropagateUncharged() async {
        let (results, _) = await grade(["add": .infrastructure])
        #expect(results.map(\.verdict) == [.pass, .infrastructure, .infrastructure, .pass])
        let score = assignment.score(results)
        #expect(score.uncharged == ["add", "remove"] && !score.isComplete)
    }

    @Test func skipResultNeedsEveryDependencyToPass() {
        let remove = assignment.script(named: "remove")!
        #expect(assignment.skipResult(for: remove, given: [:])?.message == "not run: it depends on 'add', which did not run")
        let passed = TestScorer.score(assignment.script(named: "add")!, RunObservation(verdict: .pass))
        #expect(assignment.skipResult(for: remove, given: ["add": passed]) == nil)
    }

    @Test func aBuildFailureFailsEveryTest() {
        let results = assignment.buildFailureResults(message: "set/set.swift:10:5: error: ...")
        #expect(results.count == 4 && results.allSatisfy { $0.verdict == .buildFailure && $0.points == 0 })
        let submission = assignment.submissionResult(student: "ada", tests: results, built: false,
                                                     buildLog: "log", duration: 1, contentHash: "abc")
        #expect(submission.score == 0 && submission.maxScore == 50 && !submission.built)
        #expect(submission.assignment == "01-set" && submission.student == "ada")
    }

    @Test func resultsOfOtherScriptsAreNotCounted() {
        let stray = TestResult(name: "stray", kernelTest: "x", title: "x", visibility: "public", verdict: .pass,
                               points: 100, maxPoints: 100)
        #expect(assignment.score([stray]).earned == 0)
    }

    /// public_points: 70 of 100. Public scripts worth 10 raw points, hidden
    /// ones 40: each group scales to its own share.
    @Test func publicPointsGiveEachGroupItsShare() {
        let rubric = Rubric(assignment: "01-set", title: "Sets", total: 100, publicPoints: 70)
        let scripts = [script("a", points: 4), script("b", points: 6),
                       TestScript(name: "h", kernelTest: "h", title: "h", points: 40, visibility: .hidden)]
        let all = Assignment(id: "01-set", rubric: rubric, scripts: scripts)
        func result(_ name: String, _ points: Double) -> TestResult {
            TestResult(name: name, kernelTest: name, title: name, visibility: "public", verdict: .pass,
                       points: points, maxPoints: points)
        }
        // Every public point and half the hidden ones: 70 + 15.
        let full = all.score([result("a", 4), result("b", 6), result("h", 20)])
        #expect(full.score == 85 && full.total == 100 && full.publicTotal == 70 && full.hiddenTotal == 30)
        // The public tests alone: 70 / 70, with 30 more in hidden tests.
        let publicOnly = Assignment(id: "01-set", rubric: rubric, scripts: Array(scripts.prefix(2)), includesHidden: false)
        let graded = publicOnly.submissionResult(student: "s", tests: [result("a", 4), result("b", 6)], built: true,
                                                 duration: 0, contentHash: "")
        #expect(graded.score == 70 && graded.maxScore == 70 && graded.hiddenMaxScore == 30 && graded.hiddenPointsPending)
        // Control: without public_points, the public tests scale to the whole total.
        let unsplit = Assignment(id: "01-set", rubric: Rubric(assignment: "01-set", title: "Sets", total: 100),
                                 scripts: Array(scripts.prefix(2)), includesHidden: false)
        let old = unsplit.submissionResult(student: "s", tests: [result("a", 4), result("b", 6)], built: true,
                                           duration: 0, contentHash: "")
        #expect(old.score == 100 && old.maxScore == 100 && !old.hiddenPointsPending)
    }
}
