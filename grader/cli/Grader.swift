// grader/cli/Grader.swift -- the `grader` command: a list of subcommands.
//
// Each subcommand lives in its own file; add one by writing its type and
// naming it in `subcommands` below. Before any command runs, the grader
// protects itself (see Protection): a backstop process and signal
// handlers make sure no qemu or make outlives it.

import ArgumentParser
import Foundation
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
            MutateCommand.self,
            StabilityCommand.self,
            DocsCommand.self,
            SimilarityCommand.self,
            SimilarityBenchCommand.self,
            BackstopCommand.self,
        ]
    )

    /// Steps: 1. parse the command line; 2. unless this process is the
    /// backstop, start the protection; 3. run the command; 4. exit with
    /// its status, unless a signal handler is cleaning up (its status wins).
    static func main() async {
        do {
            // 1.
            var command = try parseAsRoot()
            // 2.
            if !(command is BackstopCommand) { await Protection.install() }
            // 3.
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // 4.
            Protection.waitForHandler()
            exit(withError: error)
        }
        Protection.waitForHandler()
    }
}
