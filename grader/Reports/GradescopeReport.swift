// grader/Reports/GradescopeReport.swift -- one submission as Gradescope's results.json.
//
// Gradescope runs the grader once per submission and uploads
// /autograder/results/results.json. Students see each test's `output`, so
// that is where the diagnosis goes (what was expected, what came, the
// panic); hidden tests stay hidden until the teacher publishes grades.
// The grader's own stdout is for the teacher only by default.

import Foundation
import GraderModel

/// A `SubmissionResult` in Gradescope's autograder results format.
public struct GradescopeReport: ReportDocument {
    /// Who may see a result on Gradescope, and when.
    public enum Visibility: String, Encodable, Sendable {
        /// Never shown to students.
        case hidden
        /// Shown once the due date has passed.
        case afterDueDate = "after_due_date"
        /// Shown once the teacher publishes grades.
        case afterPublished = "after_published"
        /// Always shown.
        case visible
    }

    /// How Gradescope renders a test's `output`.
    public enum OutputFormat: String, Encodable, Sendable {
        /// Plain text.
        case text
        /// Text with ANSI colours, rendered in colour.
        case ansi
    }

    /// Choices a course makes once for all its submissions.
    public struct Options: Sendable {
        /// Visibility of hidden tests (public tests are always visible).
        public var hiddenTests: Visibility = .afterPublished
        /// Visibility of the whole result.
        public var overall: Visibility = .visible
        /// Visibility of the grader's stdout (a teacher's debugging aid).
        public var stdout: Visibility = .hidden
        /// How test outputs are written.
        public var outputFormat: OutputFormat = .ansi
        /// How many bytes of the end of a serial log a test output shows.
        public var logTail: Int = 8 * 1024

        /// The defaults: hidden tests after publication, colour, 8 KiB logs.
        public init() {}
    }

    /// The submission to report.
    public var submission: SubmissionResult
    /// The course's choices.
    public var options: Options
    /// The run's timeout scale, shown in the top-level output when known.
    public var timeoutScale: Double?

    /// Reports `submission` with `options`; `timeoutScale` is the run's
    /// (`GradeReport.timeoutScale`).
    public init(_ submission: SubmissionResult, options: Options = Options(), timeoutScale: Double? = nil) {
        self.submission = submission
        self.options = options
        self.timeoutScale = timeoutScale
    }

    /// The results.json text (keys sorted, indented, every string
    /// sanitised, and invisible characters as `\u` escapes besides).
    public func render() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ReportText.escapingInJSON(String(decoding: try encoder.encode(results), as: UTF8.self)) + "\n"
    }

    /// The document Gradescope reads.
    var results: Results {
        Results(score: submission.score,
                executionTime: Int(submission.duration.rounded(.up)),
                output: ReportText.sanitize(overview),
                visibility: options.overall,
                stdoutVisibility: options.stdout,
                tests: submission.tests.map(test) + flagsEntry)
    }

    /// The integrity flags as one extra test worth 0 points that only the
    /// teacher sees (`hidden`, whatever the options say): a note, never a
    /// score, and not something to show the student. None without flags.
    private var flagsEntry: [Results.Test] {
        guard !submission.flags.isEmpty else { return [] }
        let text = IntegrityFlagText.heading + "\n" + submission.flags.map(\.summary).joined(separator: "\n")
        return [Results.Test(name: IntegrityFlagText.entryName, score: 0, maxScore: 0, status: "passed",
                             output: ReportText.sanitize(text), outputFormat: .text, visibility: .hidden,
                             tags: ["integrity"])]
    }

    /// The submission-wide text: score, tests passed, the notes, the
    /// compiler's warnings, the self-checks, the timeout scale, the build
    /// log when the build failed.
    private var overview: String {
        let passed = submission.tests.count { $0.verdict == .pass }
        var text = "Score: \(submission.scoreText)\(submission.hiddenPointsText.map { "; " + $0 } ?? ""); "
            + "\(passed) of \(submission.tests.count) tests passed."
        if !submission.notes.isEmpty {
            text += "\n\nNotes:\n" + submission.notes.map { "- " + $0 }.joined(separator: "\n")
        }
        if !submission.warnings.isEmpty {
            text += "\n\n" + FeedbackText.warningsHeading(submission.warnings.count) + "\n"
                + submission.warnings.map { "- " + FeedbackText.warningLine($0) }.joined(separator: "\n")
        }
        if !submission.selfChecks.isEmpty {
            text += "\n\n" + FeedbackText.selfChecksHeading(submission.selfChecks) + "\n"
                + submission.selfChecks.map { "- " + FeedbackText.selfCheckLine($0) }.joined(separator: "\n")
        }
        if let timeoutScale { text += "\n\nTimeouts were multiplied by \(Points.format(timeoutScale)) (timeout scale)." }
        if let sentence = submission.unbuiltSentence {
            text += "\n\n" + sentence
            if let log = submission.buildLog { text += "\n\n" + LogExcerpt(log, limit: options.logTail * 2).text }
        }
        return text
    }

    /// One test: points, status, and the explanation as its output.
    private func test(_ test: TestResult) -> Results.Test {
        Results.Test(name: ReportText.sanitize("\(test.name): \(test.title)"),
                     score: test.points, maxScore: test.maxPoints,
                     status: test.verdict == .pass ? "passed" : "failed",
                     output: output(of: test), outputFormat: options.outputFormat,
                     visibility: test.visibility == "hidden" ? options.hiddenTests : .visible,
                     tags: [test.verdict.rawValue, test.visibility])
    }

    /// The verdict, the diagnosis and the end of the serial log.
    private func output(of test: TestResult) -> String {
        let palette = Palette(colored: options.outputFormat == .ansi)
        let mode: ReportText.Mode = options.outputFormat == .ansi ? .keepingColor : .plain
        var text = palette.paint(submission.label(of: test), for: test.verdict.outcome)
        let diagnosis = Diagnosis(test).lines.map(palette.paint)
        if !diagnosis.isEmpty { text += "\n" + diagnosis.joined(separator: "\n") }
        if let log = test.log, !log.isEmpty, test.verdict != .pass {
            text += "\n\nEnd of the serial log:\n" + ReportText.sanitize(LogExcerpt.tail(of: log, limit: options.logTail).text, mode: mode)
        }
        return text
    }

    /// results.json, field for field.
    struct Results: Encodable {
        var score: Double
        var executionTime: Int
        var output: String
        var visibility: Visibility
        var stdoutVisibility: Visibility
        var tests: [Test]

        enum CodingKeys: String, CodingKey {
            case score, output, visibility, tests
            case executionTime = "execution_time"
            case stdoutVisibility = "stdout_visibility"
        }

        struct Test: Encodable {
            var name: String
            var score: Double
            var maxScore: Double
            var status: String
            var output: String
            var outputFormat: OutputFormat
            var visibility: Visibility
            var tags: [String]

            enum CodingKeys: String, CodingKey {
                case name, score, status, output, visibility, tags
                case maxScore = "max_score"
                case outputFormat = "output_format"
            }
        }
    }
}
