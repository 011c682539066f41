// Tests/RunnerTests/KernelBuildCancelTests.swift -- a cancelled build leaves no process behind.
//
// The kit here is a folder with a fake Makefile whose `image` target
// starts two sleeps (one in the background, one waited for) and records
// their pids. Cancelling the build must kill them with make: the real
// compilers sit in the same place under make's shells.

import Foundation
import GraderRunner
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct KernelBuildCancelTests {
    /// A kit whose `image` target sleeps for ever in two processes.
    private static let makefile = """
    check-tools:
    \t@true
    image:
    \t@mkdir -p $(BUILD)
    \t@sleep 1000 & echo $$! > $(BUILD)/background.pid; \\
    \tsleep 1001 & echo $$! > $(BUILD)/foreground.pid; wait

    """

    @Test func cancellingABuildKillsEveryProcessUnderMake() async throws {
        // 1. the fake kit
        let kit = FileManager.default.temporaryDirectory.path + "/sleepy-kit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: kit, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: kit) }
        try Self.makefile.write(toFile: kit + "/Makefile", atomically: true, encoding: .utf8)
        let build = KernelBuild(kitRoot: kit, assignment: "00-spine", buildDirectory: kit + "/build")
        // 2. start the build; wait for both sleeps to be running
        let task = Task { try await build.run() }
        var pids: [Int32] = []
        for _ in 0 ..< 200 where pids.count < 2 {
            try await Task.sleep(for: .milliseconds(50))
            pids = ["background", "foreground"].compactMap { name in
                (try? String(contentsOfFile: kit + "/build/\(name).pid", encoding: .utf8))
                    .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
        }
        guard pids.count == 2 else {
            task.cancel()
            Issue.record("the fake build never started its sleeps")
            return
        }
        // Kill them ourselves if the test fails, so nothing outlives it;
        // only while they still run `sleep`: a dead pid may already name
        // someone else's process (another test's qemu).
        defer { for pid in pids where Self.isRunning(pid) { kill(pid, SIGKILL) } }
        #expect(pids.allSatisfy(Self.isRunning))
        // 3. cancel: run() throws, and no sleep survives (a moment for the
        // kernel to deliver the signal)
        task.cancel()
        await #expect(throws: (any Error).self) { try await task.value }
        for _ in 0 ..< 40 where pids.contains(where: Self.isRunning) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!pids.contains(where: Self.isRunning), "processes under make survived the cancellation: \(pids)")
    }

    /// True while `pid` is a live process running `sleep` (a zombie
    /// waiting for its reaper is dead already).
    private static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        let state = text[text.index(after: close)...].split(separator: " ").first
        return state != "Z" && String(decoding: cmdline, as: UTF8.self).hasPrefix("sleep")
    }
}
