// grader/Scripts/Rubric.swift -- an assignment's rubric.yaml.
//
// The rubric holds what is true of the assignment as a whole: its total
// (scores are scaled to it), the share of it the public tests carry, its
// weight in the course, the timeout tests get by default, and the files
// the student owns (in the core and, from 03-region on, in the machine).

/// The contents of `assignments/<id>/rubric.yaml`.
public struct Rubric: Hashable, Sendable {
    /// The assignment's id, equal to its folder name ("01-set").
    public var assignment: String
    /// A one-line title.
    public var title: String
    /// Where the course book covers the assignment.
    public var chapter: String?
    /// The score a submission passing every test gets.
    public var total: Double
    /// The assignment's weight in a course total.
    public var weight: Double
    /// Seconds a test may run when its script gives no `timeout`.
    public var defaultTimeout: Double
    /// Globs, relative to the kernel core root, of the files the student writes.
    public var studentFiles: [String]
    /// Globs, relative to the machine layer's folder (machine/), of the
    /// machine files the student writes (`ia32/paging.swift`).
    public var machineFiles: [String]
    /// The points of `total` the public tests carry (the hidden tests
    /// carry the rest); nil: every test's raw points are scaled together.
    public var publicPoints: Double?

    /// `weight` when the rubric does not say.
    public static let defaultWeight = 1.0
    /// `default_timeout` when the rubric does not say.
    public static let defaultTimeoutSeconds = 10.0

    /// Creates a rubric.
    public init(assignment: String, title: String, chapter: String? = nil, total: Double,
                weight: Double = Rubric.defaultWeight, defaultTimeout: Double = Rubric.defaultTimeoutSeconds,
                studentFiles: [String] = [], machineFiles: [String] = [], publicPoints: Double? = nil) {
        self.assignment = assignment
        self.title = title
        self.chapter = chapter
        self.total = total
        self.weight = weight
        self.defaultTimeout = defaultTimeout
        self.studentFiles = studentFiles
        self.machineFiles = machineFiles
        self.publicPoints = publicPoints
    }
}
