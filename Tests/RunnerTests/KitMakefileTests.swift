// Tests/RunnerTests/KitMakefileTests.swift -- the teacher's make targets in a student kit.
//
// A student kit copies mk/ unchanged, but has no reference/ and no Tests/:
// `make test` and `make bench` there must say that the kit's tests are
// `make assignment-N` instead of running suites that do not exist, and
// `make setup` must still work. In the teacher's tree they are unchanged.
// The trees here hold only the kit's Makefile and mk/ (make -n: nothing
// is built).

import Foundation
import Testing

@Suite struct KitMakefileTests {
    /// A tree with the real Makefile and mk/, plus reference/ if asked.
    private func tree(withReference: Bool) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mk-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let kit = URL(fileURLWithPath: SpineImage.kitRoot)
        for name in ["Makefile", "mk"] {
            try FileManager.default.copyItem(at: kit.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        if withReference {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("reference"),
                                                    withIntermediateDirectories: true)
        }
        return root
    }

    /// make's status and merged output in `folder`.
    private func make(_ arguments: [String], in folder: URL) async throws -> (status: Int32, output: String) {
        try await runMake(arguments, in: folder.path)
    }

    @Test func aWarningFailsOurBuildsButNeverAStudentsCore() async throws {
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("werror-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: build) }
        for (core, strict) in [("reference", true), ("build/skeletons/01-set", true), ("kernel", false)] {
            let (status, output) = try await runMake(["-n", "image", "ASSIGNMENT=00-spine", "CORE=\(core)", "BUILD=\(build)"],
                                               in: SpineImage.kitRoot)
            #expect(status == 0, "\(output)")
            let lines = output.split(separator: "\n")
            let kernel = lines.first { $0.contains("-module-name Kernel") }
            #expect(kernel?.contains("-warnings-as-errors") == strict, "CORE=\(core): \(kernel ?? "no Kernel compile")")
            // Our own modules stay strict whatever the core.
            for module in ["Machine", "Harness"] {
                let line = lines.first { $0.contains("-module-name \(module)") }
                #expect(line?.contains("-warnings-as-errors") == true, "CORE=\(core): \(module): \(line ?? "none")")
            }
        }
    }

    @Test func inAKitTestAndBenchPointToTheAssignments() async throws {
        let kit = try tree(withReference: false)
        defer { try? FileManager.default.removeItem(at: kit) }
        for target in ["test", "test-host", "test-kernel", "bench"] {
            let (status, output) = try await make([target], in: kit)
            #expect(status != 0, "make \(target) succeeded in a kit")
            #expect(output.contains("make assignment-N"), "make \(target): \(output)")
            #expect(!output.contains("swift test") && !output.contains("swift build"), "make \(target): \(output)")
        }
        let setup = try await make(["-n", "setup"], in: kit)
        #expect(setup.status == 0)
        #expect(setup.output.contains("bash grader/scripts/install-deps.sh"))
    }

    @Test func inTheTeachersTreeTheTargetsAreUnchanged() async throws {
        let teacher = try tree(withReference: true)
        defer { try? FileManager.default.removeItem(at: teacher) }
        let host = try await make(["-n", "test-host", "SWIFT_SCRATCH=.build-x"], in: teacher)
        #expect(host.output.contains("swift test --scratch-path .build-x --skip KernelImageTests"), "\(host.output)")
        let kernel = try await make(["-n", "test-kernel", "SWIFT_SCRATCH=.build-x"], in: teacher)
        #expect(kernel.output.contains("swift test --scratch-path .build-x --filter KernelImageTests"))
        let bench = try await make(["-n", "bench-boot", "SWIFT_SCRATCH=.build-x"], in: teacher)
        #expect(bench.output.contains("swift build -c release --scratch-path .build-x --product grader"))
        #expect(!bench.output.contains("make assignment-N"))
    }

    /// `make assignment-1` with a stand-in grader in bin/ (and one "from
    /// source" that only echoes): which grader runs, and with what.
    private func assignmentOne(in kit: URL, grader: String?, extra: [String] = []) async throws -> (status: Int32, output: String) {
        try FileManager.default.createDirectory(at: kit.appendingPathComponent("assignments/01-set/tests"),
                                                withIntermediateDirectories: true)
        let bin = kit.appendingPathComponent("bin/grader")
        try? FileManager.default.removeItem(at: bin)
        if let grader {
            try FileManager.default.createDirectory(at: kit.appendingPathComponent("bin"), withIntermediateDirectories: true)
            try grader.write(to: bin, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.path)
        }
        return try await make(["assignment-1", "GRADER_FROM_SOURCE=echo from-source"] + extra, in: kit)
    }

    @Test func assignmentNUsesThePrebuiltGraderWhenItRuns() async throws {
        let kit = try tree(withReference: false)
        defer { try? FileManager.default.removeItem(at: kit) }
        let works = "#!/bin/sh\n[ \"$1\" = --version ] && exit 0\necho prebuilt \"$@\"\n"
        let prebuilt = try await assignmentOne(in: kit, grader: works)
        #expect(prebuilt.status == 0, "\(prebuilt.output)")
        #expect(prebuilt.output.contains(
            "prebuilt grade . --assignment 01-set --public-only --self-checks --format terminal --out build/grader-out/01-set"),
            "\(prebuilt.output)")
        #expect(!prebuilt.output.contains("from-source"))
        // A binary that does not run here (another system): built from source, and said so.
        let broken = try await assignmentOne(in: kit, grader: "#!/bin/sh\nexit 126\n")
        #expect(broken.output.contains("does not run on this machine"), "\(broken.output)")
        #expect(broken.output.contains("from-source grade . --assignment 01-set"), "\(broken.output)")
        // None at all (a clone of the student's repository): from source, quietly.
        let missing = try await assignmentOne(in: kit, grader: nil)
        #expect(missing.output.contains("from-source grade . --assignment 01-set"), "\(missing.output)")
        #expect(!missing.output.contains("does not run"))
        // GRADER= wins over both.
        let chosen = try await assignmentOne(in: kit, grader: works, extra: ["GRADER=echo chosen"])
        #expect(chosen.output.contains("chosen grade . --assignment 01-set"), "\(chosen.output)")
    }
}
