// Tests/GraderKitTests/BuildOutputIntakeTests.swift -- a built tree is graded, its build output skipped.
//
// `grader grade . --assignment 01-set` runs in a student kit that has
// been built, or in the teacher's tree: both hold build folders with
// objects over the 2 MiB file limit (build-ia32/.../kernel.o), SwiftPM's
// scratch folders, out/ and the kit's prebuilt bin/grader. Intake skips those folders whatever the
// submission's form, and never reads or counts what is in them; a file
// that merely has such a name is still the student's.

import Foundation
import Testing
import ZIPFoundation
@testable import GraderKit

@Suite struct BuildOutputIntakeTests {
    let folder: TemporaryFolder
    /// Over the 2 MiB per-file limit.
    let big = Data(count: 3 << 20)

    init() throws { folder = try TemporaryFolder("built") }

    /// The build and tool folders of a built tree, relative to it, each
    /// holding a file too large to be taken in.
    static let skipped = ["build/release/01-set/kernel.o", "build-ia32/01-set/kernel.o", ".build/debug/grader",
                          ".build-fix/debug/grader", "out/student-kit-01-set/kernel/set/set.swift",
                          ".git/objects/pack/big.pack", ".swiftpm/cache/big", "kernel/build-x/kernel.o",
                          "bin/grader"]

    /// A built student tree at `subs/<name>`: an owned file, two files
    /// named like build folders, and the big build output.
    private func builtTree(_ name: String) throws -> URL {
        try folder.write("subs/\(name)/kernel/set/set.swift", "good")
        try folder.write("subs/\(name)/kernel/set/out", "a file called out")
        try folder.write("subs/\(name)/kernel/set/bin", "a file called bin")
        try folder.write("subs/\(name)/build-notes.txt", "notes")
        for path in Self.skipped { try folder.write("subs/\(name)/\(path)", data: big) }
        return folder.url.appendingPathComponent("subs/\(name)")
    }

    @Test func aBuiltTreeIsTakenInWithoutItsBuildOutput() async throws {
        let tree = try builtTree("kim")
        // Many objects in a build folder do not count against the entry limit either.
        for index in 0 ..< 30 { try folder.write("subs/kim/build-ia32/obj\(index).o", "x") }
        let limits = IntakeLimits(maxFileSize: 2 << 20, maxTotalSize: 64 << 20, maxArchiveSize: 64 << 20, maxEntries: 20)
        let taken = try await intake(SubmissionSource.parse(tree.path), in: folder, limits: limits)
        let files = FileTree.files(under: taken.root)
        #expect(files == ["build-notes.txt", "kernel/set/bin", "kernel/set/out", "kernel/set/set.swift"])
    }

    @Test func archivesOfABuiltTreeSkipTheSameFolders() async throws {
        var builder = TarBuilder()
        builder.file("lee/kernel/set/set.swift", "good")
        builder.file("lee/kernel/set/out", "a file called out")
        for path in Self.skipped { builder.file("lee/" + path, zeros: 3 << 20) }
        let tar = try folder.write("lee.tar", data: builder.archive)
        let fromTar = try await intake(SubmissionSource.parse(tar.path), in: folder)
        #expect(FileTree.files(under: fromTar.root) == ["lee/kernel/set/out", "lee/kernel/set/set.swift"])

        let zip = folder.url.appendingPathComponent("max.zip")
        try makeZip(at: zip, [("kernel/set/set.swift", .file, Data("good".utf8))]
            + Self.skipped.map { ($0, .file, big) })
        let fromZip = try await intake(SubmissionSource.parse(zip.path), in: folder)
        #expect(FileTree.files(under: fromZip.root) == ["kernel/set/set.swift"])
    }

    @Test func aBigFileOutsideBuildFoldersIsStillRefused() async throws {
        try folder.write("subs/ned/kernel/set/set.swift", "good")
        try folder.write("subs/ned/kernel/set/huge.swift", data: big)
        let error = await intakeError(SubmissionSource.parse(folder.path("subs/ned")), in: folder)
        #expect(error == .fileTooLarge(submission: folder.path("subs/ned"), entry: "kernel/set/huge.swift",
                                       limit: IntakeLimits.standard.maxFileSize))
    }

    @Test func aBuiltStudentKitIsGraded() async throws {
        let kit = try makeFakeKit(in: folder)
        let assignment = Assignment(
            id: "01-set", rubric: Rubric(assignment: "01-set", title: "Sets", total: 100, studentFiles: ["set/**"]),
            scripts: [TestScript(name: "set_add", kernelTest: "set_add", title: "add", points: 3)])
        let counter = Counter()
        let grader = try SubmissionGrader(kit: kit, assignment: assignment,
                                          options: GradingOptions(assignment: "01-set", scratchFolder: folder.url),
                                          builder: FakeBuilder(counter: counter), booter: FakeBooter(counter: counter))
        let graded = await grader.grade(SubmissionSource.parse(try builtTree("oz").path))
        #expect(graded.refusal == nil)
        #expect(graded.result.score == 100)
        #expect(counter.count("build") == 1)
    }
}
