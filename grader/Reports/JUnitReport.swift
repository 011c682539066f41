// grader/Reports/JUnitReport.swift -- the grading run as JUnit XML, for CI.
//
// Jenkins, GitLab and the GitHub test reporters all read "JUnit XML", each
// its own dialect. What they agree on, and what this writer guarantees:
// correct totals on `testsuites` and every `testsuite` (some reporters trust
// them instead of counting), a `name` on every suite, `name`, `classname`
// and `time` on every `testcase`, the reason in the `message` attribute and
// the evidence (diagnosis, log) in the element's body. The output validates
// against the Jenkins junit-10.xsd (see Tests/ReportsTests). That schema
// has no `skipped` attribute on `testsuites`, so the skipped count is given
// on each `testsuite` only.
//
// One suite per (student, assignment); classname "student.assignment", so
// GitLab, which shows classname as the suite, groups tests the same way.

import Foundation
import GraderModel

/// A `GradeReport` as JUnit XML, written with libxml2's xmlTextWriter.
public struct JUnitReport: ReportDocument {
    /// The grading run to report.
    public var report: GradeReport
    /// How many bytes of a serial or build log go into one element body.
    public var logLimit: Int

    /// Reports `report`, keeping at most `logLimit` bytes of each log.
    public init(_ report: GradeReport, logLimit: Int = 64 * 1024) {
        self.report = report
        self.logLimit = logLimit
    }

    /// The XML document.
    public func render() throws -> String {
        // 1. Count everything first: the totals go on the opening tags.
        let suites = report.submissions.map(Suite.init)
        let all = Totals(suites.map(\.totals))
        // 2. Write `testsuites`, then one `testsuite` per submission.
        let writer = try XMLWriter()
        try writer.element("testsuites", [
            "name": "grader \(report.graderVersion) \(report.startedAt)",
            "tests": String(all.tests), "failures": String(all.failures),
            "errors": String(all.errors), "time": Points.seconds(all.time),
        ]) { () throws(XMLWriterError) in
            for suite in suites { try write(suite, with: writer) }
        }
        return try writer.finish()
    }

    /// One `testsuite`: attributes, properties (the timeout scale and a
    /// count of integrity flags among them), test cases, the notes as the
    /// suite's `system-out` and the integrity flags as its `system-err`.
    private func write(_ suite: Suite, with writer: XMLWriter) throws(XMLWriterError) {
        let submission = suite.submission
        try writer.element("testsuite", [
            "name": suite.classname, "tests": String(suite.totals.tests),
            "failures": String(suite.totals.failures), "errors": String(suite.totals.errors),
            "skipped": String(suite.totals.skipped), "time": Points.seconds(suite.totals.time),
            "timestamp": report.startedAt,
        ]) { () throws(XMLWriterError) in
            try writer.element("properties") { () throws(XMLWriterError) in
                for (name, value) in [("student", submission.student), ("assignment", submission.assignment),
                                      ("score", Points.format(submission.score)),
                                      ("max score", Points.format(submission.maxScore)),
                                      ("content hash", submission.contentHash)]
                    + timeoutScaleProperty + flagsProperty(submission) + feedbackProperties(submission) {
                    try writer.element("property", ["name": name, "value": value])
                }
            }
            for test in suite.cases {
                try write(test, classname: suite.classname, buildLog: submission.buildLog, with: writer)
            }
            // The submission's notes (missing owned files, ignored edits),
            // the compiler's warnings and the self-checks: never counted.
            let feedback = feedbackText(submission)
            if !feedback.isEmpty {
                try writer.element("system-out") { () throws(XMLWriterError) in
                    try writer.text(feedback)
                }
            }
            // Notes for the teacher, never failures: they change no count.
            if !submission.flags.isEmpty {
                try writer.element("system-err") { () throws(XMLWriterError) in
                    try writer.text(IntegrityFlagText.heading + "\n"
                        + submission.flags.map(\.summary).joined(separator: "\n") + "\n")
                }
            }
        }
    }

    /// The public and hidden shares of the total, the warnings' count and
    /// the self-checks' tally, when there are some.
    private func feedbackProperties(_ submission: SubmissionResult) -> [(String, String)] {
        var properties: [(String, String)] = []
        if submission.publicMaxScore > 0 || submission.hiddenMaxScore > 0 {
            properties += [("public max score", Points.format(submission.publicMaxScore)),
                           ("hidden max score", Points.format(submission.hiddenMaxScore)),
                           ("hidden tests run", submission.hiddenGraded ? "yes" : "no")]
        }
        if !submission.warnings.isEmpty { properties.append(("compiler warnings", String(submission.warnings.count))) }
        if !submission.selfChecks.isEmpty {
            let passed = submission.selfChecks.count(where: \.passed)
            properties.append(("self-checks (never scored)", "\(passed) passed, \(submission.selfChecks.count - passed) failed"))
        }
        return properties
    }

    /// The notes, then the warnings and the self-checks under their
    /// headings, as the suite's system-out ("" when there is none).
    private func feedbackText(_ submission: SubmissionResult) -> String {
        var lines = submission.notes
        if !submission.warnings.isEmpty {
            lines += [FeedbackText.warningsHeading(submission.warnings.count)] + submission.warnings.map(FeedbackText.warningLine)
        }
        if !submission.selfChecks.isEmpty {
            lines += [FeedbackText.selfChecksHeading(submission.selfChecks)] + submission.selfChecks.map(FeedbackText.selfCheckLine)
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// An "integrity flags" property (their count) when there are some.
    private func flagsProperty(_ submission: SubmissionResult) -> [(String, String)] {
        submission.flags.isEmpty ? [] : [(IntegrityFlagText.entryName, String(submission.flags.count))]
    }

    /// A "timeout scale" property when the report knows the scale.
    private var timeoutScaleProperty: [(String, String)] {
        report.timeoutScale.map { [("timeout scale", Points.format($0))] } ?? []
    }

    /// One `testcase`, with `failure`, `error` or `skipped` when it did not pass.
    private func write(_ test: TestResult, classname: String, buildLog: String?,
                       with writer: XMLWriter) throws(XMLWriterError) {
        try writer.element("testcase", ["name": test.name, "classname": classname, "time": Points.seconds(test.duration)]) {
            () throws(XMLWriterError) in
            let reason = Diagnosis.reason(test)
            switch test.verdict.outcome {
            case .passed:
                break
            case .skipped:
                try writer.element("skipped", ["message": reason])
            case .failed, .error:
                let element = test.verdict.outcome == .failed ? "failure" : "error"
                try writer.element(element, ["message": firstLine(reason), "type": test.verdict.rawValue]) {
                    () throws(XMLWriterError) in try writer.text(body(of: test, buildLog: buildLog))
                }
            }
            // GitLab shows system-out only inside a testcase: the title
            // and points are what a teacher scanning CI wants to see.
            try writer.element("system-out") { () throws(XMLWriterError) in
                try writer.text("\(test.title)\npoints: \(Points.format(test.points))/\(Points.format(test.maxPoints))\n")
            }
        }
    }

    /// The failure body: the diagnosis, then the (capped) build or serial log.
    private func body(of test: TestResult, buildLog: String?) -> String {
        var sections = [Diagnosis(test).plainText]
        if test.verdict == .buildFailure, let buildLog, !buildLog.isEmpty {
            sections.append("--- build log ---\n" + LogExcerpt(buildLog, limit: logLimit).text)
        }
        if let log = test.log, !log.isEmpty {
            sections.append("--- serial log ---\n" + LogExcerpt(log, limit: logLimit).text)
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }
}

/// Counts of one suite or of the whole run.
struct Totals {
    var tests = 0, failures = 0, errors = 0, skipped = 0
    var time = 0.0

    init(_ cases: [TestResult], time: Double) {
        tests = cases.count
        failures = cases.count { $0.verdict.outcome == .failed }
        errors = cases.count { $0.verdict.outcome == .error }
        skipped = cases.count { $0.verdict.outcome == .skipped }
        self.time = time
    }

    init(_ parts: [Totals]) {
        for part in parts {
            tests += part.tests
            failures += part.failures
            errors += part.errors
            skipped += part.skipped
            time += part.time
        }
    }
}

/// One submission as a JUnit suite.
private struct Suite {
    var submission: SubmissionResult
    /// The test cases; a build that failed (or a refused submission)
    /// before any test ran still shows up as one `build` case failing,
    /// or CI would report 0 tests and call it a success.
    var cases: [TestResult]
    var totals: Totals

    var classname: String { "\(submission.student).\(submission.assignment)" }

    init(_ submission: SubmissionResult) {
        self.submission = submission
        cases = submission.tests
        if !submission.built, cases.isEmpty {
            cases = [TestResult(name: "build", kernelTest: "", title: "Building the submission", visibility: "public",
                                verdict: .buildFailure, points: 0, maxPoints: submission.maxScore,
                                duration: submission.duration)]
        }
        totals = Totals(cases, time: max(submission.duration, cases.reduce(0) { $0 + $1.duration }))
    }
}
