// Tests/GraderKitTests/TimeoutScaleOptionTests.swift -- `--timeout-scale`
// is checked the same way by every command that takes it.
//
// grade, mutate and stability share one declaration of the option and
// its range check, (0, 100]. The refusal comes before anything is read,
// so a kit that does not exist is enough: a scale in range gets past the
// check and fails on the kit instead, which is the control.

import Foundation
import Testing

@Suite struct TimeoutScaleOptionTests {
    /// The arguments of each command that takes the option, minus it.
    static let commands: [[String]] = [
        ["grade", "/nonexistent-submissions", "--assignment", "01-set", "--kit", "/nonexistent-kit"],
        ["mutate", "--assignment", "01-set", "--kit", "/nonexistent-kit", "--list"],
        ["stability", "--assignment", "01-set", "--kit", "/nonexistent-kit"],
    ]

    /// The grader's status and standard error for `arguments`.
    func run(_ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = graderExecutable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: commands)
    func aScaleOutOfRangeIsRefusedByEveryCommand(command: [String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: graderExecutable.path), "no grader at \(graderExecutable.path)")
        for scale in ["0", "-3", "101"] {
            let refused = try run(command + ["--timeout-scale=\(scale)"])
            #expect(refused.status == 64, "\(command[0]) --timeout-scale \(scale)")
            #expect(refused.errors.contains("--timeout-scale must be greater than 0 and at most 100"),
                    "\(command[0]) --timeout-scale \(scale): \(refused.errors)")
        }
        // The control: in range, the check lets it through to the missing kit.
        let accepted = try run(command + ["--timeout-scale", "2.5"])
        #expect(accepted.status != 0 && !accepted.errors.contains("--timeout-scale must"), "\(command[0]): \(accepted.errors)")
    }
}
