// grader/stripper-cli/Generate.swift -- `stripper generate`.

import ArgumentParser
import StripperKit

/// Writes the cut manifests (skeleton/<a>.md) and the trees
/// (build/skeletons/<a>/) of every assignment with a rubric.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write skeleton/<NN-name>.md and the tree build/skeletons/<NN-name>/ of every assignment with a rubric.")

    @OptionGroup var options: RootOptions

    @Option(help: "Where the trees are generated, relative to the root.")
    var trees = SkeletonStore.defaultTrees

    func run() throws {
        try reportingErrors { () throws(StripperError) in
            let skeletons = try options.gradedSkeletons()
            let store = SkeletonStore(tree: options.tree)
            let manifests = try store.writeManifests(skeletons)
            let files = try store.writeTrees(skeletons, into: trees)
            for path in manifests { print("wrote \(path)") }
            print("\(skeletons.count) skeleton(s) (\(skeletons.map(\.assignment).joined(separator: ", "))): "
                  + "\(manifests.count) manifest(s) and \(files.count) tree file(s) written, trees in \(trees)/")
        }
    }
}
