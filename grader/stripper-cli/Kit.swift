// grader/stripper-cli/Kit.swift -- `stripper kit <NN-name>`.

import ArgumentParser
import Foundation
import StripperKit

/// Exports the student kit of one assignment into a folder.
struct Kit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the student kit of an assignment (make student-kit N=...).")

    @OptionGroup var options: RootOptions

    @Argument(help: "The assignment, e.g. 02-segment.")
    var assignment: String

    @Option(help: "The folder to create; it must not exist yet.")
    var output: String

    func run() throws {
        try reportingErrors { () throws(StripperError) in
            let destination = FileTree(root: URL(fileURLWithPath: output).standardizedFileURL)
            guard !destination.exists("") else {
                throw StripperError(file: output, "already exists; remove it first")
            }
            let kit = try StudentKit(assignment: assignment, tree: options.tree)
            try kit.write(from: options.tree, to: destination)
            print("exported \(kit.paths.count) files to \(output)")
        }
    }
}
