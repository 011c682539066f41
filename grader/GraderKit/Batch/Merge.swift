// grader/GraderKit/Batch/Merge.swift -- joins the JSON reports of several shards.
//
// Each shard of a CI matrix writes its own grades.json; `grader merge`
// reads them back and produces one run, from which every report format is
// written as if the batch had been graded on one machine. The same
// student graded in two inputs is an error naming both files, since one
// grade would silently hide the other.

import Foundation

/// Why reports could not be merged.
public enum MergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No input given.
    case noInput
    /// A file could not be read or decoded.
    case unreadable(path: String, reason: String)
    /// The same submission appears in two files.
    case duplicate(student: String, assignment: String, first: String, second: String)

    /// One line naming the file(s).
    public var description: String {
        switch self {
        case .noInput:
            return "nothing to merge: give the grades.json of every shard"
        case let .unreadable(path, reason):
            return "\(path): \(reason)"
        case let .duplicate(student, assignment, first, second):
            return "\(student) (\(assignment)) is graded in both \(first) and \(second)"
        }
    }
}

/// Merges grade reports.
public enum Merge {
    /// The reports in `files` as one, submissions sorted by student then
    /// assignment, starting at the earliest start time, with the shards'
    /// timeout scale when they all used the same one.
    ///
    /// Steps: 1. read each file; 2. refuse duplicates; 3. sort and join.
    public static func merge(files: [URL]) throws(MergeError) -> GradeReport {
        guard !files.isEmpty else { throw .noInput }
        var seen: [String: String] = [:]
        var submissions: [SubmissionResult] = []
        var starts: [String] = []
        var scales: Set<Double?> = []
        for file in files {
            // 1.
            let report: GradeReport
            do {
                report = try JSONReport.read(from: file)
            } catch {
                throw .unreadable(path: file.path, reason: "\(error)")
            }
            starts.append(report.startedAt)
            scales.insert(report.timeoutScale)
            // 2.
            for submission in report.submissions {
                let key = submission.student + "\u{0}" + submission.assignment
                if let first = seen[key] {
                    throw .duplicate(student: submission.student, assignment: submission.assignment,
                                     first: first, second: file.path)
                }
                seen[key] = file.path
                submissions.append(submission)
            }
        }
        // 3.
        submissions.sort { ($0.student, $0.assignment) < ($1.student, $1.assignment) }
        // One scale when every shard used the same; unknown otherwise.
        let scale = scales.count == 1 ? scales.first ?? nil : nil
        return GradeReport(startedAt: starts.min() ?? "", submissions: submissions, timeoutScale: scale)
    }
}
