// grader/cli/BuildCommand.swift -- `grader build`: one kernel image.

import ArgumentParser
import Foundation
import GraderKit

extension BuildMode: ExpressibleByArgument {}

/// Builds an assignment's image with the kit's Makefile and prints its path.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the kernel image of an assignment and print its path.",
        discussion: "On a build failure, prints the compiler's diagnostics and exits with 1."
    )

    @Option(help: "The assignment whose tests go into the image (e.g. 00-spine).")
    var assignment: String

    @Option(help: "The kernel core folder, relative to the kit or absolute: the reference or a student's tree.")
    var core: String = "reference"

    @Option(help: "release (optimised: -O, the harness -Osize) or debug (-Onone -g).")
    var mode: BuildMode = .release

    @Option(help: "The kit's root folder (where the Makefile is).")
    var kit: String = "."

    @Option(help: "Where the objects and the image go (default: build/<mode> in the kit).")
    var buildDirectory: String?

    /// `path` against the current directory (the build runs in the kit).
    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    func run() async throws {
        // An absolute core lies outside the kit (a student's tree): its
        // diagnostics read best relative to it.
        let build = KernelBuild(kitRoot: kit, assignment: assignment, core: core, mode: mode,
                                buildDirectory: buildDirectory.map(absolute),
                                diagnosticsRoot: core.hasPrefix("/") ? core : nil)
        let outcome = try await GraderFailure.exitingOnError { try await build.run() }
        switch outcome {
        case .built(let image):
            print(image)
        case .failed(let failure):
            // The compiler quotes the student's source: sanitised, colour kept.
            let diagnostics = ReportText.sanitize(failure.diagnostics, mode: .keepingColor)
            print(diagnostics, terminator: diagnostics.hasSuffix("\n") ? "" : "\n")
            GraderFailure.printError("the build failed: \(failure.summary)")
            throw ExitCode(1)
        }
    }
}
