// grader/Stripper/Skeleton.swift -- the student tree of one assignment, in memory.
//
// The stripper always builds skeletons in memory first; writing them,
// comparing them with the disk (check) and mapping compiler errors all
// start from the same values, so they cannot disagree.

/// One file of a skeleton.
public struct SkeletonFile: Equatable, Sendable {
    /// The file's text.
    public var text: String
    /// The reference file it comes from (`reference/set/set.swift`), or
    /// nil for a file the stripper writes itself (the README, its cut manifest).
    public var source: String?
    /// Where each line comes from in `source`.
    public var lineMap: LineMap
}

/// The skeleton of one assignment: relative path -> file.
public struct Skeleton: Equatable, Sendable {
    /// The assignment (`01-set`); the tree is generated into
    /// `build/skeletons/<assignment>/`, its cut manifest is `skeleton/<assignment>.md`.
    public var assignment: String
    /// The files, keyed by their path inside the skeleton folder.
    public var files: [String: SkeletonFile]
    /// The machine layer as this assignment's students get it, keyed by
    /// path inside machine/ (`ia32/paging.swift`).
    public var machine: [String: SkeletonFile]

    /// A skeleton of `assignment` with these core and machine files.
    public init(assignment: String, files: [String: SkeletonFile], machine: [String: SkeletonFile] = [:]) {
        self.assignment = assignment
        self.files = files
        self.machine = machine
    }

    /// The paths of the files, sorted (the order everything is done in).
    public var paths: [String] {
        files.keys.sorted()
    }

    /// The paths of the machine files, sorted.
    public var machinePaths: [String] {
        machine.keys.sorted()
    }

    /// The folder of this skeleton's tree under `trees` (`build/skeletons`).
    public func folder(in trees: String) -> String {
        "\(trees)/\(assignment)"
    }

    /// The folder of its machine layer under `trees`: a sibling of the
    /// core's, never inside it (every .swift file under the core is the
    /// Kernel module's). The Makefile's MACHINE_ROOT names it.
    public func machineFolder(in trees: String) -> String {
        "\(trees)/\(assignment)\(Self.machineSuffix)"
    }

    /// What `machineFolder` adds to the assignment's name.
    public static let machineSuffix = ".machine"

    /// The cut manifest (the tree's README.md; committed as skeleton/<assignment>.md).
    public var manifest: String {
        files[SkeletonBuilder.readmeName]?.text ?? ""
    }
}
