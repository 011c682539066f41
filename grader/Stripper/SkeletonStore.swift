// grader/Stripper/SkeletonStore.swift -- skeleton/ on disk: writing it, comparing with it.
//
// `stripper check` regenerates every skeleton in memory and compares it
// with the disk. A difference means someone edited a skeleton by hand
// or changed the reference without regenerating; both must be fixed
// before a kit is released.

/// One way the disk differs from what the stripper would write.
public enum SkeletonDifference: Equatable, Sendable, CustomStringConvertible {
    /// The file exists but its text differs.
    case stale(String)
    /// The file should exist and does not.
    case missing(String)
    /// The file exists and the stripper would not write it.
    case extra(String)

    /// `path: stale (...)`, in a form a terminal user can act on.
    public var description: String {
        switch self {
        case .stale(let path): return "\(path): error: stale (differs from the reference; run `make skeletons`)"
        case .missing(let path): return "\(path): error: missing (run `make skeletons`)"
        case .extra(let path):
            return "\(path): error: extra (not generated from the reference; remove it or move the code to reference/)"
        }
    }
}

/// Writes skeletons to `skeleton/` and compares them with it.
public struct SkeletonStore: Sendable {
    /// The kit's root.
    public var tree: FileTree
    /// The course: its assignments are the only folders of `skeleton/`.
    public var curriculum: Curriculum

    /// A store in `tree` for `curriculum`.
    public init(tree: FileTree, curriculum: Curriculum = .course) {
        self.tree = tree
        self.curriculum = curriculum
    }

    /// Every difference between `skeletons` and the disk, sorted by path.
    ///
    /// Steps:
    /// 1. each generated file is missing, stale or fine;
    /// 2. each file on disk that was not generated is extra (including
    ///    anything in `skeleton/` outside the course's folders).
    public func differences(from skeletons: [Skeleton]) -> [SkeletonDifference] {
        var found: [SkeletonDifference] = []
        var expected: Set<String> = []
        for skeleton in skeletons {                                          // 1.
            for path in skeleton.paths {
                let full = "\(skeleton.folder)/\(path)"
                expected.insert(full)
                guard tree.exists(full) else { found.append(.missing(full)); continue }
                if (try? tree.read(full)) != skeleton.files[path]!.text { found.append(.stale(full)) }
            }
        }
        for path in tree.files(under: "skeleton") where !expected.contains("skeleton/\(path)") {  // 2.
            found.append(.extra("skeleton/\(path)"))
        }
        return found.sorted { $0.description < $1.description }
    }

    /// Writes `skeletons` and removes every extra file; returns the paths
    /// written (unchanged files are left alone, so make sees no change).
    @discardableResult
    public func write(_ skeletons: [Skeleton]) throws(StripperError) -> [String] {
        var written: [String] = []
        for skeleton in skeletons {
            for path in skeleton.paths {
                let target = "\(skeleton.folder)/\(path)"
                if try tree.write(skeleton.files[path]!.text, to: target) { written.append(target) }
            }
        }
        for case .extra(let path) in differences(from: skeletons) {
            try tree.remove(path)
        }
        try removeEmptyFolders(in: "skeleton")
        return written
    }

    /// Removes folders left empty by removed files (deepest first).
    private func removeEmptyFolders(in folder: String) throws(StripperError) {
        for name in tree.entries(of: folder) where tree.isFolder("\(folder)/\(name)") {
            try removeEmptyFolders(in: "\(folder)/\(name)")
            if tree.entries(of: "\(folder)/\(name)").isEmpty { try tree.remove("\(folder)/\(name)") }
        }
    }
}
