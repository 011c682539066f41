// Tests/RunnerTests/StudentMakefileTests.swift -- the student's make targets, without a kernel build.
//
// `make assignment-N` must build one image (the grader's) and ask for the
// self-checks; `make qemu` without TEST must list the image's tests as
// graded, benchmark or the student's own, and not end on a line that
// reads like an error; the test table must follow BENCH. A stand-in
// qemu (a script printing the harness's list) and make's own dry runs
// keep these tests free of compiles.

import Foundation
import Testing
@testable import GraderRunner

/// The grader's instruction-counting flags, as make writes them.
enum QemuCommandFlags {
    static let instructionCounting = QemuCommand.instructionCountingArguments(shift: QemuCommand.scriptShift)
        .joined(separator: " ")
}

@Suite struct StudentMakefileTests {
    let kit = SpineImage.kitRoot

    @Test func assignmentNBuildsOneImageAndRunsSelfChecks() async throws {
        // A dry run still runs a recursive $(MAKE): a `make image` before
        // the grader would show its compile lines here.
        let (status, output) = try await runMake(["-n", "assignment-1", "GRADER=grader-stand-in"], in: kit)
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n")
        let grading = lines.filter { $0.contains("grader-stand-in grade . --assignment 01-set") }
        #expect(grading.count == 1, "\(output)")
        #expect(grading.first?.contains("--public-only --self-checks") == true)
        #expect(!output.contains("-module-name Kernel"), "a second image is built: \(output)")
        // Control: the same dry run of `make image` does show the compile.
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("one-image-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: build) }
        let image = try await runMake(["-n", "image", "ASSIGNMENT=01-set", "BUILD=\(build)"], in: kit)
        #expect(image.output.contains("-module-name Kernel"))
    }

    /// `make qemu` runs a test on instruction-counted time exactly when
    /// its script says `icount: true` (the spine's timer test), or when
    /// ICOUNT=1 asks; with the grader's flags.
    @Test func qemuCountsInstructionsWhenTheScriptSaysSo() async throws {
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("icount-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: build) }
        func qemuLine(_ extra: [String]) async throws -> String {
            let (status, output) = try await runMake(["-n", "qemu", "ASSIGNMENT=00-spine", "BUILD=\(build)"] + extra, in: kit)
            #expect(status == 0, "\(output)")
            return output.split(separator: "\n").map(String.init).first { $0.contains("-kernel") } ?? ""
        }
        let flags = QemuCommandFlags.instructionCounting
        #expect(try await qemuLine(["TEST=interrupts_timer"]).contains(flags))
        // Controls: a script without the key, and the list of tests.
        #expect(try await !qemuLine(["TEST=boot_hello"]).contains("-icount"))
        #expect(try await !qemuLine([]).contains("-icount"))
        #expect(try await qemuLine(["TEST=boot_hello", "ICOUNT=1"]).contains(flags))
    }

    @Test func qemuWithoutATestListsGradedAndOwnTests() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-qemu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let qemu = folder.appendingPathComponent("qemu").path
        let script = """
            #!/bin/sh
            echo "KTEST TEST name=set_add_get nonce=0000000000000000"
            echo "KTEST TEST name=set_model nonce=0000000000000000"
            echo "KTEST TEST name=my_own_check nonce=0000000000000000"
            echo "KTEST TEST name=set_bench nonce=0000000000000000"
            exit 97

            """
        try script.write(toFile: qemu, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: qemu)
        // -o image: the stand-in needs no image.
        let (status, output) = try await runMake(["qemu", "ASSIGNMENT=01-set", "QEMU=\(qemu)", "-o", "image"], in: kit)
        #expect(status == 0, "\(output)")
        #expect(output.contains("set_add_get                  graded (public script assignments/01-set/tests/set_add_get.yaml)"))
        #expect(output.contains("set_model                    graded (hidden script)"))
        #expect(output.contains("my_own_check                 not graded: your own test"))
        #expect(output.contains("set_bench                    benchmark, never graded"))
        #expect(output.contains("run one with: make qemu ASSIGNMENT=01-set TEST=<name>"))
        #expect(!output.contains("halted"), "\(output)")
    }

    @Test func theTestTableFollowsBench() async throws {
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("table-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: build) }
        let table = build + "/01-set/tests_table.swift"
        func generate(bench: Bool) async throws -> (output: String, table: String) {
            let (status, output) = try await runMake([table, "ASSIGNMENT=01-set", "BUILD=\(build)"] + (bench ? ["BENCH=1"] : []),
                                               in: kit)
            #expect(status == 0, "\(output)")
            return (output, (try? String(contentsOfFile: table, encoding: .utf8)) ?? "")
        }
        #expect(try await generate(bench: true).table.contains("set_bench"))
        // Without BENCH, the table is written again, without the benchmark.
        let plain = try await generate(bench: false)
        #expect(plain.output.contains("test-table.awk"))
        #expect(!plain.table.contains("set_bench") && plain.table.contains("set_add_get"))
        // Nothing changed: nothing is written.
        #expect(!(try await generate(bench: false).output.contains("test-table.awk")))
    }

    /// Quitting gdb ends `make gdb` normally: qemu's "terminating on
    /// signal 15" (it reads like an error) is left out, one line says
    /// what happened. Stand-ins: a gdb that quits at once, a qemu that
    /// reports SIGTERM as the real one does; MAKE=true skips the image.
    @Test func quittingGdbIsANormalEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-gdb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let qemu = folder.appendingPathComponent("qemu").path, gdb = folder.appendingPathComponent("gdb").path
        // (A test runner's thread may block signals, and children inherit
        // the mask: the stand-in unblocks SIGTERM itself. It names the
        // interpreter itself, not a version manager's shim: a shim is a
        // shell script that, stopped half-way, writes errors of its own.)
        let python = try await runCommand(["python3", "-c", "import sys; print(sys.executable)"])
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        try """
            #!\(python)
            import signal, sys, time
            def terminated(*_):
                sys.stderr.write("qemu-system-i386: terminating on signal 15 from pid 1 (bash)\\n")
                sys.exit(0)
            signal.signal(signal.SIGTERM, terminated)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
            while True:
                time.sleep(0.05)

            """.write(toFile: qemu, atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho 'gdb: quit'\n".write(toFile: gdb, atomically: true, encoding: .utf8)
        for file in [qemu, gdb] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        // Control: the stand-in does say it, as qemu does.
        let direct = try await runCommand(["bash", "-c", "\(qemu) & pid=$!; sleep 0.3; kill $pid; wait $pid"])
        #expect(direct.output.contains("terminating on signal 15"))
        let (status, output) = try await runMake(["gdb", "ASSIGNMENT=00-spine", "QEMU=\(qemu)", "GDB=\(gdb)", "MAKE=true"], in: kit)
        #expect(status == 0, "\(output)")
        #expect(output.contains("gdb: quit"))
        #expect(!output.contains("terminating on signal"), "\(output)")
        #expect(output.hasSuffix("gdb: the session ended; qemu was stopped\n"), "\(output)")
    }
}
