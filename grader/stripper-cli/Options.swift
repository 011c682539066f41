// grader/stripper-cli/Options.swift -- what every subcommand shares.

import ArgumentParser
import Foundation
import StripperKit

/// The kit's root folder (where Package.swift and reference/ are).
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: "The kit's root folder.")
    var root: String = "."

    /// The root as a file tree.
    var tree: FileTree {
        FileTree(root: URL(fileURLWithPath: root).standardizedFileURL)
    }

    /// The skeletons of the course's assignments that have a rubric (the
    /// others get neither a manifest nor a tree).
    func gradedSkeletons() throws(StripperError) -> [Skeleton] {
        try SkeletonBuilder(tree: tree).skeletons(for: Curriculum.course.graded(in: tree))
    }
}

/// Runs `body`; a stripper error is printed as the compiler would
/// (`file:line: error: ...`) and ends the command with status 1.
func reportingErrors(_ body: () throws(StripperError) -> Void) throws(ExitCode) {
    do throws(StripperError) {
        try body()
    } catch {
        printError(error.description)
        throw ExitCode.failure
    }
}

/// Prints `text` on the standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints `text` on the standard output at once (not held in a buffer
/// until exit, as `print` does when the output is a file or a pipe), so
/// that a CI log shows progress as it happens.
func printOutput(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
