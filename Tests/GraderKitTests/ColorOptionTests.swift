// Tests/GraderKitTests/ColorOptionTests.swift -- `--color auto|always|never` on the command line.
//
// `grader merge` prints the same terminal table as `grader grade` and
// takes the same option, without building or booting anything, so it is
// the one run here. Its standard output is a pipe: `auto` means no colour.

import Foundation
import Testing
@testable import GraderKit

@Suite struct ColorOptionTests {
    private static var grader: URL { graderExecutable }

    /// `grader merge <one report> --color <choice>`: status and stdout.
    private func merge(color: String?, environment: [String: String] = [:]) throws -> (Int32, String) {
        let folder = try TemporaryFolder("color")
        let report = GradeReport(startedAt: "2026-01-01T00:00:00Z", submissions: [
            SubmissionResult(student: "ann", assignment: "01-set", score: 3, maxScore: 3, built: true,
                             tests: [TestResult(name: "set_add", kernelTest: "set_add", title: "add", visibility: "public",
                                                verdict: .pass, points: 3, maxPoints: 3)],
                             duration: 1, contentHash: "x"),
        ])
        let file = try #require(try ReportWriter.write(report, formats: [.json], to: folder.url).first)
        let process = Process()
        let pipe = Pipe()
        process.executableURL = Self.grader
        process.arguments = ["merge", file.path, "--out", folder.path("out"), "--format", "json"]
            + (color.map { ["--color", $0] } ?? [])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func colorFollowsTheOption() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.grader.path), "no grader at \(Self.grader.path)")
        let always = try merge(color: "always")
        #expect(always.0 == 0)
        #expect(always.1.contains("\u{1B}[") && always.1.contains("set_add"))
        // NO_COLOR only affects auto.
        #expect(try merge(color: "always", environment: ["NO_COLOR": "1"]).1.contains("\u{1B}["))
        let never = try merge(color: "never")
        #expect(never.0 == 0 && never.1.contains("set_add") && !never.1.contains("\u{1B}"))
        // auto on a pipe, the default: no colour.
        #expect(!(try merge(color: "auto")).1.contains("\u{1B}"))
        #expect(!(try merge(color: nil)).1.contains("\u{1B}"))
        #expect(try merge(color: "purple").0 == 64)
    }
}
