// grader/stripper-cli/Check.swift -- `stripper check`.

import ArgumentParser
import StripperKit

/// Fails when skeleton/ is not exactly what `generate` would write.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fail, naming each file, when skeleton/ is stale, incomplete or edited by hand.")

    @OptionGroup var options: RootOptions

    func run() throws {
        var differences: [SkeletonDifference] = []
        try reportingErrors { () throws(StripperError) in
            let skeletons = try SkeletonBuilder(tree: options.tree).skeletons()
            differences = SkeletonStore(tree: options.tree).differences(from: skeletons)
        }
        guard differences.isEmpty else {
            differences.forEach { printError($0.description) }
            printError("skeleton/ is out of date: \(differences.count) file(s); run `make skeletons`")
            throw ExitCode.failure
        }
        print("skeleton/ is up to date")
    }
}
