// grader/Stripper/Curriculum.swift -- the assignments, in teaching order.
//
// The order matters: the skeleton of an assignment keeps the reference
// code of every earlier assignment (the student already wrote it) and
// replaces the code of this one and every later one.

/// The ordered list of assignments the stripper cuts skeletons for.
public struct Curriculum: Equatable, Sendable {
    /// Assignment names (`NN-name`), first to last.
    public let assignments: [String]

    /// A curriculum with these assignments, in this order.
    public init(_ assignments: [String]) {
        self.assignments = assignments
    }

    /// The course as taught with this kit. `00-spine` is the kit's own
    /// self-test: it is never stripped and has no skeleton.
    public static let course = Curriculum([
        "01-set", "02-segment", "03-region", "04-task", "05-scheduler", "06-ipc",
    ])

    /// The assignments of the course that have a rubric in `tree`
    /// (`assignments/<name>/rubric.yaml`), in course order: the only ones
    /// with a cut manifest, a generated skeleton and a student kit (the
    /// others have nothing to grade yet).
    public func graded(in tree: FileTree) -> [String] {
        assignments.filter { tree.exists("assignments/\($0)/rubric.yaml") }
    }

    /// The position of `assignment` in the course, or nil if unknown.
    public func position(of assignment: String) -> Int? {
        assignments.firstIndex(of: assignment)
    }

    /// The position of `assignment`; an unknown name is an error that
    /// lists the known ones.
    public func require(_ assignment: String) throws(StripperError) -> Int {
        guard let position = position(of: assignment) else {
            throw StripperError(
                file: "assignments",
                "unknown assignment '\(assignment)' (known: \(assignments.joined(separator: ", ")))")
        }
        return position
    }
}
