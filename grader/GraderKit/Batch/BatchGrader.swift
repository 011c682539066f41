// grader/GraderKit/Batch/BatchGrader.swift -- grades many submissions, a few at a time.
//
// At most `jobs` submissions are in flight (BoundedJobs, in the runner).
// Each submission has its own scratch folder and qemu processes, so they
// do not interfere. Results come back in the batch's order whatever the
// order of completion.

import Foundation

/// Grades a list of submissions with bounded parallelism.
public struct BatchGrader: Sendable {
    /// Grades one submission.
    public let grader: SubmissionGrader
    /// Submissions in flight at once.
    public let jobs: Int

    /// A batch over `grader`, `jobs` at a time (at least 1).
    public init(grader: SubmissionGrader, jobs: Int) {
        self.grader = grader
        self.jobs = max(1, jobs)
    }

    /// Grades `sources`, `jobs` at a time, in the batch's order;
    /// `progress` is called after each one with the number done and the
    /// one just graded.
    public func grade(_ sources: [SubmissionSource],
                      progress: @Sendable (Int, GradedSubmission) -> Void = { _, _ in }) async -> [GradedSubmission] {
        let grader = grader
        return await BoundedJobs(jobs: jobs).map(sources, completed: progress) { await grader.grade($0) }
    }
}
