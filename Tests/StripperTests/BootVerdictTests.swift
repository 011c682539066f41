// Tests/StripperTests/BootVerdictTests.swift -- reading a skeleton boot's verdict.

import Testing
@testable import StripperKit

@Suite struct BootVerdictTests {
    let nonce = "00000000000000ab"

    @Test func readsEachVerdict() {
        #expect(BootVerdict(output: "Booting from ROM..KTEST START name=t nonce=\(nonce)\nKTEST PASS name=t nonce=\(nonce)\n", nonce: nonce) == .pass)
        #expect(BootVerdict(output: "KTEST FAIL name=t nonce=\(nonce) message=not implemented\n", nonce: nonce) == .fail("not implemented"))
        #expect(BootVerdict(output: "KTEST NOTEST name=t nonce=\(nonce)\n", nonce: nonce) == .noTest)
        #expect(BootVerdict(output: "PANIC kind=trap vector=6 name=x error=0x0 eip=0x1 nonce=\(nonce)\n", nonce: nonce) == .panic)
        #expect(BootVerdict(output: "SeaBIOS\n", nonce: nonce) == .silent)
    }

    @Test func ignoresVerdictsWithoutTheNonce() {
        #expect(BootVerdict(output: "KTEST PASS name=t nonce=1111111111111111\n", nonce: nonce) == .silent)
    }

    @Test func listsTestNames() {
        let output = "KTEST TEST name=a nonce=\(nonce)\nKTEST TEST name=b nonce=\(nonce)\nKTEST TEST name=c nonce=0\n"
        #expect(BootVerdict.testNames(in: output, nonce: nonce) == ["a", "b"])
    }
}
