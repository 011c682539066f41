// Tests/GraderKitTests/GraderKillTests.swift -- qemu dies with the grader.
//
// The real `grader grade` grades a probe kit's submission whose probe
// loops forever (timeouts scaled by 100, so qemu would run for minutes),
// with TMPDIR pointing at a private folder: its scratch folders and qemu's
// command line both name that folder. Once qemu runs, the grader is
// killed with SIGKILL, SIGTERM or SIGINT; once the grader and its
// backstop have ended (events waited for, no delay), no qemu may be left
// and no scratch folder. The control kills the backstop with the grader:
// then qemu does survive, so the check can see a survivor.

import Foundation
import Testing
@testable import GraderKit

@Suite(.serialized) struct GraderKillTests {
    /// A running `grader grade` whose qemu runs the endless probe.
    struct Run {
        let folder: TemporaryFolder
        let grader: Process

        /// Steps: 1. the probe kit and an endless submission; 2. start the
        /// grader; 3. wait (the build included) until qemu runs the probe.
        init() throws {
            // 1.
            folder = try TemporaryFolder("kill")
            _ = try makeProbeKit(in: folder)
            try folder.write("subs/looper/kernel/probe/probe.swift", probe("while true {}"))
            // 2.
            grader = Process()
            grader.executableURL = graderExecutable
            grader.arguments = ["grade", folder.path("subs/looper"), "--assignment", "00-spine", "--kit", folder.path("kit"),
                                "--no-cache", "--timeout-scale", "100", "--out", folder.path("out"), "--format", "json"]
            grader.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": folder.url.path]) { $1 }
            grader.standardOutput = FileHandle.nullDevice
            grader.standardError = FileHandle.nullDevice
            try grader.run()
        }

        /// The qemu processes of this run.
        var qemus: [String] { qemuProcesses(mentioning: folder.url.path) }

        /// The scratch and qemu-log folders left in the private TMPDIR.
        var scratchFolders: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []).filter { $0.hasPrefix("grader-") }
        }

        /// True once qemu boots the probe. The build comes first, and in
        /// `swift test` other suites build kernels at the same time: on a
        /// loaded two-core machine it has taken more than five minutes,
        /// so the wait ends on an event (qemu runs, or the grader ended),
        /// with a cap far above any build.
        func waitForQemu() async -> Bool {
            await eventually(within: 1_200) { qemus.contains { isProbeQemu($0) } || !grader.isRunning }
                && qemus.contains { isProbeQemu($0) }
        }

        private func isProbeQemu(_ pid: String) -> Bool {
            let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map { String(decoding: $0, as: UTF8.self) }
            return line?.contains("test=probe_answer") == true
        }
    }

    @Test(arguments: [SIGKILL, SIGTERM, SIGINT])
    func killingTheGraderKillsQemuAndRemovesItsFolders(signal: Int32) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: graderExecutable.path))
        let run = try Run()
        defer { if run.grader.isRunning { kill(run.grader.processIdentifier, SIGKILL) } }
        // Control: qemu was running, and so was a scratch folder.
        try #require(await run.waitForQemu(), "qemu never ran the probe")
        #expect(!run.scratchFolders.isEmpty)
        // qemu does not hold the backstop's pipe (else its end never comes).
        let backstop = try #require(backstopProcesses(of: run.grader.processIdentifier).first)
        let pipe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(backstop)/fd/0")
        for qemu in run.qemus {
            let links = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(qemu)/fd")) ?? []
            #expect(!links.contains { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(qemu)/fd/\($0)")) == pipe })
        }
        kill(run.grader.processIdentifier, signal)
        // Wait for the events, not for a delay: the grader's end, then the
        // backstop's (it sweeps, then exits). Then nothing may be left.
        await ended(run.grader)
        #expect(await waitFor { hasEnded(backstop) }, "the backstop never ended")
        #expect(run.qemus.isEmpty, "qemu left after signal \(signal): \(run.qemus)")
        #expect(run.scratchFolders.isEmpty, "folders left: \(run.scratchFolders)")
        if signal == SIGKILL {
            #expect(run.grader.terminationReason == .uncaughtSignal)
        } else {
            #expect(run.grader.terminationReason == .exit)
            #expect(run.grader.terminationStatus == 128 + signal)
        }
    }

    @Test func withoutTheBackstopQemuOutlivesAKilledGrader() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: graderExecutable.path))
        let run = try Run()
        defer { if run.grader.isRunning { kill(run.grader.processIdentifier, SIGKILL) } }
        try #require(await run.waitForQemu(), "qemu never ran the probe")
        let backstops = backstopProcesses(of: run.grader.processIdentifier)
        try #require(backstops.count == 1)
        for pid in backstops { kill(pid, SIGKILL) }
        kill(run.grader.processIdentifier, SIGKILL)
        // Once both are gone, nobody is left to end qemu.
        await ended(run.grader)
        #expect(await waitFor { backstops.allSatisfy(hasEnded) }, "the backstop never ended")
        let survivors = run.qemus
        #expect(!survivors.isEmpty, "qemu died without the backstop: the kill test could not see a survivor")
        for pid in survivors.compactMap(Int32.init) { kill(pid, SIGKILL) }
    }

    /// The `grader _backstop` children of `parent`.
    private func backstopProcesses(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  String(decoding: line, as: UTF8.self).contains(Backstop.subcommand),
                  let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
            let text = String(decoding: stat, as: UTF8.self)
            guard let close = text.lastIndex(of: ")") else { return false }
            let fields = text[text.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }
}
