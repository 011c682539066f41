// Tests/GraderKitTests/ConsoleLinesTests.swift -- progress and results never share a line.
//
// `grader grade` writes progress on standard error and the results table
// on standard output. Sent to one file (`2>&1`, a CI log), no line may mix
// the two. Sixty refused submissions (a file name with a `;`) make a table
// of many kilobytes, more than one buffer of standard output, and sixty
// progress lines, with nothing to build or boot.

import Foundation
import Testing
@testable import GraderKit

@Suite struct ConsoleLinesTests {
    /// The problems of `output`: progress lines that are not whole, and
    /// table headings that are not whole. Empty when no line mixes.
    static func mixedLines(in output: String, count: Int) -> [String] {
        var problems: [String] = []
        var progress = 0, headings = 0
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("/\(count)]") || line.contains(" graded") {
                if line.wholeMatch(of: /\[\d+\/\d+\] s\d\d graded/) != nil { progress += 1 } else { problems.append(String(line)) }
            }
            // The grader's other lines on standard error start their line.
            for note in ["reports: ", "submission(s) on 00-spine"] where line.contains(note) {
                if !(line.hasPrefix(note) || line.hasPrefix("\(count) " + note)) { problems.append(String(line)) }
            }
            if line.contains("00-spine ·") {
                if line.wholeMatch(of: /00-spine · s\d\d/) != nil { headings += 1 } else { problems.append(String(line)) }
            }
        }
        if progress != count { problems.append("\(progress) whole progress lines, not \(count)") }
        if headings != count { problems.append("\(headings) whole headings, not \(count)") }
        return problems
    }

    @Test func theCheckerSeesAMixedLine() {
        // Negative control: a progress line written into a table row.
        let mixed = "00-spine · s01\n  Total  0 / 100 po[2/2] s02 graded\nints\n00-spine · s02\n[1/2] s01 graded\n"
        #expect(!Self.mixedLines(in: mixed, count: 2).isEmpty)
        let noted = "[1/2] s01 graded\n[2/2] s02 graded\n00-spine · s01\n  Totreports: out/summary.txt\nal\n00-spine · s02\n"
        #expect(!Self.mixedLines(in: noted, count: 2).isEmpty)
        let whole = "[1/2] s01 graded\n[2/2] s02 graded\n00-spine · s01\n00-spine · s02\n"
        #expect(Self.mixedLines(in: whole, count: 2).isEmpty)
    }

    @Test func stdoutAndStderrToOneFileNeverMixALine() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: graderExecutable.path))
        let folder = try TemporaryFolder("lines")
        _ = try makeProbeKit(in: folder)
        let count = 60
        for index in 1 ... count {
            try folder.write(String(format: "subs/s%02d/kernel/probe/a;b.swift", index), "refused\n")
        }
        let log = folder.url.appendingPathComponent("both.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let grader = Process()
        grader.executableURL = graderExecutable
        grader.arguments = ["grade", folder.path("subs"), "--assignment", "00-spine", "--kit", folder.path("kit"),
                            "--no-cache", "--jobs", "2", "--out", folder.path("out"), "--format", "terminal", "--color", "never"]
        grader.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": folder.url.path]) { $1 }
        grader.standardOutput = handle
        grader.standardError = handle
        try grader.run()
        await ended(grader)
        try handle.close()
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(grader.terminationStatus == 1, "refused submissions: status 1\n\(output.suffix(2000))")
        #expect(output.utf8.count > 8 << 10, "the table spans more than one stdout buffer")
        #expect(Self.mixedLines(in: output, count: count).isEmpty, "\(Self.mixedLines(in: output, count: count))")
    }
}
