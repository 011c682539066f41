// Tests/GraderKitTests/OverlayMachineTests.swift -- owned machine files (03-region's page tables).
//
// From 03-region on, students write part of the machine layer. The
// trusted tree starts from the machine as cut for the assignment (never
// the teacher's machine/), and the overlay takes the rubric's
// `machine_files` from the machine/ folder beside the submission's core.

import Foundation
import Testing
@testable import GraderKit

@Suite struct OverlayMachineTests {
    let folder: TemporaryFolder
    let kit: Kit
    let owned = [GlobPattern("set/**")]
    let machineOwned = [GlobPattern("ia32/paging.swift")]

    /// The fake kit of OverlayTests, with a teacher's paging file and its cut.
    init() throws {
        folder = try TemporaryFolder("overlay-machine")
        kit = try makeFakeKit(in: folder)
        try folder.write("kit/machine/ia32/paging.swift", "teacher paging: the solution")
        try folder.write("kit/build/skeletons/01-set.machine/ia32/paging.swift", "cut paging")
        try folder.write("kit/build/skeletons/01-set.machine/ia32/entry.swift", "trusted")
    }

    private func overlay(_ tree: String) async throws -> (OverlayReport, TrustedTree) {
        let taken = try await intake(SubmissionSource.parse(folder.path(tree)), in: folder)
        let trusted = try TrustedTree.assemble(kit: kit, assignment: "01-set",
                                               at: folder.url.appendingPathComponent("tree-\(UUID().uuidString)"))
        let report = try Overlay.apply(taken, owned: owned, machineOwned: machineOwned, kit: kit,
                                       assignment: "01-set", tree: trusted)
        return (report, trusted)
    }

    private func text(_ tree: TrustedTree, _ path: String) throws -> String {
        try String(contentsOf: tree.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theTreeStartsFromTheCutMachineNotTheTeachers() async throws {
        try folder.write("amy/kernel/set/set.swift", "amy set")
        let (report, tree) = try await overlay("amy")
        #expect(try text(tree, "machine/ia32/paging.swift") == "cut paging")
        #expect(report.missing == ["set/set_list.swift", "machine/ia32/paging.swift"])   // the core first
        #expect(report.machineTaken.isEmpty)
        // Without a generated cut, the kit's own machine/ is used (a student kit's is cut already).
        try FileManager.default.removeItem(at: kit.skeletons.appendingPathComponent("01-set.machine"))
        #expect(kit.machine(for: "01-set").lastPathComponent == "machine")
    }

    @Test func ownedMachineFilesComeFromBesideTheCore() async throws {
        try folder.write("ben/kernel/set/set.swift", "ben set")
        try folder.write("ben/machine/ia32/paging.swift", "ben paging")
        try folder.write("ben/machine/ia32/entry.swift", "ben rewrote the entry")
        let (report, tree) = try await overlay("ben")
        #expect(report.machineTaken == ["ia32/paging.swift"])
        #expect(try text(tree, "machine/ia32/paging.swift") == "ben paging")
        // A machine file not owned stays the kit's, and the edit is told.
        #expect(try text(tree, "machine/ia32/entry.swift") == "trusted")
        #expect(report.ignored == ["machine/ia32/entry.swift"])
        #expect(report.missing == ["set/set_list.swift"])
    }

    @Test func anUneditedMachineIsNotAnEdit() async throws {
        // The student's copy equals the cut the kit gave them, not the teacher's machine.
        try folder.write("cid/kernel/set/set.swift", "cid set")
        try folder.write("cid/machine/ia32/entry.swift", "trusted")
        let (report, _) = try await overlay("cid")
        #expect(report.ignored.isEmpty)
    }

    @Test func aMachineFileThatIsALinkIsRefused() async throws {
        try folder.write("dee/kernel/set/set.swift", "x")
        try folder.write("dee/machine/ia32/real.swift", "x")
        try FileManager.default.createSymbolicLink(atPath: folder.path("dee/machine/ia32/paging.swift"),
                                                   withDestinationPath: "real.swift")
        await #expect(throws: IntakeError.ownedFileIsLink(submission: folder.path("dee"), entry: "machine/ia32/paging.swift")) {
            _ = try await overlay("dee")
        }
    }

    @Test func theDigestFollowsOwnedMachineContent() async throws {
        try folder.write("e1/kernel/set/set.swift", "same")
        try folder.write("e1/machine/ia32/paging.swift", "one")
        try folder.write("e2/kernel/set/set.swift", "same")
        try folder.write("e2/machine/ia32/paging.swift", "two")
        try folder.write("e3/kernel/set/set.swift", "same")
        try folder.write("e3/machine/ia32/paging.swift", "one")
        try folder.write("e3/machine/ia32/entry.swift", "not owned")
        let one = try await overlay("e1").0.digest
        #expect(try await overlay("e2").0.digest != one)
        #expect(try await overlay("e3").0.digest == one)
    }

    @Test func machineFilesAreScannedWithoutThePointerRules() async throws {
        try folder.write("fay/kernel/set/set.swift", "fine")
        try folder.write("fay/machine/ia32/paging.swift", """
            let table = UnsafeMutablePointer<UInt32>(bitPattern: UInt(address))!
            Serial.write("KTEST PASS")

            """)
        let (report, tree) = try await overlay("fay")
        let flags = IntegrityScan.scan(files: report.taken, in: tree.core, machineFiles: report.machineTaken,
                                       machine: tree.machine)
        #expect(Set(flags.map(\.rule)) == ["serial-layer", "verdict-word"])
        #expect(flags.allSatisfy { $0.file == "machine/ia32/paging.swift" && $0.line == 2 })
        // The same line in a core file is flagged for its pointer too (the control).
        let core = IntegrityScan.scan(files: ["set/set.swift"], in: tree.core) + IntegrityScan.scan(
            "let table = UnsafeMutablePointer<UInt32>(bitPattern: UInt(address))!", file: "set/set.swift")
        #expect(Set(core.map(\.rule)) == ["raw-pointer", "bit-pattern"])
    }
}
