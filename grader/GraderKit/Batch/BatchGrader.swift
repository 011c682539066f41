// grader/GraderKit/Batch/BatchGrader.swift -- grades many submissions, a few at a time.
//
// At most `jobs` submissions are in flight: the task group starts that
// many, and starts the next one each time one finishes. Each submission
// has its own scratch folder and qemu processes, so they do not interfere.
// Results come back in the batch's order whatever the order of completion.

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

    /// Grades `sources`; `progress` is called after each one with the
    /// number done and the one just graded.
    ///
    /// Steps: 1. start the first `jobs` gradings; 2. each time one ends,
    /// record it, report progress, and start the next.
    public func grade(_ sources: [SubmissionSource],
                      progress: @Sendable (Int, GradedSubmission) -> Void = { _, _ in }) async -> [GradedSubmission] {
        var results = [GradedSubmission?](repeating: nil, count: sources.count)
        await withTaskGroup(of: (Int, GradedSubmission).self) { group in
            var next = 0
            // 1.
            while next < min(jobs, sources.count) {
                let index = next
                group.addTask { (index, await grader.grade(sources[index])) }
                next += 1
            }
            // 2.
            var done = 0
            while let (index, graded) = await group.next() {
                results[index] = graded
                done += 1
                progress(done, graded)
                if next < sources.count {
                    let index = next
                    group.addTask { (index, await grader.grade(sources[index])) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }
}
