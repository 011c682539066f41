// grader/cli/ListTestsCommand.swift -- `grader list-tests`: the tests an image holds.

import ArgumentParser
import GraderKit

/// Boots an image with `list` and prints its test names, one a line.
struct ListTestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-tests",
        abstract: "Print the kernel tests an image holds, one per line, in table order."
    )

    @Option(help: "The kernel image.")
    var image: String

    @OptionGroup var limits: LimitOptions

    func run() async throws {
        let runner = KernelTestRunner(limits: try limits.runLimits())
        let names = try await GraderFailure.exitingOnError {
            try await runner.listTests(image: image)
        }
        for name in names { print(name) }
    }
}
