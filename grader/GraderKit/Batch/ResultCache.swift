// grader/GraderKit/Batch/ResultCache.swift -- grades already computed, by content.
//
// A grade depends only on the files the student owns, the kit, the
// assignment, the set of tests and the timeout scale; the cache key is a
// SHA-256 over all of them. A batch stores each grade as soon as it is
// known, atomically, so a batch killed half-way resumes without regrading
// finished work, and an unchanged resubmission costs nothing.
// Grades with an infrastructure or a timeout verdict are not stored: the
// first is the grader's trouble, and the second may be the host's (a
// loaded machine slows qemu down), so the next run should try again
// rather than keep a verdict the student's code may not deserve.

import Foundation

/// A folder of grades, one JSON file per key.
public struct ResultCache: Sendable {
    /// The cache folder.
    public let folder: URL

    /// A cache in `folder` (created on first store).
    public init(folder: URL) {
        self.folder = folder
    }

    /// The key for a submission's owned files (`ownedDigest`) graded
    /// against a kit state (`kitFingerprint`) with these settings.
    public static func key(ownedDigest: String, kitFingerprint: String, assignment: String,
                           testSet: [String], timeoutScale: Double) -> String {
        var digest = SHA256()
        for field in [ownedDigest, kitFingerprint, assignment] + testSet + [String(timeoutScale)] {
            digest.update(field: field)
        }
        return digest.hexDigest()
    }

    /// The stored grade for `key`, renamed to `student`; nil when absent
    /// or unreadable (a damaged entry is simply regraded).
    public func load(key: String, student: String) -> SubmissionResult? {
        guard let data = FileManager.default.contents(atPath: file(key).path),
              var result = try? JSONDecoder().decode(SubmissionResult.self, from: data),
              result.contentHash == key else { return nil }
        result.student = student
        return result
    }

    /// Stores `result` under its `contentHash`, unless it is not final
    /// (`isFinal`). Failures to write are ignored: the cache only saves
    /// time, it never decides a grade.
    public func store(_ result: SubmissionResult) {
        guard Self.isFinal(result) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(result) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? AtomicFile.write(data, to: file(result.contentHash))
    }

    /// False when a test was lost to the infrastructure or timed out:
    /// both may go otherwise on the next run.
    public static func isFinal(_ result: SubmissionResult) -> Bool {
        !result.tests.contains { $0.verdict == .infrastructure || $0.verdict == .timeout }
    }

    private func file(_ key: String) -> URL {
        folder.appendingPathComponent(key + ".json")
    }
}
