// grader/GraderKit/Trust/TrustedTree.swift -- the scratch tree a submission is built in.
//
// The build never sees the submission's own Makefile, scripts or tests: it
// runs in a fresh copy of the kit's build inputs, the assignment's tests
// (public and hidden) and the kit's core and machine layer for the
// assignment (both cut for it), onto which the overlay then copies the
// student's owned files. The core sits at kernel/,
// the folder a student kit uses, so compiler messages name the same paths
// the student sees.

import Foundation

/// A fresh, trusted build tree for one submission.
public struct TrustedTree: Sendable {
    /// The tree's root (holds the Makefile).
    public let root: URL
    /// Where the core is, relative to `root` (the Makefile's CORE).
    public static let corePath = "kernel"

    /// The core folder inside the tree.
    public var core: URL { root.appendingPathComponent(TrustedTree.corePath) }
    /// The machine layer's folder inside the tree (the Makefile's default).
    public var machine: URL { root.appendingPathComponent("machine") }

    /// Copies the kit's build inputs, `assignment`'s folder, its core and
    /// its machine layer into `root`, which must not exist yet.
    ///
    /// Steps: 1. the build inputs but the machine; 2. the assignment
    /// (tests, hidden tests, scripts, rubric) at the same place as in the
    /// kit; 3. the core; 4. the machine as cut for the assignment.
    public static func assemble(kit: Kit, assignment: String, at root: URL) throws -> TrustedTree {
        let manager = FileManager.default
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
        // 1.
        for input in Kit.buildInputs where input != "machine" {
            let source = kit.root.appendingPathComponent(input)
            guard manager.fileExists(atPath: source.path) else { continue }
            let target = root.appendingPathComponent(input)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: source, to: target)
        }
        // 2.
        let assignments = root.appendingPathComponent("assignments")
        try manager.createDirectory(at: assignments, withIntermediateDirectories: true)
        try manager.copyItem(at: kit.assignmentFolder(assignment), to: assignments.appendingPathComponent(assignment))
        // 3.
        let tree = TrustedTree(root: root)
        try manager.copyItem(at: kit.core(for: assignment), to: tree.core)
        // 4.
        try manager.copyItem(at: kit.machine(for: assignment), to: tree.machine)
        return tree
    }
}
