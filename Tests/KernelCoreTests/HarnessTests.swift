import Testing
@testable import Harness

@Suite struct HarnessRequestTests {
    @Test func readsTestAndNonce() {
        let request = HarnessRequest(commandLine: "test=set_add nonce=00ff list")
        #expect(request.test == "set_add")
        #expect(request.nonce == "00ff")
        #expect(request.list)
    }

    @Test func readsTheSeed() {
        #expect(HarnessRequest(commandLine: "test=x nonce=1 seed=3141592653").seed == 3_141_592_653)
        #expect(HarnessRequest(commandLine: "test=x seed=oops").seed == 0)
    }

    @Test func readsTheSelectedCheck() {
        #expect(HarnessRequest(commandLine: "test=set_add_get nonce=1 check=bptree").check == "bptree")
        #expect(HarnessRequest(commandLine: "test=set_add_get nonce=1").check == nil, "every check by default")
    }

    @Test func emptyCommandLineAsksForNothing() {
        let request = HarnessRequest(commandLine: "")
        #expect(request.test == nil)
        #expect(request.nonce == "0")
        #expect(!request.list)
    }
}
