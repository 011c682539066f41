// Tests/ScriptsTests/OutputPointsTests.swift -- `output_points`: the output's own share of a test.

import GraderModel
import Testing
@testable import GraderScripts

/// A script worth 6: two checks of 2 and 2 points for its dump.
private let dumping = """
    test: t
    title: T
    points: 6
    checks:
      - {name: reserve, points: 2}
      - {name: release, points: 2}
    output_points: 2
    conversation:
      - expect: {regex: '^sets: 3$'}
    """

private func observed(_ verdict: Verdict, lines: [String], checks: [String] = ["reserve", "release"]) -> RunObservation {
    RunObservation(verdict: verdict, lines: lines, checks: checks.map { KernelCheck(name: "t.\($0)", passed: true) },
                   duration: 0.1, attempts: 1)
}

@Suite struct OutputPointsTests {
    @Test func wrongOutputLosesTheOutputPointsOnly() throws {
        let script = try #require(parseScript(dumping))
        #expect(script.outputPoints == 2)
        let wrong = TestScorer.score(script, observed(.pass, lines: ["sets: 2"]))
        #expect(wrong.verdict == .wrongOutput && wrong.points == 4 && wrong.maxPoints == 6)
        #expect(wrong.checks.last == CheckResult(name: "output", passed: false, points: 0, maxPoints: 2,
                                                 message: "the expected output was not seen"))
        // Negative control: the right dump keeps every point.
        let right = TestScorer.score(script, observed(.pass, lines: ["sets: 3"]))
        #expect(right.verdict == .pass && right.points == 6)
        #expect(right.checks.map(\.name) == ["reserve", "release", "output"])
    }

    @Test func aFailedRunKeepsTheOutputPointsWhenItsOutputMatched() throws {
        let script = try #require(parseScript(dumping))
        let failed = TestScorer.score(script, observed(.fail, lines: ["sets: 3"], checks: ["reserve"]))
        #expect(failed.verdict == .fail && failed.points == 4)
        let silent = TestScorer.score(script, observed(.fail, lines: [], checks: ["reserve"]))
        #expect(silent.points == 2)
    }

    @Test func withoutOutputPointsWrongOutputKeepsTheChecks() throws {
        // The rule before output_points, unchanged for scripts without it.
        let plain = dumping.replacingOccurrences(of: "points: 6", with: "points: 4")
            .replacingOccurrences(of: "output_points: 2\n", with: "")
        let script = try #require(parseScript(plain))
        #expect(TestScorer.score(script, observed(.pass, lines: ["sets: 2"])).points == 4)
    }

    @Test func inconsistentOutputPointsAreErrors() {
        let wrongSum = dumping.replacingOccurrences(of: "output_points: 2", with: "output_points: 3")
        #expect(scriptDiagnostics(wrongSum).map(\.message)
                == ["the checks' points (4) and output_points (3) sum to 7 but the script is worth 6"])
        let noOutput = "test: t\ntitle: T\npoints: 3\nchecks:\n  - {name: a, points: 2}\noutput_points: 1\n"
        #expect(scriptDiagnostics(noOutput).map(\.message)
                == ["'output_points' needs a 'conversation' or 'never' patterns: there is no output to judge"])
        let noChecks = "test: t\ntitle: T\npoints: 3\noutput_points: 1\nnever: [leak]\n"
        #expect(scriptDiagnostics(noChecks).map(\.message)
                == ["'output_points' needs 'checks' for the other points of the script"])
        let named = dumping.replacingOccurrences(of: "name: release", with: "name: output")
        #expect(scriptDiagnostics(named).map(\.message)
                == ["a check may not be named 'output' when the script has 'output_points'"])
    }
}
