// grader/stripper-cli/Shell.swift -- running make and qemu for `stripper verify`.
//
// Only `verify` starts programs, and it needs the simplest thing: run a
// command to the end in the kit's root and get its status and combined
// output. Time limits are the `timeout` command's job, not ours.

import Foundation

/// What a finished command left behind.
struct CommandResult {
    /// The exit status.
    var status: Int32
    /// Standard output and standard error, interleaved.
    var output: String
}

/// Runs `arguments` (looked up on PATH) in `directory` and waits for it.
func runCommand(_ arguments: [String], in directory: URL) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read before waiting: a full pipe would block the child forever.
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}
