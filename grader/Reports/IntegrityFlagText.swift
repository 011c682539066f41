// grader/Reports/IntegrityFlagText.swift -- the words every report uses for integrity flags.
//
// A flag is a note for the teacher, never a verdict: each format says so
// in its heading, so that nobody reads a flag as a lost point.

/// Shared wording for `SubmissionResult.flags`.
public enum IntegrityFlagText {
    /// The heading above a submission's flags.
    public static let heading = "Integrity flags (for the teacher to look at; they do not change the score):"

    /// The name of the Gradescope test entry and JUnit property that carry them.
    public static let entryName = "integrity flags"
}
