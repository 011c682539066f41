// Tests/RunnerTests/RunnerLimitTests.swift -- limits, input, bad images,
// cancellation: the runner's guarantees, in qemu.

import Foundation
import GraderModel
import Testing
@testable import GraderRunner

extension KernelImageTests {
    @Suite struct RunnerLimitTests {
        @Test func spinForeverTimesOutAndLeavesNoQemu() async throws {
            let limits = RunLimits(wallClock: .seconds(1), idle: .seconds(30), outputBytes: 1 << 20)
            let outcome = try await boot("spin_forever", limits: limits)
            #expect(outcome.verdict == .timeout, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.run.limit == .wallClock)
            #expect(outcome.run.exit == .signaled(9))
        }

        @Test func silenceTimesOutOnTheIdleLimit() async throws {
            let limits = RunLimits(wallClock: .seconds(30), idle: .seconds(1), outputBytes: 1 << 20)
            let outcome = try await boot("spin_forever", limits: limits)
            #expect(outcome.verdict == .timeout)
            #expect(outcome.run.limit == .idle)
        }

        /// Under icount a silence in host time is the host's load, not a
        /// hang: only the wall clock ends a silent run (the test above is
        /// the control: the same run, not counted, ends on the idle limit).
        @Test func anInstructionCountedSilenceWaitsForTheWallClock() async throws {
            let limits = RunLimits(wallClock: .seconds(3), idle: .seconds(1), outputBytes: 1 << 20)
            let image = try SpineImage.image()
            let outcome = try await KernelTestRunner(limits: limits)
                .run(test: "spin_forever", image: image, instructionCountShift: 0)
            #expect(outcome.verdict == .timeout)
            #expect(outcome.run.limit == .wallClock && outcome.run.limits.idle == .seconds(3))
            #expect(limits.instructionCounted().wallClock == limits.wallClock)
        }

        @Test func serialEchoAnswersWhatWeType() async throws {
            let outcome = try await boot("serial_echo") { line in
                line.text.hasPrefix("KTEST START") ? Array("hello\n".utf8) : []
            }
            #expect(outcome.verdict == .pass, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.log.contains("echo: hello\n"))
        }

        @Test func initialInputWaitsForTheKernel() async throws {
            let image = try SpineImage.image()
            let outcome = try await KernelTestRunner(limits: testLimits)
                .run(test: "serial_echo", image: image, initialInput: Array("early\n".utf8))
            #expect(outcome.verdict == .pass, "\(outcome.message)\n\(outcome.log)")
            #expect(outcome.log.contains("echo: early\n"))
        }

        @Test func serialFloodIsCutAtTheLimit() async throws {
            let limits = RunLimits(wallClock: .seconds(8), idle: .seconds(5), outputBytes: 64 << 10)
            let outcome = try await boot("serial_flood", limits: limits)
            #expect(outcome.verdict == .outputFlood, "\(outcome.message)")
            #expect(outcome.run.serial.count == 64 << 10)
            #expect(outcome.log.contains("KTEST START name=serial_flood nonce=\(outcome.nonce)\n"))
            #expect(outcome.log.contains("flood line 100\n"))
        }

        /// Flood or timeout by what the kernel did, not by the host's
        /// speed: two busy processes share the CPU with qemu, so the wall
        /// clock may pass before the output limit is reached; the kernel
        /// is still writing then, and the run goes on until the limit is
        /// crossed: an output flood. The limit is small (64 KiB) so that
        /// even a host giving qemu 3 KiB a second reaches it within the
        /// watchdog's grace, and the wall clock (5 s from the banner) is
        /// long enough for the kernel to reach its flood: on CI, at 1.5 s,
        /// the banner's 73 bytes were all a loaded host had printed when
        /// it passed, and the run was a timeout. That the grace follows the
        /// kernel's pace, and ends, RunWatchdogTests checks on a manual
        /// clock.
        @Test func aFloodOnALoadedHostIsStillAFlood() async throws {
            let burners = try CPUBurners(count: 2)
            defer { burners.stop() }
            let limits = RunLimits(wallClock: .seconds(5), idle: .seconds(5), outputBytes: 64 << 10)
            let flood = try await boot("serial_flood", limits: limits)
            #expect(flood.verdict == .outputFlood, "\(flood.message) after \(flood.run.duration)")
            #expect(flood.run.serial.count == 64 << 10)
            // Negative control: a kernel that stops writing after START is
            // a timeout at the wall clock, under the same load and limits.
            let quiet = try await boot("spin_forever", limits: limits)
            #expect(quiet.verdict == .timeout, "\(quiet.message)")
            #expect(quiet.run.limit == .wallClock)
        }

        @Test func qemuRunsInItsOwnProcessGroup() async throws {
            let nonce = Nonce.random()
            let groups = GroupProbe()
            // serial_echo waits for our line, so qemu is surely alive when
            // the probe looks at it.
            let outcome = try await KernelTestRunner(limits: testLimits).run(
                test: "serial_echo", image: try SpineImage.image(), nonce: nonce) { line in
                    guard line.text.hasPrefix("KTEST START") else { return [] }
                    groups.record(nonce: nonce)
                    return Array("probe\n".utf8)
                }
            #expect(outcome.verdict == .pass)
            let seen = try #require(groups.seen)
            #expect(seen.pid == outcome.run.processID)
            #expect(seen.group == seen.pid, "qemu shares a process group with another process")
        }

        @Test func truncatedImageIsAnInfrastructureResult() async throws {
            let image = try SpineImage.image()
            let bytes = try #require(FileManager.default.contents(atPath: image))
            let copy = FileManager.default.temporaryDirectory.path + "/truncated-\(UUID().uuidString).elf"
            defer { try? FileManager.default.removeItem(atPath: copy) }
            #expect(FileManager.default.createFile(atPath: copy, contents: bytes.prefix(bytes.count / 3)))
            let outcome = try await KernelTestRunner(limits: testLimits).run(test: "boot_hello", image: copy)
            #expect(outcome.verdict == .infrastructure, "\(outcome.message)")
            #expect(outcome.message.contains("qemu could not run the image"))
            #expect(outcome.run.limit == nil)
        }

        @Test func missingQemuNamesItsPackage() async throws {
            let runner = KernelTestRunner(qemu: QemuRunner(executable: "qemu-system-nonexistent"))
            await #expect(throws: RunnerError.missingTool(RequiredTool(command: "qemu-system-nonexistent",
                                                                       debianPackage: "qemu-system-x86"))) {
                try await runner.run(test: "boot_hello", image: try SpineImage.image())
            }
            #expect(RunnerError.missingTool(.qemu).description
                == "qemu-system-i386 not found: install the Debian package qemu-system-x86")
        }

        @Test func missingImageIsAnError() async throws {
            await #expect(throws: RunnerError.imageNotFound("/nonexistent/kernel.elf")) {
                try await KernelTestRunner().run(test: "boot_hello", image: "/nonexistent/kernel.elf")
            }
        }

        @Test func testNameCannotChangeTheCommandLine() async throws {
            await #expect(throws: RunnerError.invalidTestName("boot_hello nonce=0")) {
                try await KernelTestRunner().run(test: "boot_hello nonce=0", image: try SpineImage.image())
            }
        }

        @Test func cancellationKillsQemu() async throws {
            let image = try SpineImage.image()
            let nonce = Nonce.random()
            let started = AsyncStream<Void>.makeStream()
            let run = Task {
                try await KernelTestRunner(limits: RunLimits(wallClock: .seconds(60), idle: .seconds(60),
                                                             outputBytes: 1 << 20))
                    .run(test: "spin_forever", image: image, nonce: nonce) { line in
                        if line.text.hasPrefix("KTEST START") { started.continuation.yield() }
                        return []
                    }
            }
            var iterator = started.stream.makeAsyncIterator()
            _ = await iterator.next()
            #expect(!QemuProcesses.matching(nonce.text).isEmpty, "qemu should be running now")
            run.cancel()
            await #expect(throws: CancellationError.self) { try await run.value }
            #expect(QemuProcesses.matching(nonce.text).isEmpty, "qemu survived the cancellation")
        }
    }
}

/// Records qemu's pid and process group from inside a run.
final class GroupProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (pid: Int32, group: Int32)?

    /// What was recorded.
    var seen: (pid: Int32, group: Int32)? { lock.withLock { value } }

    /// Finds the qemu whose command line holds `nonce` and records its group.
    func record(nonce: Nonce) {
        guard let pid = QemuProcesses.matching(nonce.text).first,
              let group = QemuProcesses.processGroup(of: pid) else { return }
        lock.withLock { value = (pid, group) }
    }
}

/// Busy processes (`sh -c 'while :; do :; done'`) that load the CPU for
/// the length of a test; stopped by their own process ids.
final class CPUBurners {
    private var processes: [Process] = []

    /// Starts `count` busy processes.
    init(count: Int) throws {
        for _ in 0 ..< count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "while :; do :; done"]
            try process.run()
            processes.append(process)
        }
    }

    /// Kills and reaps each of them.
    func stop() {
        for process in processes where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        processes = []
    }
}
