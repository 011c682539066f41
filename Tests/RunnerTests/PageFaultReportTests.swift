// Tests/RunnerTests/PageFaultReportTests.swift -- the `PANIC fault` line of a
// page fault's report: parsed, kept in the report, named in the verdict's
// message and in the diagnosis; malformed or out-of-place lines ignored.

import GraderModel
import Testing
@testable import GraderRunner

private let nonce = Nonce("00112233aabbccdd")!

/// A page-fault panic report, with `faultLine` after its header.
private func report(_ faultLine: String?, vector: Int = 14, name: String = "page-fault") -> [UInt8] {
    var lines = [
        "KTEST START name=t nonce=\(nonce)",
        "PANIC kind=exception vector=\(vector) name=\(name) error=0x00000002 eip=0x00101abc nonce=\(nonce)",
    ]
    if let faultLine { lines.append(faultLine) }
    lines += [
        "PANIC regs eax=0x00000001 cr2=0x40001000",
        "PANIC frame 0x00101abc",
        "PANIC end",
    ]
    return Array(lines.map { $0 + "\n" }.joined().utf8)
}

@Suite struct PageFaultReportTests {
    @Test func theFaultLineIsParsed() {
        let line = "PANIC fault address=0x40001000 access=write page=present mode=supervisor"
        #expect(HarnessLine(line) == .panicFault(.init(address: 0x4000_1000, access: "write",
                                                         pagePresent: true, user: false)))
        let other = "PANIC fault address=0x00000000 access=read page=not-present mode=user"
        #expect(HarnessLine(other) == .panicFault(.init(address: 0, access: "read", pagePresent: false, user: true)))
    }

    @Test func malformedFaultLinesAreIgnored() {
        #expect(HarnessLine("PANIC fault address=0x40001000 access=write page=present") == nil)
        #expect(HarnessLine("PANIC fault address=zz access=write page=present mode=user") == nil)
        #expect(HarnessLine("PANIC fault address=0x1 access=jump page=present mode=user") == nil)
        #expect(HarnessLine("PANIC fault address=0x1 access=read page=maybe mode=user") == nil)
        #expect(HarnessLine("PANIC fault address=0x1 access=read page=present mode=root") == nil)
    }

    @Test func theReportKeepsTheFaultAndTheMessageNamesIt() {
        let serial = report("PANIC fault address=0x40001000 access=write page=present mode=supervisor")
        let result = RunClassifier.classify(RunEvidence(test: "t", nonce: nonce, serial: serial, exit: .exited(65)))
        #expect(result.verdict == .panic)
        #expect(result.panic?.fault == .init(address: 0x4000_1000, access: "write", pagePresent: true, user: false))
        #expect(result.panic?.registers["cr2"] == 0x4000_1000)
        #expect(result.message.contains("write at 0x40001000: protection violation, supervisor mode"), "\(result.message)")
    }

    @Test func controlAPanicWithoutFaultLineHasNoFault() {
        let serial = report(nil, vector: 13, name: "general-protection")
        let result = RunClassifier.classify(RunEvidence(test: "t", nonce: nonce, serial: serial, exit: .exited(65)))
        #expect(result.verdict == .panic)
        #expect(result.panic?.fault == nil)
        #expect(!result.message.contains(" at 0x40001000"))
    }

    @Test func controlAFaultLineOutsideAReportIsIgnored() {
        let text = """
            KTEST START name=t nonce=\(nonce)
            PANIC fault address=0x40001000 access=write page=present mode=supervisor
            KTEST PASS name=t nonce=\(nonce)
            """
        let transcript = HarnessTranscript(serial: Array(text.utf8), test: "t", nonce: nonce)
        #expect(transcript.panic == nil)
        #expect(transcript.passed)
    }
}
