// Tests/RunnerTests/HostRunnerTests.swift -- a host program read as a qemu run.
//
// `QemuRunner.host` runs the image itself (mk/host.mk makes it a program
// of this machine): its arguments are the kernel command line, its output
// the serial port, its exit status qemu's. Stand-in programs (shell
// scripts) show that the classifier's rules hold unchanged: a pass needs
// the nonce's lines and status 33, a crash report is a panic.

import Foundation
import GraderModel
import Testing
@testable import GraderRunner

/// A shell script in a fresh folder, made executable; `body` sees the
/// run's nonce as $n.
private func standIn(_ body: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("host-runner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("01-x.host").path
    let script = "#!/bin/sh\nfor w in \"$@\"; do case $w in nonce=*) n=${w#nonce=};; esac; done\n" + body + "\n"
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
}

@Suite struct HostRunnerTests {
    // Wide limits: these scripts end at once, and the tests check verdicts,
    // not speed; `swift test` starts many suites together, and a script
    // waiting 5 s for the processor under that load was once called hung.
    private let runner = KernelTestRunner(qemu: .host, limits: RunLimits(wallClock: .seconds(60), idle: .seconds(60),
                                                                         outputBytes: 1 << 16, boot: .seconds(60)))

    @Test func aPassingProgramPasses() async throws {
        let program = try standIn("""
            echo "KTEST START name=t nonce=$n"
            echo "seed words: $*"
            echo "KTEST PASS name=t nonce=$n"
            exit 33
            """)
        let outcome = try await runner.run(test: "t", image: program, seed: 7)
        #expect(outcome.verdict == .pass, "\(outcome.message)")
        #expect(outcome.log.contains("seed=7"), "the command line's words are the program's arguments")
    }

    // Negative controls: the exit status alone, or lines without it.
    @Test func theStatusAloneOrTheLinesAloneAreNoVerdict() async throws {
        let statusOnly = try await runner.run(test: "t", image: try standIn("exit 33"))
        #expect(statusOnly.verdict == .noVerdict)
        let linesOnly = try await runner.run(test: "t", image: try standIn("""
            echo "KTEST START name=t nonce=$n"
            echo "KTEST PASS name=t nonce=$n"
            exit 0
            """))
        #expect(linesOnly.verdict == .noVerdict)
    }

    // A watchdog that wakes after the program has exited (a host too busy
    // to run the reader in time) does not make a timeout of a finished
    // run. Here the reader is held up on purpose: it takes two seconds over
    // the first line, and the 1 s wall clock passes meanwhile, while the
    // program itself has printed its verdict and exited at once.
    @Test func aLimitPassingAfterTheExitIsNoTimeout() async throws {
        let late = KernelTestRunner(qemu: .host, limits: RunLimits(wallClock: .seconds(1), idle: .seconds(1),
                                                                   outputBytes: 1 << 16, boot: .seconds(60)))
        let slowReader: QemuRunner.LineHandler = { line in
            if line.text.contains("KTEST START") { Thread.sleep(forTimeInterval: 2) }
            return []
        }
        let outcome = try await late.run(test: "t", image: try standIn("""
            echo "KTEST START name=t nonce=$n"
            echo "KTEST PASS name=t nonce=$n"
            exit 33
            """), onLine: slowReader)
        #expect(outcome.verdict == .pass, "\(outcome.message)")
        // control: a program still running at the wall clock is stopped by it
        let running = try await late.run(test: "t", image: try standIn("""
            echo "KTEST START name=t nonce=$n"
            sleep 30
            """), onLine: slowReader)
        #expect(running.verdict == .timeout, "\(running.message)")
    }

    @Test func aCrashReportIsAPanic() async throws {
        let outcome = try await runner.run(test: "t", image: try standIn("""
            echo "KTEST START name=t nonce=$n"
            echo "Fatal error: Index out of range"
            echo "PANIC kind=signal vector=4 name=trap error=0x00000000 eip=0x00000000 nonce=$n"
            echo "PANIC end"
            exit 65
            """))
        #expect(outcome.verdict == .panic)
        #expect(outcome.message.contains("signal 4 (trap) in the host program"), "\(outcome.message)")
    }

    @Test func aMissingProgramIsTheGradersProblem() async {
        await #expect(throws: RunnerError.self) {
            _ = try await runner.run(test: "t", image: "/nonexistent/01-x.host")
        }
    }

    @Test func aHostBuildNamesItsTargetAndProgram() {
        var build = KernelBuild(kitRoot: "/kit", assignment: "01-set", core: "kernel", buildDirectory: "/b")
        build.machine = .host
        #expect(build.imagePath == "/b/01-set.host")
        #expect(build.imageTarget == "host-image")
        #expect(build.makeArguments(target: build.imageTarget)
                == ["-C", "/kit", "host-image", "ASSIGNMENT=01-set", "CORE=kernel", "HOST_BUILD=/b"])
    }
}
