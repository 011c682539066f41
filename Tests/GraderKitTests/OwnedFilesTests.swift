// Tests/GraderKitTests/OwnedFilesTests.swift -- 01-set students own exactly the files they write.
//
// The subject says the interface, ObjectSet, its iterators and the set
// manager must not change. The shipped rubric must therefore list the
// seven files students write and nothing else: an edit to
// set_interface.swift is graded with the kit's copy and reported as ignored.

import Foundation
import Testing
@testable import GraderKit

@Suite struct OwnedFilesTests {
    /// The files the 01-set subject's table says students write.
    static let written = ["set/array.swift", "set/binary_tree.swift", "set/bplus_tree.swift",
                          "set/bplus_tree_balance.swift", "set/list.swift", "set/pipe.swift", "set/stack.swift"]

    /// The shipped 01-set rubric's patterns.
    private func shippedPatterns() throws -> [GlobPattern] {
        let folder = realKitRoot.appendingPathComponent("assignments/01-set")
        let assignment = try AssignmentLoader().load(folder: folder, selection: .publicOnly)
        return assignment.rubric.studentFiles.map(GlobPattern.init)
    }

    @Test func theRubricOwnsExactlyTheFilesStudentsWrite() throws {
        let owned = try shippedPatterns()
        let core = FileTree.files(under: realKitRoot.appendingPathComponent("reference"))
        #expect(core.filter { owned.anyMatches($0) }.sorted() == Self.written)
        // Negative control: the old pattern handed students the interface.
        #expect([GlobPattern("set/**")].anyMatches("set/set_interface.swift"))
        #expect(!owned.anyMatches("set/set_interface.swift"))
    }

    @Test func anEditedInterfaceIsGradedWithTheKitsCopy() async throws {
        let folder = try TemporaryFolder("owned")
        let kit = try Kit(root: realKitRoot)
        try folder.write("alice/kernel/set/list.swift", "// alice's list\n")
        try folder.write("alice/kernel/set/set_interface.swift", "// weakened interface\n")
        let taken = try await intake(SubmissionSource.parse(folder.path("alice")), in: folder)
        let tree = try TrustedTree.assemble(kit: kit, assignment: "01-set", at: folder.url.appendingPathComponent("tree"))
        let report = try Overlay.apply(taken, owned: try shippedPatterns(), kit: kit, assignment: "01-set", tree: tree)

        let kitInterface = kit.core(for: "01-set").appendingPathComponent("set/set_interface.swift")
        let builtInterface = tree.core.appendingPathComponent("set/set_interface.swift")
        #expect(FileManager.default.contents(atPath: builtInterface.path) == FileManager.default.contents(atPath: kitInterface.path))
        #expect(try String(contentsOf: tree.core.appendingPathComponent("set/list.swift"), encoding: .utf8) == "// alice's list\n")
        #expect(report.taken == ["set/list.swift"])
        #expect(report.ignored == ["kernel/set/set_interface.swift"])
        #expect(report.missing.count == Self.written.count - 1)
    }
}
