// Tests/RunnerTests/HarnessLineTests.swift -- parsing protocol lines and panic reports.

import GraderModel
import Testing
@testable import GraderRunner

@Suite struct HarnessLineTests {
    @Test func ktestLines() {
        #expect(HarnessLine("KTEST START name=a nonce=1") == .start(test: "a", nonce: "1"))
        #expect(HarnessLine("KTEST PASS name=a nonce=1") == .pass(test: "a", nonce: "1"))
        #expect(HarnessLine("KTEST NOTEST name= nonce=1") == .noTest(test: "", nonce: "1"))
        #expect(HarnessLine("KTEST TEST name=a nonce=1") == .listed(test: "a", nonce: "1"))
    }

    @Test func messageRunsToTheEndOfTheLine() {
        #expect(HarnessLine("KTEST FAIL name=a nonce=1 message=x  y nonce=2 status=pass")
            == .fail(test: "a", nonce: "1", message: "x  y nonce=2 status=pass"))
    }

    @Test func checkLines() {
        #expect(HarnessLine("KTEST CHECK name=a.b nonce=1 status=pass") == .check(name: "a.b", nonce: "1",
                                                                                  passed: true, message: nil))
        #expect(HarnessLine("KTEST CHECK name=a.b nonce=1 status=fail message=no")
            == .check(name: "a.b", nonce: "1", passed: false, message: "no"))
        #expect(HarnessLine("KTEST CHECK name=a.b nonce=1 status=maybe") == nil)
    }

    @Test func textBeforeTheTagIsSkipped() {
        #expect(HarnessLine("hello without newlineKTEST PASS name=a nonce=1") == .pass(test: "a", nonce: "1"))
    }

    @Test func linesOutsideTheProtocol() {
        #expect(HarnessLine("") == nil)
        #expect(HarnessLine("KTEST") == nil)
        #expect(HarnessLine("KTEST ") == nil)
        #expect(HarnessLine("KTEST PASS name=a") == nil)
        #expect(HarnessLine("KTEST JUMP name=a nonce=1") == nil)
        #expect(HarnessLine("ktest pass name=a nonce=1") == nil)
        #expect(HarnessLine("PANIC frame") == nil)
        #expect(HarnessLine("PANIC frame 0xZZ") == nil)
        #expect(HarnessLine("PANIC frame 0x1234567890") == nil)
        #expect(HarnessLine("PANIC kind=trap vector=x name=a error=0x0 eip=0x0 nonce=1") == nil)
    }

    @Test func panicHeader() {
        let line = "PANIC kind=exception vector=14 name=page-fault error=0x00000002 eip=0x00101abc nonce=1"
        #expect(HarnessLine(line) == .panicHeader(.init(kind: "exception", vector: 14, name: "page-fault",
                                                        errorCode: 2, eip: 0x101ABC, nonce: "1")))
    }

    @Test func panicRegistersAndFrames() {
        #expect(HarnessLine("PANIC regs eax=0x00000001 esp=0x0010fff0 bad=zz")
            == .panicRegisters(["eax": 1, "esp": 0x10FFF0]))
        #expect(HarnessLine("PANIC frame 0x00101234") == .panicFrame(0x101234))
        #expect(HarnessLine("PANIC end") == .panicEnd)
    }

    @Test func fullPanicReport() {
        let nonce = Nonce(value: 0xABC)
        let text = """
            KTEST START name=t nonce=\(nonce)
            PANIC kind=trap vector=6 name=invalid-opcode error=0x00000000 eip=0x00101010 nonce=\(nonce)
            PANIC regs eax=0x00000001 ebx=0x00000002 ecx=0x00000003 edx=0x00000004 esi=0x00000005 edi=0x00000006 ebp=0x00107ff0 esp=0x00107fe0 eflags=0x00000046 cs=0x00000008 cr2=0x00000000
            PANIC frame 0x00101010
            PANIC frame 0x00102020
            PANIC end
            PANIC frame 0x00303030
            """
        let transcript = HarnessTranscript(serial: Array(text.utf8), test: "t", nonce: nonce)
        let panic = transcript.panic
        #expect(transcript.panicComplete)
        #expect(panic?.kind == "trap")
        #expect(panic?.vector == 6)
        #expect(panic?.eip == 0x101010)
        #expect(panic?.registers["ebp"] == 0x107FF0)
        #expect(panic?.registers.count == 11)
        #expect(panic?.frames.map(\.address) == [0x101010, 0x102020])
    }

    @Test func secondPanicIsIgnored() {
        let nonce = Nonce(value: 1)
        let text = """
            PANIC kind=trap vector=6 name=invalid-opcode error=0x00000000 eip=0x00000010 nonce=\(nonce)
            PANIC frame 0x00000010
            PANIC end
            PANIC kind=exception vector=13 name=general-protection error=0x00000000 eip=0x00000020 nonce=\(nonce)
            PANIC frame 0x00000020
            PANIC end
            """
        let panic = HarnessTranscript(serial: Array(text.utf8), test: "t", nonce: nonce).panic
        #expect(panic?.vector == 6)
        #expect(panic?.frames.map(\.address) == [0x10])
    }
}
