// Tests/RunnerTests/KernelRunTests.swift -- the spine's kernel tests, booted in qemu.
//
// Each test boots one kernel test of the 00-spine image and checks its
// verdict; every run also checks that no qemu of that run is left.

import GraderModel
import Testing
@testable import GraderRunner

/// Short limits: the spine's tests finish in well under a second.
let testLimits = RunLimits(wallClock: .seconds(8), idle: .seconds(5), outputBytes: 1 << 20)

/// Boots `test` and checks that its qemu is gone afterwards. (A silent
/// boot is not retried here: when these tests once saw one, the cause was
/// the test pool stalled by blocking builds, since fixed; a real one must
/// show.)
func boot(_ test: String, limits: RunLimits = testLimits,
          onLine: @escaping QemuRunner.LineHandler = { _ in [] }) async throws -> KernelTestOutcome {
    let image = try SpineImage.image()
    let nonce = Nonce.random()
    let outcome = try await KernelTestRunner(limits: limits).run(test: test, image: image, nonce: nonce,
                                                                 onLine: onLine)
    #expect(QemuProcesses.matching(nonce.text).isEmpty, "a qemu of this run is still alive")
    #expect(!QemuProcesses.exists(outcome.run.processID), "qemu's pid still exists")
    return outcome
}

extension KernelImageTests {
    @Suite struct VerdictTests {
        @Test func bootHelloPasses() async throws {
            let outcome = try await boot("boot_hello")
            #expect(outcome.verdict == .pass, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.log.contains("hello from the kernel"))
            #expect(outcome.run.exit == .exited(33))
        }

        @Test func failOnPurposeFailsWithItsMessage() async throws {
            let outcome = try await boot("fail_on_purpose")
            #expect(outcome.verdict == .fail)
            #expect(outcome.message == "one plus one is not three")
        }

        @Test(arguments: ["nope", ""])
        func unknownTestIsNoSuchTest(name: String) async throws {
            let outcome = try await boot(name)
            #expect(outcome.verdict == .noSuchTest, "\(outcome.message)\n\(outcome.log)")
        }

        @Test func checksPartialReportsBothChecks() async throws {
            let outcome = try await boot("checks_partial")
            #expect(outcome.verdict == .fail)
            #expect(outcome.checks == [KernelCheck(name: "passes", passed: true),
                                       KernelCheck(name: "fails", passed: false,
                                                   message: "this check fails on purpose")])
        }

        @Test func divideByZeroPanicsInDivideOnPurpose() async throws {
            let outcome = try await boot("divide_by_zero")
            #expect(outcome.verdict == .panic, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.panic?.vector == 0)
            #expect(outcome.panic?.kind == "exception")
            #expect(outcome.panic?.frames.first?.function?.contains("divideOnPurpose") == true)
        }

        @Test func swiftTrapShowsTrapOnPurposeInTheBacktrace() async throws {
            let outcome = try await boot("swift_trap")
            #expect(outcome.verdict == .panic, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.panic?.kind == "trap")
            #expect(outcome.panic?.vector == 6)
            let functions = outcome.panic?.frames.compactMap(\.function) ?? []
            #expect(functions.contains { $0.contains("trapOnPurpose") }, "\(functions)")
            #expect(outcome.panic?.registers["esp"] != nil)
        }

        @Test func generalProtectionCarriesItsErrorCode() async throws {
            let outcome = try await boot("general_protection")
            #expect(outcome.verdict == .panic, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.panic?.vector == 13)
            #expect(outcome.panic?.name == "general-protection")
            #expect(outcome.panic?.errorCode == 0x50)
            #expect(outcome.panic?.fault == nil, "only a page fault's report has a fault line")
        }

        @Test func anUnexpectedPageFaultNamesTheAddress() async throws {
            let outcome = try await boot("page_fault")
            #expect(outcome.verdict == .panic, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.panic?.vector == 14)
            #expect(outcome.panic?.name == "page-fault")
            #expect(outcome.panic?.registers["cr2"] == 0x7654_3210)
            #expect(outcome.panic?.fault == PanicReport.PageFaultDetail(
                address: 0x7654_3210, access: "read", pagePresent: false, user: false))
            #expect(outcome.message.contains("read at 0x76543210: page not present, supervisor mode"), "\(outcome.message)")
            #expect(outcome.panic?.frames.first?.function?.contains("test_page_fault") == true)
        }

        @Test func tripleFaultIsDetected() async throws {
            let outcome = try await boot("triple_fault")
            #expect(outcome.verdict == .tripleFault, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.run.exit == .exited(0))
        }

        @Test func interruptsTimerPasses() async throws {
            let outcome = try await boot("interrupts_timer")
            #expect(outcome.verdict == .pass, "\(outcome.message)\n\(outcome.log)")
        }

        @Test func listTestsNamesTheSpineTests() async throws {
            let names = try await KernelTestRunner(limits: testLimits).listTests(image: try SpineImage.image())
            #expect(names.starts(with: ["boot_hello", "fail_on_purpose", "checks_partial"]))
        }
    }
}
