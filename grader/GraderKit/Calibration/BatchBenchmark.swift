// grader/GraderKit/Calibration/BatchBenchmark.swift -- how fast the grader grades.
//
// Two figures: the time to grade the reference on every assignment that
// has scripts (one submission: build plus every test), and the throughput
// of a batch of N copies of the reference at a given number of jobs. The
// cache is off, so every copy is really built and booted. Figures are
// printed, never asserted.

import Foundation

/// Times the grading of the reference.
public struct BatchBenchmark: Sendable {
    /// The kit measured.
    public let kit: Kit
    /// Where scratch folders go.
    public let scratch: URL

    /// A benchmark of `kit`.
    public init(kit: Kit, scratch: URL = FileManager.default.temporaryDirectory) {
        self.kit = kit
        self.scratch = scratch
    }

    /// One figure: what was graded, how long it took, the score.
    public struct Figure: Sendable {
        /// The assignment.
        public var assignment: String
        /// Submissions graded.
        public var submissions: Int
        /// Jobs in parallel.
        public var jobs: Int
        /// Wall-clock seconds for the whole batch.
        public var seconds: Double
        /// Lowest score of the batch, out of `maxScore`.
        public var minimumScore: Double
        /// The assignment's total.
        public var maxScore: Double

        /// Submissions per minute.
        public var perMinute: Double { seconds > 0 ? Double(submissions) / seconds * 60 : 0 }
    }

    /// The assignments whose rubric and scripts load.
    public var gradableAssignments: [String] {
        kit.assignments.filter {
            FileManager.default.fileExists(atPath: kit.root.appendingPathComponent("assignments/\($0)/rubric.yaml").path)
        }
    }

    /// Grades `copies` copies of the reference on `assignment`, `jobs` at a time.
    public func run(assignment: String, copies: Int, jobs: Int) async throws -> Figure {
        let options = GradingOptions(assignment: assignment, jobs: jobs, scratchFolder: scratch)
        let session = try GradingSession(kit: kit, options: options)
        // A student kit has no reference/: its own kernel/ stands in.
        let hasReference = FileManager.default.fileExists(atPath: kit.reference.path)
        let core = hasReference ? kit.reference : kit.root.appendingPathComponent("kernel")
        let sources = (1 ... max(1, copies)).map {
            SubmissionSource(name: String(format: "reference-%03d", $0), location: core.path, kind: .directory)
        }
        let started = ContinuousClock.now
        let (report, _) = await session.run(sources)
        let seconds = (ContinuousClock.now - started).seconds
        return Figure(assignment: assignment, submissions: sources.count, jobs: jobs, seconds: seconds,
                      minimumScore: report.submissions.map(\.score).min() ?? 0,
                      maxScore: report.submissions.first?.maxScore ?? 0)
    }
}
