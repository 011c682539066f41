// Tests/ScriptsTests/OracleAndHostTests.swift -- oracle lines in the score, and host runs' skips.
//
// The oracle's lines (a seeded oracle's, or the reference's) travel in the
// observation and the scorer expects each as a whole line after the
// script's conversation; `host: false` scripts are skipped by a host run,
// never counted as passed; `oracle: reference` is checked when loaded.

import GraderModel
import Testing
@testable import GraderScripts

/// A seeded script and an observation of a run that passed.
private let oracleScript: TestScript = {
    var script = script("o", points: 3)
    script.oracle = TestScript.referenceOracle
    return script
}()

private func passed(_ lines: [String], expected: [String]) -> RunObservation {
    var run = RunObservation(verdict: .pass, lines: ["KTEST START name=o nonce=1"] + lines + ["KTEST PASS name=o nonce=1"])
    run.expected = expected
    return run
}

@Suite struct OracleAndHostTests {
    @Test func theOraclesLinesEarnThePoints() {
        let result = TestScorer.score(oracleScript, passed(["banner", "a=1", "noise", "b=2"], expected: ["a=1", "b=2"]))
        #expect(result.verdict == .pass && result.points == 3)
    }

    @Test func anotherLineIsWrongOutputNamingBoth() {
        let result = TestScorer.score(oracleScript, passed(["a=1", "b=3"], expected: ["a=1", "b=2"]))
        #expect(result.verdict == .wrongOutput && result.points == 0)
        #expect(result.message == "expected line \"b=2\", but line 3 was \"b=3\"", "\(result.message ?? "")")
    }

    // Negative control: a kernel that prints only the verdict.
    @Test func onlyThePassLineFails() {
        let result = TestScorer.score(oracleScript, passed([], expected: ["a=1"]))
        #expect(result.verdict == .wrongOutput && result.points == 0)
        #expect(result.message?.hasPrefix("expected line \"a=1\", but the output ended") == true, "\(result.message ?? "")")
    }

    @Test func anOracleLineMustBeTheWholeLine() {
        let prefix = TestScorer.score(oracleScript, passed(["count=24"], expected: ["count=2"]))
        #expect(prefix.verdict == .wrongOutput)
        let longer = TestScorer.score(oracleScript, passed(["x count=2"], expected: ["count=2"]))
        #expect(longer.verdict == .wrongOutput)
        let carriage = TestScorer.score(oracleScript, passed(["count=2\r"], expected: ["count=2"]))
        #expect(carriage.verdict == .pass)
    }

    // The seeded oracles' lines used to reach the live driver only, so a
    // run that printed none still passed: they are scored now.
    @Test func aSeededOraclesLinesAreScored() throws {
        var seeded = script("set_seeded", points: 3)
        seeded.oracle = "set_seeded"
        let expected = seeded.seededLines(42)
        #expect(expected.count == 8)
        let silent = TestScorer.score(seeded, passed([], expected: expected))
        #expect(silent.verdict == .wrongOutput)
        let right = TestScorer.score(seeded, passed(expected, expected: expected))
        #expect(right.verdict == .pass && right.points == 3)
    }

    @Test func hostFalseIsReadAndDefaultsToTrue() throws {
        let plain = try #require(parseScript("test: x\ntitle: X\npoints: 1\n"))
        #expect(plain.host)
        let hardware = try #require(parseScript("test: x\ntitle: X\npoints: 1\nhost: false\n"))
        #expect(!hardware.host)
        let wrong = scriptDiagnostics("test: x\ntitle: X\npoints: 1\nhost: sometimes\n")
        #expect(wrong.count == 1 && wrong.first?.location.line == 4, "\(wrong)")
    }

    @Test func theReferenceOracleIsHiddenOnly() {
        let hidden = scriptDiagnostics("test: x\ntitle: X\npoints: 1\noracle: reference\n", folder: .hidden)
        #expect(hidden.isEmpty, "\(hidden)")
        let visible = scriptDiagnostics("test: x\ntitle: X\npoints: 1\noracle: reference\n", folder: .public)
        #expect(visible.count == 1 && visible.first?.message.contains("put the script in hidden/") == true, "\(visible)")
        let perCheck = scriptDiagnostics("""
            test: x
            title: X
            points: 1
            oracle: reference
            boot_per_check: true
            checks: [{name: a, points: 1}]
            """, folder: .hidden)
        #expect(perCheck.contains { $0.message.contains("boot_per_check") }, "\(perCheck)")
        let offHost = scriptDiagnostics("test: x\ntitle: X\npoints: 1\noracle: reference\nhost: false\n", folder: .hidden)
        #expect(offHost.contains { $0.message.contains("host: false") }, "\(offHost)")
        let unknown = scriptDiagnostics("test: x\ntitle: X\npoints: 1\noracle: guess\n")
        #expect(unknown.first?.message.contains("reference") == true, "\(unknown)")
    }

    @Test func aHostRunSkipsHardwareTestsAndTheirDependents() async {
        var hardware = script("timer", points: 5)
        hardware.host = false
        let dependent = script("after", points: 2, depends: ["timer"])
        let free = script("sets", points: 3)
        let assignment = Assignment(id: "00-x", rubric: Rubric(assignment: "00-x", title: "X", total: 10),
                                    scripts: [hardware, dependent, free])
        var booted: [String] = []
        let results = await assignment.grade(skipping: { !$0.host }) { script in
            booted.append(script.name)
            return RunObservation(verdict: .pass)
        }
        #expect(booted == ["sets"])
        #expect(results[0].verdict == .skipped && results[0].points == 0)
        #expect(results[0].message?.hasPrefix("skipped on the host") == true)
        #expect(results[1].verdict == .skipped && results[1].message?.contains("timer") == true)
        #expect(results[2].verdict == .pass)
        // Without the skip (a qemu run) the hardware test runs.
        let all = await assignment.grade { _ in RunObservation(verdict: .pass) }
        #expect(all.allSatisfy { $0.verdict == .pass })
    }
}
