// Tests/GraderKitTests/ProcessGuardTests.swift -- the backstop and stale folders, without qemu.
//
// The real `grader _backstop` is fed registrations on a pipe, as a grader
// would; a `sleep` in a group of its own stands for qemu. While the pipe
// is open nothing is touched (the control); when it ends, the group dies
// and the folder goes. Stale scratch folders are swept by owner.

import Foundation
import Testing
@testable import GraderKit

/// A `sleep 1000` with `environment` added, leading a process group of
/// its own (Foundation starts every child in a new group).
func groupLeader(environment: [String: String] = [:]) async throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sleep")
    process.arguments = ["1000"]
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    try process.run()
    _ = await eventually(within: 2) { ProcessSweep.status(of: process.processIdentifier)?.1 == process.processIdentifier }
    try #require(ProcessSweep.status(of: process.processIdentifier)?.1 == process.processIdentifier)
    return process
}

/// Ends `process` for good (children here may ignore SIGTERM).
func stop(_ process: Process) {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
}

/// True when `pid` runs (a zombie does not).
func isRunning(_ pid: Int32) -> Bool {
    guard let status = ProcessSweep.status(of: pid) else { return false }
    return status.0 != "Z"
}

/// Waits for the event `condition` describes, polling every 20 ms. The
/// cap only keeps a broken build from hanging the suite: a passing run
/// never depends on it (it is minutes, not a margin).
func waitFor(_ condition: () -> Bool) async -> Bool {
    await eventually(within: 120, condition)
}

/// Waits for `process` to end, polling like `eventually`. Unlike
/// `waitUntilExit` it gives its thread back while it waits (see
/// `eventually`).
func ended(_ process: Process) async {
    while process.isRunning { try? await Task.sleep(nanoseconds: 20_000_000) }
    process.waitUntilExit()
}

/// True once process `pid` has ended (gone, or a zombie).
func hasEnded(_ pid: Int32) -> Bool {
    !isRunning(pid)
}

/// read(2)'s number as /proc/<pid>/syscall shows it.
#if arch(arm64)
let readSystemCall = "63"
#else
let readSystemCall = "0"
#endif

/// True when process `pid` sits in read(2) on its standard input with
/// nothing left to read there: it has taken in every line written so far
/// and waits for more (its main thread's system call is read, fd 0).
func waitsOnEmptyInput(_ pid: Int32, pipe: Pipe) -> Bool {
    var unread: Int32 = 0
    guard ioctl(pipe.fileHandleForWriting.fileDescriptor, UInt(FIONREAD), &unread) == 0, unread == 0,
          let data = FileManager.default.contents(atPath: "/proc/\(pid)/syscall") else { return false }
    let fields = String(decoding: data, as: UTF8.self).split(separator: " ")
    return fields.count > 1 && fields[0] == readSystemCall && fields[1] == "0x0"
}

/// Polls `condition` every 20 ms for at most `seconds`. It sleeps with
/// `Task.sleep`, not `usleep`: Swift Testing runs tests in parallel on a
/// pool as wide as the host has cores, and a test blocking a pool thread
/// for minutes (waiting for a grader's build) starved the async tests
/// beside it, until their own deadlines fired on a loaded 2-core host.
func eventually(within seconds: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
    return condition()
}

@Suite struct ProcessGuardTests {
    @Test func theBackstopCleansUpWhenItsPipeEnds() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: graderExecutable.path))
        let folder = try TemporaryFolder("guard")
        let scratch = try folder.folder("grader-scratch")
        let token = UUID().uuidString
        let grouped = try await groupLeader()
        let marked = try await groupLeader(environment: [ProcessGuard.tokenVariable: token])
        let bystander = try await groupLeader(environment: [ProcessGuard.tokenVariable: "another-grader"])
        defer { for process in [grouped, marked, bystander] { stop(process) } }
        let backstop = Process()
        let pipe = Pipe()
        backstop.executableURL = graderExecutable
        backstop.arguments = [Backstop.subcommand, token]
        backstop.standardInput = pipe
        try backstop.run()
        pipe.fileHandleForWriting.write(Data("group \(grouped.processIdentifier)\nfolder \(scratch.path)\n".utf8))
        // Control: once the backstop has read the lines and waits for
        // more (an event, not a delay), nothing was touched.
        try #require(await waitFor { waitsOnEmptyInput(backstop.processIdentifier, pipe: pipe) })
        #expect(isRunning(grouped.processIdentifier) && isRunning(marked.processIdentifier))
        #expect(FileManager.default.fileExists(atPath: scratch.path))
        // The grader dies: its end of the pipe closes. The backstop
        // sweeps, then exits: once it has, everything is done.
        try pipe.fileHandleForWriting.close()
        await ended(backstop)
        #expect(!isRunning(grouped.processIdentifier) && !isRunning(marked.processIdentifier))
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
        #expect(isRunning(bystander.processIdentifier), "another grader's process was killed")
    }

    @Test func anUnregisteredGroupAndFolderAreLeftAlone() async throws {
        let folder = try TemporaryFolder("guard")
        let scratch = try folder.folder("grader-kept")
        let process = try await groupLeader()
        defer { stop(process) }
        ProcessSweep.run(groups: [], folders: [], token: UUID().uuidString)
        #expect(isRunning(process.processIdentifier))
        #expect(FileManager.default.fileExists(atPath: scratch.path))
    }

    @Test func staleFoldersOfDeadOwnersAreSwept() throws {
        let folder = try TemporaryFolder("stale")
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        try folder.write("grader-dead/\(OwnedFolder.ownerFile)", "\(dead.processIdentifier) 1\n")
        try folder.write("grader-reused/\(OwnedFolder.ownerFile)", "\(getpid()) 1\n")
        try folder.write("grader-alive/\(OwnedFolder.ownerFile)", OwnedFolder.identity(of: getpid()) + "\n")
        try folder.write("grader-unowned/files/a.swift", "x")
        try folder.write("other-dead/\(OwnedFolder.ownerFile)", "\(dead.processIdentifier) 1\n")
        let removed = OwnedFolder.sweepStale(in: folder.url)
        #expect(Set(removed) == [folder.path("grader-dead"), folder.path("grader-reused")])
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(left == ["grader-alive", "grader-unowned", "other-dead"])
    }

    @Test func anOwnedFolderIsRegisteredWhileItLives() throws {
        let folder = try TemporaryFolder("owned")
        let scratch = folder.url.appendingPathComponent("grader-x")
        try OwnedFolder.create(at: scratch)
        #expect(ProcessGuard.shared.registered.folders.contains(scratch.path))
        #expect(OwnedFolder.isAlive(try String(contentsOf: scratch.appendingPathComponent(OwnedFolder.ownerFile), encoding: .utf8)))
        OwnedFolder.remove(scratch)
        #expect(!ProcessGuard.shared.registered.folders.contains(scratch.path))
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
    }
}
