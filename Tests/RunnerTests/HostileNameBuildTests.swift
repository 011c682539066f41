// Tests/RunnerTests/HostileNameBuildTests.swift -- no file name reaches a shell in the build.
//
// Intake refuses names outside a safe set, but the build must not depend
// on it: the Makefile finds core files with make's own functions and hands
// them to swiftc in a response file written by make, so a name that would
// be a shell command is only ever a file name. Here a core with such
// names is built directly (no intake), and nothing may run.

import Foundation
import Testing

extension KernelImageTests {
    @Suite struct HostileNameBuildTests {
        @Test func aCoreFileNamedLikeACommandIsCompiledNotRun() async throws {
            let manager = FileManager.default
            let (scratch, core) = try scratchCopyOfTheProbeCore("hostile-names")
            defer { try? manager.removeItem(at: scratch) }
            // A shell would run in the kit's folder (make -C): look there and here.
            let marker = "PWNED-\(UUID().uuidString.prefix(8))"
            let places = [SpineImage.kitRoot + "/" + marker, scratch.path + "/" + marker, core.path + "/" + marker]
            defer { for place in places { try? manager.removeItem(atPath: place) } }
            let hostile = "a;touch${IFS}\(marker);b$(touch${IFS}\(marker))`touch${IFS}\(marker)`.swift"
            try "/// Compiled, never run.\npublic let hostileNameProbe = 1\n"
                .write(to: core.appendingPathComponent(hostile), atomically: true, encoding: .utf8)

            let built = try await runMake(["-s", "image", "ASSIGNMENT=00-spine", "CORE=\(core.path)",
                                  "BUILD=\(scratch.appendingPathComponent("build").path)"], in: SpineImage.kitRoot)
            #expect(places.allSatisfy { !manager.fileExists(atPath: $0) }, "a file name ran as a command")
            #expect(built.status == 0, "the core with an odd name still builds: \(built.output)")
            // Negative control: the odd file was really part of the build.
            let list = try String(contentsOf: scratch.appendingPathComponent("build/core")
                .appendingPathComponent(core.path.replacingOccurrences(of: "/", with: "_"))
                .appendingPathComponent("sources.txt"), encoding: .utf8)
            #expect(list.contains("touch${IFS}"), "the list of core files: \(list)")
        }
    }
}
