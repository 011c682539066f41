// grader/GraderKit/Similarity/SimilarityBaseline.swift -- the code every student was given.
//
// Two students who both kept the skeleton's `init`, its doc comments'
// code, or the stripper's replacement (`throw KernelError.notImplemented`)
// did not copy each other. The baseline holds every k-gram of the code a
// student kit ships, and the check ignores those k-grams in submissions.
// The skeleton is cut in memory by the stripper (SkeletonBuilder), from
// the reference, as `make skeletons` and the kit export do; so neither a
// stale nor a missing generated tree changes the result. Besides the
// core, a kit ships the machine layer (cut like the core: 03-region's
// students write the page tables), the boot code and the grader's
// harness, whose code a student may call or imitate: those count too.
// A kit without reference/ (a student kit, or an assignment the stripper
// does not cut, such as 00-spine) gives its core folder as it is on disk.

import Foundation
import StripperKit

/// The k-gram hashes of the code a kit gives every student.
public struct SimilarityBaseline: Sendable {
    /// Every k-gram hash of the given code.
    public var hashes: Set<UInt64>
    /// How many files it was made of.
    public var fileCount: Int

    /// The folders of the kit, besides the core and the machine, that a
    /// student kit ships as they are.
    public static let shippedFolders = ["boot", "grader/harness"]

    /// The baseline of `texts` (file contents).
    public init(texts: [String], winnowing: Winnowing = .standard) {
        var hashes: Set<UInt64> = []
        for text in texts { hashes.formUnion(winnowing.kGrams(of: SwiftLexer.tokens(of: text))) }
        self.hashes = hashes
        fileCount = texts.count
    }

    /// The baseline of what a student kit of `assignment` ships.
    ///
    /// Steps: 1. the core and the machine: the skeleton's, cut from the
    /// reference and machine/, or the kit's core and machine folders
    /// when there is no reference or the assignment is not cut; 2. the
    /// shipped folders' source files.
    public static func given(by kit: Kit, assignment: String, winnowing: Winnowing = .standard) throws -> SimilarityBaseline {
        var texts: [String] = []
        // 1.
        let tree = StripperKit.FileTree(root: kit.root)
        let cut = Curriculum.course.position(of: assignment) != nil && tree.isFolder("reference")
        if cut {
            let skeleton = try SkeletonBuilder(tree: tree).skeleton(for: assignment)
            texts += skeleton.paths.filter(SimilarityReader.isSource).map { skeleton.files[$0]!.text }
            texts += skeleton.machinePaths.filter(SimilarityReader.isSource).map { skeleton.machine[$0]!.text }
        } else {
            texts += sourceTexts(under: kit.core(for: assignment))
            texts += sourceTexts(under: kit.machine(for: assignment))
        }
        // 2.
        for folder in shippedFolders {
            texts += sourceTexts(under: kit.root.appendingPathComponent(folder))
        }
        return SimilarityBaseline(texts: texts, winnowing: winnowing)
    }

    private static func sourceTexts(under folder: URL) -> [String] {
        FileTree.files(under: folder).filter(SimilarityReader.isSource).compactMap { path in
            FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
                .map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
