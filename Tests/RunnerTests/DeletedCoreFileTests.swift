// Tests/RunnerTests/DeletedCoreFileTests.swift -- a deleted core file leaves the image.
//
// The core's object is compiled from a list of its files that make writes
// (sources.txt). Were the list kept from an earlier build, a file the
// student deleted would stay compiled in, and a renamed one would break
// the build with "error opening input file". Here a core gains a file,
// is built, loses it, and is built again: the second object must not
// hold the file's function any more.

import Foundation
import Testing

extension KernelImageTests {
    @Suite struct DeletedCoreFileTests {
        /// Whether the object file at `path` names `symbol` (Swift mangles
        /// the identifier in as plain text).
        static func object(_ path: String, holds symbol: String) throws -> Bool {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            return bytes.range(of: Data(symbol.utf8)) != nil
        }

        @Test func aDeletedCoreFileIsNoLongerCompiled() async throws {
            let manager = FileManager.default
            let (scratch, core) = try scratchCopyOfTheProbeCore("deleted-core")
            defer { try? manager.removeItem(at: scratch) }
            let doomed = core.appendingPathComponent("doomed.swift")
            try "/// Deleted before the second build.\npublic func doomedProbeFunction() -> Int { 42 }\n"
                .write(to: doomed, atomically: true, encoding: .utf8)
            let build = scratch.appendingPathComponent("build").path
            let folder = build + "/core/" + core.path.replacingOccurrences(of: "/", with: "_")
            let target = folder + "/kernel.o"
            let arguments = ["-s", target, "CORE=\(core.path)", "BUILD=\(build)"]

            let first = try await runMake(arguments, in: SpineImage.kitRoot)
            #expect(first.status == 0, "the core with the extra file builds: \(first.output)")
            // Negative control: the function really is in the first object.
            #expect(try Self.object(target, holds: "doomedProbeFunction"))

            try manager.removeItem(at: doomed)
            let second = try await runMake(arguments, in: SpineImage.kitRoot)
            #expect(second.status == 0, "the core without it builds: \(second.output)")
            #expect(try !Self.object(target, holds: "doomedProbeFunction"), "the deleted file is still compiled in")
            let list = try String(contentsOfFile: folder + "/sources.txt", encoding: .utf8)
            #expect(!list.contains("doomed.swift"), "the list of core files: \(list)")
        }
    }
}
