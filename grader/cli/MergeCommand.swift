// grader/cli/MergeCommand.swift -- `grader merge`: one set of reports from several shards.
//
// Exit status: 0 when every merged submission built and passed every
// test, 1 otherwise, 2 when an input cannot be read or a submission
// appears twice.

import ArgumentParser
import Foundation
import GraderKit

/// Merges the grades.json files of several shards.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the grades.json of several shards and write every report."
    )

    @Argument(help: "The grades.json file of every shard.")
    var reports: [String]

    @Option(help: "Folder for the merged reports.")
    var out: String = "grader-out"

    @Option(parsing: .upToNextOption, help: "Report formats: terminal json junit gradescope markdown html.")
    var format: [String] = ReportFormat.allCases.map(\.rawValue)

    @Option(help: "Colour the table on standard output: auto (a terminal, NO_COLOR unset), always, never.")
    var color: ColorChoice = .auto

    func validate() throws {
        for name in format where ReportFormat(rawValue: name) == nil {
            throw ValidationError("unknown format '\(name)'")
        }
    }

    func run() async throws {
        let report: GradeReport
        let written: [URL]
        do {
            report = try Merge.merge(files: reports.map { URL(fileURLWithPath: $0) })
            written = try ReportWriter.write(report, formats: format.compactMap(ReportFormat.init),
                                             to: URL(fileURLWithPath: out))
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
        ConsoleLines.standardOutput.write(TerminalSummary(report, colored: color.resolveForStandardOutput()).render())
        var standardError = StandardError()
        print("merged \(reports.count) report(s), \(report.submissions.count) submission(s): "
              + written.map(\.path).joined(separator: ", "), to: &standardError)
        if !report.submissions.allSatisfy(\.isCompletePass) { throw ExitCode(1) }
    }
}
