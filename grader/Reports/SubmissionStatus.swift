// grader/Reports/SubmissionStatus.swift -- "did not build" or "refused", said the same everywhere.
//
// A submission that was refused (a hostile or unreadable archive) never
// reached the compiler, so "build failed" would send the student looking
// for a compiler error that does not exist. Its tests carry the
// `build-failure` verdict (the model has no other way to say "not run
// because of the submission"), and every report words them "refused".

import GraderModel

extension SubmissionResult {
    /// Why no test ran, as one sentence, or nil when the submission built.
    public var unbuiltSentence: String? {
        if refused { return "The submission was refused." }
        return built ? nil : Verdict.buildFailure.meaning
    }

    /// The upper-case label of `test` in this submission: "REFUSED" for
    /// the tests of a refused submission, else the verdict's own label.
    public func label(of test: TestResult) -> String {
        refused && test.verdict == .buildFailure ? "REFUSED" : test.verdict.label
    }
}

extension SubmissionResult {
    /// "63 / 100 points", or "70 / 70 public points" when only the public
    /// tests ran and hidden tests carry the rest.
    public var scoreText: String {
        let points = hiddenPointsPending ? "public points" : "points"
        return "\(Points.format(score)) / \(Points.format(maxScore)) \(points)"
    }

    /// "7.5 / 12", or "70 / 70 public points" when only the public tests
    /// ran and hidden tests carry the rest (for table cells and headings).
    public var compactScoreText: String {
        hiddenPointsPending ? scoreText : "\(Points.format(score)) / \(Points.format(maxScore))"
    }

    /// "30 more in hidden tests" when only the public tests ran and hidden
    /// tests carry points; nil otherwise.
    public var hiddenPointsText: String? {
        hiddenPointsPending ? "\(Points.format(hiddenMaxScore)) more in hidden tests" : nil
    }
}

/// The headings and lines of what every report shows beside the tests:
/// the compiler's warnings and the student's own tests (self-checks).
/// Neither ever carries points, and the words say so.
public enum FeedbackText {
    /// "Compiler warnings (2; feedback, not scored):"
    public static func warningsHeading(_ count: Int) -> String {
        "Compiler warnings (\(count); feedback, not scored):"
    }

    /// "Your own tests (self-checks, never scored): 2 passed, 1 failed"
    public static func selfChecksHeading(_ checks: [SelfCheckResult]) -> String {
        let passed = checks.count(where: \.passed)
        return "Your own tests (self-checks, never scored): \(passed) passed, \(checks.count - passed) failed"
    }

    /// "✔ self-check  my_test" or "✘ self-check  my_test  panic: ..."
    /// (sanitized: the name and message are the student's).
    public static func selfCheckLine(_ check: SelfCheckResult) -> String {
        let glyph = check.passed ? "✔" : "✘"
        let word = check.passed ? "passed" : "failed (\(check.verdict.rawValue))"
        let message = check.passed ? "" : check.message.map { ": " + oneLine($0) } ?? ""
        return ReportText.sanitize("\(glyph) \(check.name)  \(word)\(message)")
    }

    /// A warning as one sanitized line.
    public static func warningLine(_ warning: String) -> String {
        ReportText.sanitize(oneLine(warning))
    }

    /// The first line of `text`, cut at 300 characters.
    static func oneLine(_ text: String) -> String {
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return first.count > 300 ? String(first.prefix(300)) + "…" : first
    }
}
