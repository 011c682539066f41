// grader/stripper-cli/Generate.swift -- `stripper generate`.

import ArgumentParser
import StripperKit

/// Writes skeleton/<NN-name>/ for every assignment of the course.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write skeleton/<NN-name>/ for every assignment from reference/.")

    @OptionGroup var options: RootOptions

    func run() throws {
        try reportingErrors { () throws(StripperError) in
            let skeletons = try SkeletonBuilder(tree: options.tree).skeletons()
            let written = try SkeletonStore(tree: options.tree).write(skeletons)
            for path in written { print("wrote \(path)") }
            print("\(skeletons.count) skeletons up to date (\(written.count) file(s) written)")
        }
    }
}
