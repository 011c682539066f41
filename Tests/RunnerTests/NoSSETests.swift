// Tests/RunnerTests/NoSSETests.swift -- the kernel image holds no SSE instruction.
//
// The CPU starts with SSE disabled, so the first xmm instruction in the
// kernel faults. The Makefile compiles with -march=i686 -mno-sse and the
// machine layer replaces the toolchain's Unicode tables (which are built
// with SSE); these tests disassemble the images to prove that nothing
// slipped through, in the release build here and in the debug build
// beside the gdb tests (GdbSessionTests.swift), which build it anyway.

import Foundation
import GraderRunner
import Testing

extension KernelImageTests {
    @Suite struct NoSSETests {
        @Test func releaseImageHasNoXmmInstruction() async throws {
            let image = try SpineImage.image()
            #expect(try await Self.xmmLines(in: image).isEmpty)
        }

        @Test func theCheckSeesAnXmmInstruction() async throws {
            // The disassembler does name xmm registers: an SSE instruction
            // assembled by hand is found (so an empty result above means
            // something).
            let folder = FileManager.default.temporaryDirectory.path + "/sse-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try "movaps %xmm0, %xmm1\n".write(toFile: folder + "/sse.S", atomically: true, encoding: .utf8)
            let assembled = try await Self.run(["clang", "-target", "i686-unknown-none-elf", "-c", folder + "/sse.S",
                                          "-o", folder + "/sse.o"])
            try #require(assembled.status == 0, "\(assembled.output)")
            #expect(try await Self.xmmLines(in: folder + "/sse.o").count == 1)
        }

        /// The lines of `objdump -d file` that use an xmm register.
        static func xmmLines(in file: String) async throws -> [Substring] {
            let disassembly = try await run(["objdump", "-d", file])
            #expect(disassembly.status == 0, "objdump failed: \(disassembly.output.prefix(500))")
            return disassembly.output.split(separator: "\n").filter { $0.contains("xmm") }
        }

        /// Runs a command found on PATH; its status and output.
        static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
            try await runCommand(arguments)
        }
    }
}
