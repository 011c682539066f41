// Tests/RunnerTests/KernelBuildTests.swift -- KernelBuild's failures: a
// student's compile error, a missing tool.

import Foundation
import Testing
@testable import GraderRunner

extension KernelImageTests {
    @Suite struct KernelBuildTests {
        @Test func compileErrorGivesRelativeDiagnostics() async throws {
            // 1. a core that is the probe kit's plus one broken file
            let (folder, coreFolder) = try scratchCopyOfTheProbeCore("broken-core")
            defer { try? FileManager.default.removeItem(at: folder) }
            let scratch = folder.path
            let core = coreFolder.path
            try "let broken: Int = \"not a number\"\n".write(toFile: core + "/broken.swift", atomically: true,
                                                             encoding: .utf8)
            // 2. the build fails and says where, relative to the core
            let build = KernelBuild(kitRoot: SpineImage.kitRoot, assignment: "00-spine", core: core,
                                    buildDirectory: scratch + "/build", diagnosticsRoot: core)
            guard case .failed(let failure) = try await build.run() else {
                Issue.record("a core with a type error built")
                return
            }
            #expect(failure.summary.hasPrefix("broken.swift:1:"), "\(failure.summary)")
            #expect(failure.summary.contains("error:"))
            #expect(!failure.diagnostics.contains(scratch))
            #expect(failure.exitStatus != 0)
        }

        @Test func anIncompleteToolchainIsNamed() async throws {
            var build = KernelBuild(kitRoot: SpineImage.kitRoot, assignment: "00-spine",
                                    buildDirectory: FileManager.default.temporaryDirectory.path + "/unused")
            build.environment = ["SWIFT_BIN": "/nonexistent/"]
            await #expect(throws: RunnerError.toolCheckFailed(
                "error: /nonexistent/ld.lld not found: use a full Swift 6.3 toolchain (it ships ld.lld)")) {
                try await build.run()
            }
        }

        @Test func relativizedRemovesBothRoots() {
            let build = KernelBuild(kitRoot: "/kit", assignment: "a", core: "/sub/core", diagnosticsRoot: "/sub/core")
            #expect(build.relativized("/sub/core/set/set.swift:3:1: error: x\n/kit/machine/ia32/a.swift:1:1\n"
                                      + "make: *** [Makefile:86: /kit/build/release/a/kernel.o] Error 1")
                == "set/set.swift:3:1: error: x\nmachine/ia32/a.swift:1:1\nmake: *** [Makefile:86: a/kernel.o] Error 1")
            #expect(build.imagePath == "/kit/build/release/a.elf")
            #expect(build.makeArguments() == ["-C", "/kit", "image", "ASSIGNMENT=a", "CORE=/sub/core", "MODE=release",
                                            "BUILD=/kit/build/release"])
        }
    }
}
