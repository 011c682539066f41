// Tests/ScriptsTests/BootPerCheckTests.swift -- `boot_per_check`: a panic costs only its own check.

import GraderModel
import Testing
@testable import GraderScripts

/// Two structures' checks, each worth 4, with the panic guard the 01-set scripts use.
private let perStructure = """
    test: set_add_get
    title: T
    points: 8
    boot_per_check: true
    checks:
      - {name: list, points: 4}
      - {name: bptree, points: 4}
    never:
      - {regex: '^PANIC'}
    """

private func boot(_ check: String, _ verdict: Verdict) -> RunObservation {
    let passed = verdict == .pass
    return RunObservation(verdict: verdict, message: passed ? nil : "trap in \(check)",
                          lines: passed ? [] : ["PANIC kind=trap"],
                          checks: passed ? [KernelCheck(name: "set_add_get.\(check)", passed: true)] : [],
                          duration: 0.1, attempts: 1)
}

@Suite struct BootPerCheckTests {
    @Test func eachCheckGetsItsOwnBoot() throws {
        let script = try #require(parseScript(perStructure))
        #expect(script.bootPerCheck)
        #expect(script.boots.map(\.selectedCheck) == ["list", "bptree"])
        #expect(script.boots.allSatisfy { $0.kernelTest == "set_add_get" })
        // Negative control: a script without the key boots once, every check.
        let once = try #require(parseScript(perStructure.replacingOccurrences(of: "boot_per_check: true\n", with: "")))
        #expect(once.boots.map(\.selectedCheck) == [nil])
    }

    @Test func aPanicInOneCheckCostsOnlyThatCheck() throws {
        let script = try #require(parseScript(perStructure))
        let joined = RunObservation.joining([boot("list", .pass), boot("bptree", .panic)], checks: ["list", "bptree"])
        #expect(joined.verdict == .panic)
        #expect(joined.message == "check bptree: trap in bptree")
        let result = TestScorer.score(script, joined)
        #expect(result.points == 4, "the list keeps its points")
        #expect(result.checks.map(\.passed) == [true, false])
        #expect(result.checks.last?.message == "not reached")
        // Every boot passing is a pass at full points.
        let clean = RunObservation.joining([boot("list", .pass), boot("bptree", .pass)], checks: ["list", "bptree"])
        #expect(TestScorer.score(script, clean).verdict == .pass && TestScorer.score(script, clean).points == 8)
        #expect(clean.duration == 0.2)
    }

    @Test func aBootLostToTheInfrastructureIsNotCharged() {
        let lost = RunObservation(verdict: .infrastructure, message: "qemu did not start")
        let joined = RunObservation.joining([boot("list", .panic), lost], checks: ["list", "bptree"])
        #expect(joined.verdict == .infrastructure)
    }

    @Test func bootPerCheckNeedsChecksAndNoConversation() {
        let message = "'boot_per_check' needs 'checks' and no 'conversation' (each boot runs one check; "
            + "a conversation spans the whole test)"
        #expect(scriptDiagnostics("test: t\ntitle: T\npoints: 1\nboot_per_check: true\n").map(\.message) == [message])
        let talking = perStructure + "\nconversation:\n  - expect: hello\n"
        #expect(scriptDiagnostics(talking).map(\.message) == [message])
        #expect(scriptDiagnostics(perStructure.replacingOccurrences(of: "true", with: "yes please")).map(\.message)
                == ["'boot_per_check' must be true or false, found the text \"yes please\""])
    }
}
