// grader/stripper-cli/StripperCommand.swift -- the `stripper` command.
//
// The teacher's tool for student trees:
//
//     stripper generate            write skeleton/<NN-name>.md (the cut) and the tree
//                                  build/skeletons/<NN-name>/, per assignment with a rubric
//     stripper check               fail if a manifest in skeleton/ differs from the cut
//     stripper verify              generate the trees, build and boot every one
//     stripper kit 02-segment      export the student kit of one assignment
//
// The make targets of mk/student.mk call these; see docs/teacher/guide.md.

import ArgumentParser

/// The root command: only dispatches to the subcommands.
@main
struct StripperCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stripper",
        abstract: "Cut student skeletons and kits out of the reference kernel.",
        subcommands: [Generate.self, Check.self, Verify.self, Kit.self])
}
