// grader/stripper-cli/Check.swift -- `stripper check`.

import ArgumentParser
import StripperKit

/// Fails when skeleton/ does not hold exactly the cut manifests `generate` would write.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fail, naming each file, when a cut manifest in skeleton/ is stale, missing or extra.")

    @OptionGroup var options: RootOptions

    func run() throws {
        var differences: [SkeletonDifference] = []
        var count = 0
        try reportingErrors { () throws(StripperError) in
            let skeletons = try options.gradedSkeletons()
            count = skeletons.count
            differences = SkeletonStore(tree: options.tree).differences(from: skeletons)
        }
        guard differences.isEmpty else {
            differences.forEach { printError($0.description) }
            printError("skeleton/ is out of date: \(differences.count) file(s); run `make skeletons` and commit skeleton/")
            throw ExitCode.failure
        }
        print("skeleton/ is up to date (\(count) cut manifest(s))")
    }
}
