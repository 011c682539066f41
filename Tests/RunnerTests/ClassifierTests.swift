// Tests/RunnerTests/ClassifierTests.swift -- every rule of RunClassifier, without qemu.

import GraderModel
import Testing
@testable import GraderRunner

/// Evidence for test "t" with a fixed nonce, from lines of serial output.
private func evidence(_ lines: [String], exit: QemuExit, test: String = "t", tripleFault: Bool = false,
                      limit: LimitHit? = nil, diagnostics: String = "") -> RunEvidence {
    let serial = Array(lines.map { $0 + "\n" }.joined().utf8)
    return RunEvidence(test: test, nonce: nonce, serial: serial, exit: exit, tripleFault: tripleFault,
                       limit: limit, diagnostics: diagnostics)
}

private let nonce = Nonce("00112233aabbccdd")!
private let other = "ffeeddccbbaa9988"
private let passStatus = QemuExit.exited(33)
private let failStatus = QemuExit.exited(35)

@Suite struct ClassifierTests {
    @Test func passNeedsStartPassNonceAndExit33() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "hello", "KTEST PASS name=t nonce=\(nonce)"], exit: passStatus))
        #expect(result.verdict == .pass)
    }

    /// Messages name what ran the image: qemu, or the host program of a
    /// host run (the control is the default, qemu).
    @Test func messagesNameTheRunner() {
        var run = evidence(["KTEST START name=t nonce=\(nonce)", "KTEST PASS name=t nonce=\(nonce)"], exit: .exited(0))
        #expect(RunClassifier.classify(run).message.hasPrefix("the test printed PASS but qemu ended with"))
        run.runner = "the host program"
        #expect(RunClassifier.classify(run).message.hasPrefix("the test printed PASS but the host program ended with"))
        var killed = evidence([], exit: .signaled(9))
        killed.runner = "the host program"
        #expect(RunClassifier.classify(killed).message == "the host program was killed by signal 9 from outside the grader")
    }

    @Test func forgedPassWithAnotherNonceIsIgnored() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(other)", "KTEST PASS name=t nonce=\(other)"], exit: passStatus))
        #expect(result.verdict == .noVerdict)
        #expect(result.message.contains("no PASS line carried this run's nonce"))
    }

    @Test func forgedPassWithoutNonceIsIgnored() {
        let result = RunClassifier.classify(evidence(["KTEST START name=t", "KTEST PASS name=t"], exit: passStatus))
        #expect(result.verdict == .noVerdict)
    }

    @Test func passOfAnotherTestDoesNotCount() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "KTEST PASS name=u nonce=\(nonce)"], exit: passStatus))
        #expect(result.verdict == .noVerdict)
    }

    @Test func passWithoutStartDoesNotCount() {
        let result = RunClassifier.classify(evidence(["KTEST PASS name=t nonce=\(nonce)"], exit: passStatus))
        #expect(result.verdict == .noVerdict)
    }

    @Test(arguments: [QemuExit.exited(0), .exited(1), .exited(35), .exited(97), .exited(2)])
    func passLineWithoutPassStatusIsNoVerdict(exit: QemuExit) {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "KTEST PASS name=t nonce=\(nonce)"], exit: exit))
        #expect(result.verdict == .noVerdict)
        #expect(result.message.contains("not the pass status 33"))
    }

    @Test func exitZeroIsNeverAPass() {
        let result = RunClassifier.classify(evidence(["KTEST START name=t nonce=\(nonce)"], exit: .exited(0)))
        #expect(result.verdict == .noVerdict)
    }

    @Test func failAfterPassWins() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "KTEST PASS name=t nonce=\(nonce)",
             "KTEST FAIL name=t nonce=\(nonce) message=late  failure"], exit: passStatus))
        #expect(result.verdict == .fail)
        #expect(result.message == "late  failure")
    }

    @Test func forgedFailWithAnotherNonceIsIgnored() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "KTEST FAIL name=t nonce=\(other) message=x",
             "KTEST PASS name=t nonce=\(nonce)"], exit: passStatus))
        #expect(result.verdict == .pass)
    }

    @Test func failWithEmptyMessageSaysSo() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "KTEST FAIL name=t nonce=\(nonce) message="], exit: failStatus))
        #expect(result.verdict == .fail)
        #expect(result.message == "the test failed (no message)")
    }

    @Test func noTestIsNoSuchTest() {
        let result = RunClassifier.classify(evidence(["KTEST NOTEST name=nope nonce=\(nonce)"], exit: .exited(37),
                                                     test: "nope"))
        #expect(result.verdict == .noSuchTest)
        #expect(result.message.contains("'nope'"))
    }

    @Test func noTestWithAnotherNonceIsIgnored() {
        let result = RunClassifier.classify(evidence(["KTEST NOTEST name=t nonce=0"], exit: .exited(37)))
        #expect(result.verdict == .noVerdict)
    }

    @Test func tripleFaultWithExitZero() {
        let result = RunClassifier.classify(evidence(["KTEST START name=t nonce=\(nonce)"], exit: .exited(0),
                                                     tripleFault: true))
        #expect(result.verdict == .tripleFault)
    }

    @Test func panicWinsOverTripleFaultAndPass() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "KTEST PASS name=t nonce=\(nonce)",
             "PANIC kind=trap vector=6 name=invalid-opcode error=0x00000000 eip=0x00101234 nonce=\(nonce)",
             "PANIC frame 0x00101234", "PANIC end"], exit: .exited(65), tripleFault: true))
        #expect(result.verdict == .panic)
        #expect(result.message == "kernel panic: trap invalid-opcode (vector 6) at 0x00101234")
        #expect(result.panic?.frames.map(\.address) == [0x101234])
    }

    @Test func forgedPanicIsIgnored() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)",
             "PANIC kind=trap vector=6 name=invalid-opcode error=0x00000000 eip=0x00101234 nonce=\(other)",
             "PANIC frame 0x00101234", "PANIC end", "KTEST PASS name=t nonce=\(nonce)"], exit: passStatus))
        #expect(result.verdict == .pass)
        #expect(result.panic == nil)
    }

    @Test func cutPanicReportIsStillAPanic() {
        let result = RunClassifier.classify(evidence(
            ["PANIC kind=exception vector=0 name=divide-error error=0x00000000 eip=0x00100010 nonce=\(nonce)",
             "PANIC frame 0x00100010"], exit: .signaled(9), limit: .idle))
        #expect(result.verdict == .panic)
        #expect(result.message.hasSuffix("(the report was cut short)"))
    }

    @Test func wallClockLimitIsTimeout() {
        let result = RunClassifier.classify(evidence(["KTEST START name=t nonce=\(nonce)"], exit: .signaled(9),
                                                     limit: .wallClock))
        #expect(result.verdict == .timeout)
        #expect(result.message == "no verdict within 10 s (the run's time limit)")
    }

    @Test func idleLimitIsTimeout() {
        let result = RunClassifier.classify(evidence([], exit: .signaled(9), limit: .idle))
        #expect(result.verdict == .timeout)
        #expect(result.message == "no serial output for 5 s (the idle limit)")
    }

    @Test func passLineThenKilledByLimitIsTimeout() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)", "KTEST PASS name=t nonce=\(nonce)"], exit: .signaled(9),
            limit: .wallClock))
        #expect(result.verdict == .timeout)
    }

    @Test func outputLimitIsFlood() {
        let result = RunClassifier.classify(evidence(["KTEST START name=t nonce=\(nonce)", "aaaa"],
                                                     exit: .signaled(9), limit: .output))
        #expect(result.verdict == .outputFlood)
    }

    @Test func foreignSignalIsInfrastructure() {
        let result = RunClassifier.classify(evidence(["KTEST START name=t nonce=\(nonce)"], exit: .signaled(15)))
        #expect(result.verdict == .infrastructure)
    }

    @Test func qemuRejectingTheImageIsInfrastructure() {
        let result = RunClassifier.classify(evidence(
            [], exit: .exited(1), diagnostics: "qemu-system-i386: Error while loading elf kernel\n"))
        #expect(result.verdict == .infrastructure)
        #expect(result.message == "qemu could not run the image: qemu-system-i386: Error while loading elf kernel")
    }

    @Test func statusOneAfterOutputIsTheKernelsDoing() {
        let result = RunClassifier.classify(evidence(["KTEST START name=t nonce=\(nonce)"], exit: .exited(1),
                                                     diagnostics: "warning"))
        #expect(result.verdict == .noVerdict)
    }

    @Test func checksAreCollectedInOrder() {
        let result = RunClassifier.classify(evidence(
            ["KTEST START name=t nonce=\(nonce)",
             "KTEST CHECK name=t.first nonce=\(nonce) status=pass",
             "KTEST CHECK name=t.second nonce=\(nonce) status=fail message=expected 1, got 2",
             "KTEST CHECK name=t.forged nonce=\(other) status=pass",
             "KTEST CHECK name=u.other nonce=\(nonce) status=pass",
             "KTEST FAIL name=t nonce=\(nonce) message=1 check(s) failed"], exit: failStatus))
        #expect(result.verdict == .fail)
        #expect(result.checks == [KernelCheck(name: "first", passed: true),
                                  KernelCheck(name: "second", passed: false, message: "expected 1, got 2")])
    }

    @Test func garbageAndInvalidUTF8DecideNothing() {
        var serial: [UInt8] = [0xFF, 0xFE, 0x00, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x0A, 0xC3, 0x28, 0x0D, 0x0A]
        serial += Array("KTEST START name=t nonce=\(nonce)\r\n".utf8)
        serial += [0x80, 0x81, 0xC0]
        serial += Array("KTEST PASS name=t nonce=\(nonce)\n".utf8)
        serial += [0xF0, 0x9F]  // a cut UTF-8 sequence at the very end
        let run = RunEvidence(test: "t", nonce: nonce, serial: serial, exit: passStatus)
        #expect(RunClassifier.classify(run).verdict == .pass)
    }

    @Test func onlyGarbageIsNoVerdict() {
        let serial: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        let run = RunEvidence(test: "t", nonce: nonce, serial: serial, exit: .exited(0))
        #expect(RunClassifier.classify(run).verdict == .noVerdict)
    }

    @Test func panicStatusWithoutAReportIsNoVerdict() {
        // A panic before the harness knew the nonce prints "nonce=".
        let result = RunClassifier.classify(evidence(
            ["PANIC kind=exception vector=13 name=general-protection error=0x00000000 eip=0x00100000 nonce=",
             "PANIC end"], exit: .exited(65)))
        #expect(result.verdict == .noVerdict)
        #expect(result.message == "the kernel stopped (status 65, the panic exit) without starting the test, "
            + "with no verdict line carrying this run's nonce")
    }

    @Test func emptyOutputIsNoVerdict() {
        let result = RunClassifier.classify(evidence([], exit: .exited(0)))
        #expect(result.verdict == .noVerdict)
        #expect(result.message.contains("without starting the test"))
    }
}
