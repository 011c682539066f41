// Tests/GraderKitTests/MachineCacheTests.swift -- what makes two trees share a Machine module.

import Foundation
import Testing
@testable import GraderKit

@Suite struct MachineCacheTests {
    /// A tree with a Makefile and a machine folder of one file.
    private func tree(_ folder: TemporaryFolder, _ name: String, machine: String) throws -> URL {
        try folder.write("\(name)/Makefile", "machine:\n")
        try folder.write("\(name)/machine/ia32/machine.swift", machine)
        return folder.url.appendingPathComponent(name)
    }

    @Test func sameContentSameKeyAnyChangeAnotherKey() throws {
        let folder = try TemporaryFolder("machine-key")
        let a = try tree(folder, "a", machine: "let x = 1\n")
        let b = try tree(folder, "b", machine: "let x = 1\n")
        let c = try tree(folder, "c", machine: "let x = 2\n")
        #expect(MachineCache.key(treeRoot: a, mode: .release) == MachineCache.key(treeRoot: b, mode: .release))
        #expect(MachineCache.key(treeRoot: a, mode: .release) != MachineCache.key(treeRoot: c, mode: .release))
        #expect(MachineCache.key(treeRoot: a, mode: .release) != MachineCache.key(treeRoot: a, mode: .debug))
        // A student's added machine file changes the key too.
        try folder.write("b/machine/ia32/extra.swift", "")
        #expect(MachineCache.key(treeRoot: a, mode: .release) != MachineCache.key(treeRoot: b, mode: .release))
    }

    @Test func aReadyModuleIsUsedWithoutBuilding() async throws {
        let folder = try TemporaryFolder("machine-ready")
        let root = try tree(folder, "tree", machine: "")
        // The Makefile here cannot build anything: only the cache can answer.
        try folder.write("tree/Makefile", ".PHONY: machine\nmachine:\n\tfalse\ncheck-tools:\n")
        let cache = MachineCache(folder: folder.url.appendingPathComponent("cache"))
        let ready = cache.folder.appendingPathComponent(MachineCache.key(treeRoot: root, mode: .release))
        try folder.write("cache/\(ready.lastPathComponent)/Machine.swiftmodule", "")
        try folder.write("cache/\(ready.lastPathComponent)/machine.o", "")
        let answer = try await cache.prepare(treeRoot: root, mode: .release)
        #expect(try answer.get().path == ready.path)
        // Negative control: without it, the failing Makefile is run and its failure returned.
        try FileManager.default.removeItem(at: ready)
        let built = try await cache.prepare(treeRoot: root, mode: .release)
        guard case .failure(let failure) = built else {
            Issue.record("a missing module was not built: \(built)")
            return
        }
        #expect(failure.diagnostics.contains("machine"), "\(failure)")
    }
}
