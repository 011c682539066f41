// Tests/RunnerTests/GdbSessionTests.swift -- source-level gdb on the debug image.
//
// gdb, in batch mode, drives qemu through its gdb stub (qemu started by gdb
// itself on a pipe) with the kit's script (grader/gdb/kernelkit.gdb): a
// breakpoint at a file:line of the core is hit, the backtrace names the
// Swift functions demangled with their files and lines, `next` moves to the
// next line, and the kit's own commands answer.

import Foundation
import Testing
@testable import GraderRunner

/// Where the debug image of the gdb suite is.
enum DebugSpineImage {
    /// Set by the trait for the duration of the suite.
    @TaskLocal static var path: String?
}

/// Builds the 00-spine debug image (`MODE=debug`) around a suite.
struct DebugSpineImageTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.path + "/gdb-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let build = KernelBuild(kitRoot: SpineImage.kitRoot, assignment: "00-spine", mode: .debug, buildDirectory: folder)
        guard case .built(let image) = try await build.run() else {
            Issue.record("the 00-spine debug image did not build")
            return
        }
        try await DebugSpineImage.$path.withValue(image) { try await function() }
    }
}

@Suite(.serialized, DebugSpineImageTrait()) struct GdbSessionTests {
    /// The debug image, or a recorded issue when it did not build.
    private func debugImage() throws -> String {
        try #require(DebugSpineImage.path, "the 00-spine debug image was not built")
    }

    /// The toolchain's swift-demangle, beside swiftc on the PATH (as
    /// the Makefile gives it to gdb).
    private var swiftDemangle: String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let swiftc = folders.map { URL(fileURLWithPath: $0).appendingPathComponent("swiftc") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return swiftc?.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("swift-demangle").path ?? "swift-demangle"
    }

    /// The line of `text` in the kit's file `path` (1-based).
    private func line(of text: String, in path: String) throws -> Int {
        let source = try String(contentsOfFile: SpineImage.kitRoot + "/" + path, encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    /// gdb's output for `commands`, run against a fresh qemu halted on `test`.
    private func gdb(_ image: String, test: String, serial: String = "null", _ commands: [String]) async throws -> String {
        let qemu = "qemu-system-i386 -S -gdb stdio -kernel \(image) -append 'test=\(test) nonce=0'"
            + " -display none -serial \(serial) -monitor none -no-reboot -nodefaults -m 32"
            + " -device isa-debug-exit,iobase=0xf4,iosize=0x04"
        let arguments = ["timeout", "120", "gdb", "-q", "-batch", "-nx", "-x", "grader/gdb/kernelkit.gdb",
                         "-ex", "target remote | \(qemu)"] + commands.flatMap { ["-ex", $0] } + ["-ex", "kill", image]
        return try await runCommand(arguments, in: SpineImage.kitRoot,
                              environment: ["KERNELKIT_SWIFT_DEMANGLE": swiftDemangle]).output
    }

    /// The debug image holds no SSE instruction either (NoSSETests.swift
    /// checks the release image, and that the check can see one).
    @Test func debugImageHasNoXmmInstruction() async throws {
        #expect(try await KernelImageTests.NoSSETests.xmmLines(in: try debugImage()).isEmpty)
    }

    @Test func aBreakpointAtAFileLineOfTheCoreStopsAndSteps() async throws {
        let image = try debugImage()
        let file = "reference/kernel/kernel.swift"
        let first = try line(of: "Machine.register(MachineUpcalls(", in: file)
        let second = try line(of: "for manager in managers {", in: file)
        let output = try await gdb(image, test: "boot_hello", ["break \(file):\(first)", "continue", "bt", "next",
                                                          "info line *$pc"])
        #expect(output.contains("kernel.swift:\(first)"), "the breakpoint was not hit:\n\(output)")
        // The backtrace: demangled Swift names, with their files and lines.
        #expect(output.contains("Kernel.initialize()"), "\(output)")
        #expect(output.contains("kernelMain("), "\(output)")
        #expect(output.contains("entry.swift:"), "\(output)")
        let frames = output.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(frames.count >= 3, "\(output)")
        #expect(!frames.contains { $0.contains(/\$e[0-9]/) }, "a frame is still mangled:\n\(output)")
        // `next` moves to the following line of the same function.
        #expect(output.contains("Line \(second) of \"\(file)\""), "next did not reach line \(second):\n\(output)")
        #expect(!output.contains("Cannot find DIE"), "\(output)")
    }

    @Test func theKitCommandsAnswer() async throws {
        let image = try debugImage()
        let output = try await gdb(image, test: "boot_hello", ["rbreak test_boot_hello", "continue", "kk-test"])
        #expect(output.contains("\nboot_hello\n"), "kk-test did not name the running test:\n\(output)")
        // Negative control: before any test starts, kk-test says so.
        let early = try await gdb(image, test: "boot_hello", ["break kernel_main", "continue", "kk-test"])
        #expect(early.contains("no test is running yet"), "\(early)")
        // kk-sets runs SetManager.dump() in the kernel: once the kernel has
        // started, the container and the sets of the managers started
        // before the test (segments, free areas, spaces, the kernel space's
        // segments and regions, tasks, threads...), on the serial port: a
        // count, then one line per set, the count's own.
        let serial = FileManager.default.temporaryDirectory.appendingPathComponent("gdb-serial-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: serial) }
        _ = try await gdb(image, test: "boot_hello", serial: "file:" + serial, ["rbreak test_boot_hello", "continue", "kk-sets"])
        let printed = (try? String(contentsOfFile: serial, encoding: .utf8)) ?? ""
        let listed = printed.split(separator: "\n").filter { $0.hasPrefix("  set 0x") }
        #expect(listed.count >= 5 && printed.contains("sets: \(listed.count)\n"), "kk-sets printed:\n\(printed)")
        #expect(listed.contains { $0.hasSuffix("kind=segment") }, "kk-sets printed:\n\(printed)")
        // kk-panic stops at the exception with the registers it saved.
        let panic = try await gdb(image, test: "divide_by_zero", ["kk-panic"])
        #expect(panic.contains("exception vector 0 "), "kk-panic:\n\(panic)")
        #expect(panic.contains("eax=0x"), "\(panic)")
    }
}
