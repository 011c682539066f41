// grader/cli/Grader.swift -- the `grader` command: a list of subcommands.
//
// Each subcommand lives in its own file; add one by writing its type and
// naming it in `subcommands` below.

import ArgumentParser
import GraderKit

/// The root of the `grader` command line.
@main
struct Grader: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grader",
        abstract: "Build kernel images, boot their tests in qemu, and grade them.",
        version: graderVersion,
        subcommands: [
            RunTestCommand.self,
            ListTestsCommand.self,
            BuildCommand.self,
            BenchCommand.self,
            GradeCommand.self,
            MergeCommand.self,
            CalibrateCommand.self,
        ]
    )
}
