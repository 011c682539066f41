// Tests/RunnerTests/MakeInvocation.swift -- running make and other tools from a test.

import Foundation
import TestSupport

/// The status and merged output of a command found on the PATH, run in
/// `folder` (default: the current one) with `environment` added (a
/// test-only shortcut; the grader itself runs tools through swift-subprocess).
///
/// The command runs on a thread of its own: a build takes minutes, and a
/// test blocking one of the two threads of the concurrency pool with it
/// stalls every other test meanwhile (once a watchdog test waited four
/// minutes for a thread, and a boot's allowance ran out before qemu's
/// banner could be read).
func runCommand(_ arguments: [String], in folder: String? = nil,
                environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
    try await offThePool { try runCommandBlocking(arguments, in: folder, environment: environment) }
}

/// `runCommand`, on the calling thread.
private func runCommandBlocking(_ arguments: [String], in folder: String?,
                                environment: [String: String]) throws -> (status: Int32, output: String) {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// make's status and merged output for `arguments` in `folder`.
func runMake(_ arguments: [String], in folder: String) async throws -> (status: Int32, output: String) {
    try await runCommand(["make", "--no-print-directory", "-C", folder] + arguments)
}

/// A scratch folder holding `core/`, a copy of the probe kit's core
/// (Tests/Fixtures/probe-core: only what the harness calls), for a test
/// of how make builds a changed core; the caller removes `folder`. The
/// test is about the build, not the kernel, and the reference's managers
/// would take a minute and a half to compile.
func scratchCopyOfTheProbeCore(_ label: String) throws -> (folder: URL, core: URL) {
    let manager = FileManager.default
    let folder = manager.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    let core = folder.appendingPathComponent("core")
    try manager.createDirectory(at: folder, withIntermediateDirectories: true)
    try manager.copyItem(at: URL(fileURLWithPath: SpineImage.kitRoot).appendingPathComponent("Tests/Fixtures/probe-core"),
                         to: core)
    return (folder, core)
}
