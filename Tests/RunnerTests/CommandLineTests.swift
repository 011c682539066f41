// Tests/RunnerTests/CommandLineTests.swift -- the `grader` command, end to end.
//
// `swift test` builds every product of the package, so the grader
// executable sits next to the test bundle; these tests run it as a user
// would and check what it prints and its exit status.

import Foundation
import Subprocess
import Testing
#if canImport(SystemPackage)
import SystemPackage
#endif

/// What one `grader` invocation printed and returned.
struct GraderInvocation {
    var status: TerminationStatus
    var output: String
    var errors: String

    /// Runs the grader next to the test bundle with `arguments`.
    static func run(_ arguments: [String]) async throws -> GraderInvocation {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let grader = bundle.appendingPathComponent("grader").path
        try #require(FileManager.default.isExecutableFile(atPath: grader), "no grader executable at \(grader)")
        let result = try await Subprocess.run(.path(FilePath(grader)), arguments: Arguments(arguments),
                                              output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        return GraderInvocation(status: result.terminationStatus, output: result.standardOutput,
                                errors: result.standardError)
    }
}

extension KernelImageTests {
    @Suite struct CommandLineTests {
        @Test func runTestPassExitsZero() async throws {
            let run = try await GraderInvocation.run(["run-test", "--image", try SpineImage.image(),
                                                      "--test", "boot_hello"])
            #expect(run.status == .exited(0))
            #expect(run.output.hasPrefix("boot_hello: PASS"))
        }

        @Test func runTestFailExitsOneWithTheMessage() async throws {
            let run = try await GraderInvocation.run(["run-test", "--image", try SpineImage.image(),
                                                      "--test", "fail_on_purpose"])
            #expect(run.status == .exited(1))
            #expect(run.output.contains("fail_on_purpose: FAIL"))
            #expect(run.output.contains("one plus one is not three"))
        }

        @Test func runTestSendsLinesAfterStart() async throws {
            let run = try await GraderInvocation.run(["run-test", "--image", try SpineImage.image(),
                                                      "--test", "serial_echo", "--send", "hello", "--verbose"])
            #expect(run.status == .exited(0), "\(run.output)")
            #expect(run.output.contains("| echo: hello"))
        }

        @Test func runTestShowsTheSymbolizedBacktrace() async throws {
            let run = try await GraderInvocation.run(["run-test", "--image", try SpineImage.image(),
                                                      "--test", "swift_trap"])
            #expect(run.status == .exited(1))
            #expect(run.output.contains("swift_trap: PANIC"))
            #expect(run.output.contains("Harness.trapOnPurpose("), "\(run.output)")
        }

        @Test func runTestWithoutImageExitsTwo() async throws {
            let run = try await GraderInvocation.run(["run-test", "--image", "/nonexistent.elf", "--test", "x"])
            #expect(run.status == .exited(2))
            #expect(run.errors == "error: no kernel image at /nonexistent.elf\n")
        }

        @Test func runTestRejectsANonsenseTimeout() async throws {
            let run = try await GraderInvocation.run(["run-test", "--image", try SpineImage.image(),
                                                      "--test", "boot_hello", "--timeout", "0"])
            #expect(run.status != .exited(0))
            #expect(run.errors.contains("--timeout must be a positive number of seconds"))
        }

        @Test func listTestsPrintsOneNameALine() async throws {
            let run = try await GraderInvocation.run(["list-tests", "--image", try SpineImage.image()])
            #expect(run.status == .exited(0))
            #expect(run.output.hasPrefix("boot_hello\nfail_on_purpose\nchecks_partial\n"))
        }

        @Test func stabilityBootsEachTestAsOftenAsAsked() async throws {
            let run = try await GraderInvocation.run(["stability", "--kit", SpineImage.kitRoot, "--assignment", "00-spine",
                                                      "--image", try SpineImage.image(), "--runs", "3",
                                                      "--test", "boot_hello", "--test", "serial_echo"])
            #expect(run.status == .exited(0), "\(run.output)\(run.errors)")
            #expect(run.output.contains("  boot_hello: 3 × pass "))
            #expect(run.output.contains("  serial_echo: 3 × pass "))
            #expect(run.output.hasSuffix("2 test(s) × 3 run(s): every test gave the same outcome every time\n"))
            #expect(run.errors.contains("[6/6] serial_echo: pass"))
        }

        @Test func stabilityRefusesATestTheAssignmentDoesNotHave() async throws {
            let run = try await GraderInvocation.run(["stability", "--kit", SpineImage.kitRoot, "--assignment", "00-spine",
                                                      "--image", try SpineImage.image(), "--test", "no_such_test"])
            #expect(run.status == .exited(2))
            #expect(run.errors.contains("00-spine has no test named no_such_test"))
        }
    }
}
