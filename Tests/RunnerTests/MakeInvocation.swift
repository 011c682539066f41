// Tests/RunnerTests/MakeInvocation.swift -- running the kit's make from a test.

import Foundation

/// make's status and merged output for `arguments` in `folder` (a
/// test-only shortcut; the grader itself runs make through swift-subprocess).
func runMake(_ arguments: [String], in folder: String) throws -> (status: Int32, output: String) {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["make", "--no-print-directory", "-C", folder] + arguments
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
