// grader/GraderKit/Similarity/SimilarityReport.swift -- the check's findings: JSON and terminal.
//
// The report names submissions by the names intake gave them (folder or
// archive names, which the teacher's download may have taken from
// students: untrusted). The JSON keeps them exactly, with the characters
// a viewer could misread escaped (ReportText.escapingInJSON); the
// terminal shows them sanitised (ReportText.sanitize). A similarity
// report is a lead for a teacher to read, never a grade: nothing here
// touches a grade or a submission.

import Foundation

/// What `grader similarity` found, as written to similarity.json.
public struct SimilarityReport: Codable, Sendable {
    /// One submission read.
    public struct Submission: Codable, Sendable {
        /// The student's name.
        public var name: String
        /// True for a submission of an earlier year.
        public var earlier: Bool
        /// Its owned source files compared.
        public var files: [String]
        /// Its fingerprints once the kit's code is taken out.
        public var fingerprints: Int
        /// Why it was not read, if it was refused.
        public var refusal: String?
    }

    /// One pair at or above the threshold.
    public struct Pair: Codable, Sendable {
        /// Index of the first submission in `submissions` (a current one).
        public var first: Int
        /// Index of the second (current or earlier).
        public var second: Int
        /// Shared fingerprints over those of the smaller side (0...1).
        public var score: Double
        /// Shared fingerprints.
        public var shared: Int
        /// Shared over the first's fingerprints, and over the second's.
        public var firstFraction: Double
        /// Shared over the second's fingerprints.
        public var secondFraction: Double
        /// How many passages the pair shares.
        public var passageCount: Int
        /// Where the shared code is, most fingerprints first: the longest
        /// `passageLimit` of them (20 unless told; `passageCount` counts all).
        public var passages: [SharedPassage]
    }

    /// The grader's version.
    public var graderVersion: String
    /// The assignment whose owned files were compared.
    public var assignment: String
    /// The reporting threshold.
    public var threshold: Double
    /// Tokens per k-gram and k-grams per window.
    public var k: Int
    /// k-grams per winnowing window.
    public var window: Int
    /// How many kit files made the baseline.
    public var baselineFiles: Int
    /// Every submission read, current ones first.
    public var submissions: [Submission]
    /// The pairs, highest score first.
    public var pairs: [Pair]

    /// The report of `check`'s `pairs` on `assignment`.
    /// At most `passageLimit` passages per pair are kept (the longest).
    public init(check: SimilarityCheck, pairs: [SimilarPair], assignment: String, baselineFiles: Int,
                passageLimit: Int = 20) {
        graderVersion = GraderModel.graderVersion
        self.assignment = assignment
        threshold = check.options.threshold
        k = check.options.winnowing.k
        window = check.options.winnowing.window
        self.baselineFiles = baselineFiles
        submissions = check.submissions.enumerated().map { index, submission in
            Submission(name: submission.name, earlier: submission.isEarlier, files: submission.files.map(\.path),
                       fingerprints: check.fingerprintCount(index), refusal: submission.refusal)
        }
        self.pairs = pairs.map { pair in
            Pair(first: pair.first, second: pair.second, score: pair.score, shared: pair.shared,
                 firstFraction: pair.fractions.first, secondFraction: pair.fractions.second,
                 passageCount: pair.passages.count, passages: Array(pair.passages.prefix(passageLimit)))
        }
    }

    /// The JSON text, keys sorted, one line (a class of copies has
    /// thousands of pairs), with misreadable characters escaped.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ReportText.escapingInJSON(String(decoding: try encoder.encode(self), as: UTF8.self)) + "\n"
    }

    /// The name of submission `index` as a terminal may show it.
    public func shownName(_ index: Int) -> String {
        let submission = submissions[index]
        return ReportText.sanitize(submission.name) + (submission.earlier ? " (earlier)" : "")
    }

    /// The table of pairs for a terminal, and a line per refused submission.
    public func terminalText() -> String {
        let current = submissions.filter { !$0.earlier }.count
        var lines = ["similarity on \(assignment): \(current) submission(s), \(submissions.count - current) earlier; "
                     + "\(pairs.count) pair(s) at or above \(Int((threshold * 100).rounded()))%"]
        if !pairs.isEmpty {
            lines.append(pad("score", 6) + pad("shared", 8) + pad("passages", 10) + "pair")
            for pair in pairs {
                lines.append(pad("\(Int((pair.score * 100).rounded()))%", 6) + pad("\(pair.shared)", 8)
                             + pad("\(pair.passageCount)", 10) + shownName(pair.first) + "  ~  " + shownName(pair.second))
            }
        }
        for (index, submission) in submissions.enumerated() {
            if let refusal = submission.refusal {
                lines.append("not compared: \(shownName(index)): \(ReportText.sanitize(refusal))")
            } else if submission.files.isEmpty {
                lines.append("not compared: \(shownName(index)): no owned source file")
            }
        }
        return ReportText.neutralisingWorkflowCommands(lines.joined(separator: "\n") + "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
