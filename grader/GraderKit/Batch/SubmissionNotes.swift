// grader/GraderKit/Batch/SubmissionNotes.swift -- what the student should know besides the tests.
//
// The overlay decides which of the student's files were used. Owned files
// that were missing (the kit's version was built instead) and edits to
// files the student does not own (not used) are told to the student, or
// they would wonder why their change had no effect.

/// Remarks about a submission's files.
public struct SubmissionNotes: Sendable, Equatable, Codable {
    /// Where the core was found in the submission ("" = its root).
    public var coreRoot: String
    /// Owned files that were missing.
    public var missing: [String]
    /// Files changed or added but not owned, hence ignored.
    public var ignored: [String]

    /// Notes with these lists.
    public init(coreRoot: String = "", missing: [String] = [], ignored: [String] = []) {
        self.coreRoot = coreRoot
        self.missing = missing
        self.ignored = ignored
    }

    /// Notes from an overlay.
    public init(_ overlay: OverlayReport) {
        self.init(coreRoot: overlay.coreRoot, missing: overlay.missing, ignored: overlay.ignored)
    }

    /// One line per remark, for the terminal and the reports.
    public var lines: [String] {
        missing.map { "missing: \($0) (the kit's version was used)" }
            + ignored.map { "ignored: \($0) (not a file of this assignment; your change was not used)" }
    }
}
