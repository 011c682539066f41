// Tests/ScriptsTests/TestScorerTests.swift -- one run's points.

import GraderModel
import Testing
@testable import GraderScripts

private let checked = script(points: 4, checks: [CheckSpec(name: "first", points: 1), CheckSpec(name: "order", points: 3)],
                             conversation: [.expect(.literal("set 0x"))], never: [.literal("leak")])

private func run(_ verdict: Verdict, lines: [String] = ["set 0x10"], checks: [KernelCheck] = [],
                 message: String? = nil, panic: PanicReport? = nil) -> RunObservation {
    RunObservation(verdict: verdict, message: message, panic: panic, lines: lines, checks: checks,
                   duration: 0.25, attempts: 2)
}

@Suite struct TestScorerTests {
    @Test func aPassEarnsEveryPointAndDropsTheLog() {
        let result = TestScorer.score(checked, run(.pass))
        #expect(result.verdict == .pass && result.points == 4 && result.maxPoints == 4)
        #expect(result.log == nil && result.message == nil && result.mismatch == nil)
        #expect(result.checks.map(\.points) == [1, 3] && result.checks.allSatisfy(\.passed))
        #expect(result.name == "t" && result.kernelTest == "t" && result.title == "Title of t")
        #expect(result.visibility == "public" && result.chapter == "docs/book/02-set.md")
        #expect(result.duration == 0.25 && result.attempts == 2)
    }

    @Test func aPassWithoutTheExpectedOutputIsWrongOutput() {
        let result = TestScorer.score(checked, run(.pass, lines: ["nothing"]))
        #expect(result.verdict == .wrongOutput && result.points == 0)
        #expect(result.mismatch?.expected == "\"set 0x\"")
        #expect(result.message == "expected \"set 0x\", but line 1 was \"nothing\"")
        #expect(result.log == "nothing")
    }

    @Test func forbiddenOutputTurnsAPassIntoWrongOutput() {
        let result = TestScorer.score(checked, run(.pass, lines: ["set 0x10", "leak of 3 objects"]))
        #expect(result.verdict == .wrongOutput)
        #expect(result.mismatch?.lineNumber == 2)
        #expect(result.message == "line 2 has forbidden output \"leak\"")
    }

    @Test func wrongOutputEarnsThePassingChecks() {
        let result = TestScorer.score(checked, run(.pass, lines: ["leak"], checks: [
            KernelCheck(name: "t.first", passed: true), KernelCheck(name: "order", passed: true),
        ]))
        #expect(result.verdict == .wrongOutput && result.points == 4)
    }

    @Test func aFailureEarnsItsPassingChecksOnly() {
        let result = TestScorer.score(checked, run(.fail, checks: [
            KernelCheck(name: "t.first", passed: true),
            KernelCheck(name: "t.order", passed: false, message: "2 before 1"),
            KernelCheck(name: "t.undeclared", passed: true),
        ], message: "expectEqual failed"))
        #expect(result.verdict == .fail && result.message == "expectEqual failed")
        #expect(result.points == 1)
        #expect(result.checks == [
            CheckResult(name: "first", passed: true, points: 1, maxPoints: 1),
            CheckResult(name: "order", passed: false, points: 0, maxPoints: 3, message: "2 before 1"),
        ])
        #expect(result.mismatch == nil)
        #expect(result.log == "set 0x10")
    }

    @Test func checksNeverReachedAreSaidSo() {
        let result = TestScorer.score(checked, run(.timeout, lines: []))
        #expect(result.points == 0)
        #expect(result.checks.map(\.message) == ["not reached", "not reached"])
        #expect(result.mismatch?.expected == "\"set 0x\"")
    }

    @Test func aPanicKeepsItsReport() {
        let panic = PanicReport(kind: "trap", vector: 6, name: "invalid-opcode", errorCode: 0, eip: 0x1000,
                                registers: ["eax": 1], frames: [.init(address: 0x1000)])
        let result = TestScorer.score(checked, run(.panic, lines: ["set 0x1", "PANIC kind=trap"],
                                                   checks: [KernelCheck(name: "first", passed: true)],
                                                   panic: panic))
        #expect(result.verdict == .panic && result.panic == panic && result.points == 1)
    }

    @Test(arguments: [Verdict.fail, .panic, .tripleFault, .timeout, .noVerdict, .outputFlood])
    func chargedFailuresKeepTheRunnersVerdictAndShowTheConversation(_ verdict: Verdict) {
        let result = TestScorer.score(checked, run(verdict, lines: ["boot"], message: "why"))
        #expect(result.verdict == verdict && result.message == "why" && result.points == 0)
        #expect(result.mismatch != nil)
        #expect(result.verdict.isCharged)
    }

    @Test func aMissingKernelTestShowsNoConversation() {
        let result = TestScorer.score(checked, run(.noSuchTest, lines: ["KTEST NOTEST name=t nonce=1"]))
        #expect(result.verdict == .noSuchTest && result.mismatch == nil && result.points == 0)
    }

    @Test func infrastructureFailuresScoreNothingAndAreNotCharged() {
        let result = TestScorer.score(checked, run(.infrastructure, checks: [KernelCheck(name: "first", passed: true)],
                                                   message: "qemu did not start"))
        #expect(result.verdict == .infrastructure && result.points == 0 && result.checks.isEmpty)
        #expect(result.message == "qemu did not start" && !result.verdict.isCharged)
    }

    @Test func scriptsWithoutConversationPassOnTheRunnersWord() {
        let plain = script(points: 2)
        #expect(TestScorer.score(plain, run(.pass, lines: [])).points == 2)
        #expect(TestScorer.score(plain, run(.fail, lines: [])).mismatch == nil)
    }

    @Test func notRunAndBuildFailureResults() {
        let skipped = TestScorer.notRun(checked, dependency: "reserve", dependencyVerdict: .panic)
        #expect(skipped.verdict == .skipped && skipped.points == 0 && skipped.attempts == 0)
        #expect(skipped.message == "not run: it depends on 'reserve', which ended panic")
        let lost = TestScorer.notRun(checked, dependency: "reserve", dependencyVerdict: .infrastructure)
        #expect(lost.verdict == .infrastructure)
        let broken = TestScorer.buildFailure(checked, message: "set.swift:3: error")
        #expect(broken.verdict == .buildFailure && broken.points == 0 && broken.maxPoints == 4)
    }

    /// Property: whatever the checks report, a non-passing run earns
    /// exactly the points of the declared checks that passed, never more
    /// than the script is worth.
    @Test(arguments: 0 ..< 40)
    func partialCreditIsTheSumOfPassingChecks(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let specs = (0 ..< Int.random(in: 1 ... 6, using: &random)).map {
            CheckSpec(name: "c\($0)", points: Int.random(in: 1 ... 5, using: &random))
        }
        let target = script(points: specs.reduce(0) { $0 + $1.points }, checks: specs)
        let seen = specs.filter { _ in Bool.random(using: &random) }.map {
            KernelCheck(name: "t.\($0.name)", passed: Bool.random(using: &random))
        }
        let result = TestScorer.score(target, run(.fail, checks: seen))
        let expected = specs.filter { spec in seen.contains { $0.name == "t.\(spec.name)" && $0.passed } }
        #expect(result.points == Double(expected.reduce(0) { $0 + $1.points }))
        #expect(result.points <= result.maxPoints)
    }
}
