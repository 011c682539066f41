// grader/cli/BackstopCommand.swift -- `grader _backstop`: the hidden cleanup process.
//
// Started by every grader at start-up (see Protection and Backstop); never
// run by hand. It reads the grader's registrations on standard input and,
// when the grader dies, kills its qemu and make groups and removes its
// scratch folders.

import ArgumentParser
import GraderKit

/// The backstop process of a grader.
struct BackstopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: Backstop.subcommand,
        abstract: "Clean up after the grader whose registrations arrive on standard input.",
        shouldDisplay: false
    )

    @Argument(help: "The token in the environment of the grader's children.")
    var token: String

    func run() {
        Backstop.serve(token: token)
    }
}
