import Testing
@testable import KernelCore

@Suite struct HarnessRequestTests {
    @Test func readsTestAndNonce() {
        let request = HarnessRequest(commandLine: "test=set_add nonce=00ff list")
        #expect(request.test == "set_add")
        #expect(request.nonce == "00ff")
        #expect(request.list)
    }

    @Test func emptyCommandLineAsksForNothing() {
        let request = HarnessRequest(commandLine: "")
        #expect(request.test == nil)
        #expect(request.nonce == "0")
        #expect(!request.list)
    }
}
