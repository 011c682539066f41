// grader/Reports/TerminalSummary.swift -- what a student reads after `make assignment-N`.
//
// The terminal summary is the student's main feedback loop, so it is meant
// to be read, not parsed: one aligned line per test (verdict, points,
// name, title), and right under each test that did not pass, the evidence
// (what was expected and what came, the panic and its backtrace, the
// message, the chapter to read), then the total with a bar. Colour helps
// the eye but never carries meaning alone: every verdict is also a word.

import GraderModel
import Rainbow

/// A `GradeReport` as a table for a terminal, optionally coloured.
public struct TerminalSummary: ReportDocument {
    /// The grading run to show.
    public var report: GradeReport
    /// Colours, or none.
    public var palette: Palette
    /// How many bytes of a build log are shown when the build failed.
    public var buildLogLimit: Int

    /// Shows `report`, coloured when `colored` (see `ColorChoice`).
    public init(_ report: GradeReport, colored: Bool, buildLogLimit: Int = 4 * 1024) {
        self.report = report
        self.palette = Palette(colored: colored)
        self.buildLogLimit = buildLogLimit
    }

    /// The summary, ending with a newline; a last line gives the timeout
    /// scale when it is not 1 (it explains timeouts longer than scripted).
    /// No line of it can be a CI workflow command.
    public func render() -> String {
        var text = report.submissions.map(section).joined(separator: "\n\n") + "\n"
        if let scale = report.timeoutScale, scale != 1 {
            text += "\n" + palette.paint("Timeouts were multiplied by \(Points.format(scale)) (timeout scale).", Style.dim) + "\n"
        }
        return ReportText.neutralisingWorkflowCommands(text)
    }

    /// One submission: heading, test lines with their evidence, total,
    /// then its notes (missing owned files, ignored edits) and flags.
    private func section(_ submission: SubmissionResult) -> String {
        var lines = [heading(submission), ""]
        if !submission.built { lines += buildFailure(submission) }
        let columns = Columns(submission)
        for test in submission.tests {
            lines.append(row(test, of: submission, columns))
            lines += Diagnosis(test).lines.map { "      " + palette.paint($0).replacingOccurrences(of: "\n", with: "\n      ") }
        }
        if !submission.tests.isEmpty { lines.append("") }
        lines.append(total(submission))
        lines += selfChecks(submission) + warnings(submission) + notes(submission) + flags(submission)
        return lines.joined(separator: "\n")
    }

    /// The student's own tests, apart from the graded ones: one line
    /// each, passed or failed, never points.
    private func selfChecks(_ submission: SubmissionResult) -> [String] {
        guard !submission.selfChecks.isEmpty else { return [] }
        return ["", "  " + palette.paint(FeedbackText.selfChecksHeading(submission.selfChecks), Style.bold)]
            + submission.selfChecks.map {
                "    " + palette.paint(FeedbackText.selfCheckLine($0), for: $0.passed ? .passed : .failed)
            }
    }

    /// The compiler's warnings on the student's core, one a line.
    private func warnings(_ submission: SubmissionResult) -> [String] {
        guard !submission.warnings.isEmpty else { return [] }
        return ["", "  " + palette.paint(FeedbackText.warningsHeading(submission.warnings.count), Style.bold)]
            + submission.warnings.map { "    " + palette.paint(FeedbackText.warningLine($0), NamedColor.yellow) }
    }

    /// "  Integrity flags (...):" and one line per flag, or nothing.
    private func flags(_ submission: SubmissionResult) -> [String] {
        guard !submission.flags.isEmpty else { return [] }
        return ["", "  " + palette.paint(IntegrityFlagText.heading, Style.bold)]
            + submission.flags.map { "    " + palette.paint(ReportText.sanitize($0.summary), NamedColor.magenta) }
    }

    /// "  Notes:" and one line per note, or nothing.
    private func notes(_ submission: SubmissionResult) -> [String] {
        guard !submission.notes.isEmpty else { return [] }
        return ["", "  " + palette.paint("Notes:", Style.bold)]
            + submission.notes.map { "    " + palette.paint(ReportText.sanitize($0), NamedColor.yellow) }
    }

    private func heading(_ submission: SubmissionResult) -> String {
        palette.paint("\(ReportText.sanitize(submission.assignment)) · \(ReportText.sanitize(submission.student))", Style.bold)
    }

    /// "The submission did not build." (or "was refused.") and the
    /// compiler's (or the intake's) words.
    private func buildFailure(_ submission: SubmissionResult) -> [String] {
        var lines = ["  " + palette.paint(submission.unbuiltSentence ?? "", for: .failed)]
        if let log = submission.buildLog {
            let text = ReportText.sanitize(LogExcerpt(log, limit: buildLogLimit).text)
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return lines + [""]
    }

    /// "  ✔ PASS          3 / 3    set_add_get   Adding and getting an element"
    private func row(_ test: TestResult, of submission: SubmissionResult, _ columns: Columns) -> String {
        let verdict = Diagnosis.pad(Self.glyph(test.verdict.outcome) + " " + submission.label(of: test), to: columns.verdict)
        let points = Diagnosis.pad(Self.points(test), to: columns.points)
        let name = Diagnosis.pad(ReportText.sanitize(test.name), to: columns.name)
        let hidden = test.visibility == "hidden" ? palette.paint(" (hidden)", Style.dim) : ""
        return "  " + palette.paint(verdict, for: test.verdict.outcome) + "  " + points + "  "
            + palette.paint(name, Style.bold) + "  " + ReportText.sanitize(test.title) + hidden
    }

    /// "Total  7.5 / 12 points (63 %)  ███████░░░░░  1 passed · 3 failed";
    /// with the public tests alone, "Total  70 / 70 public points; 30 more
    /// in hidden tests (100 %)  ..."
    private func total(_ submission: SubmissionResult) -> String {
        let percent = Points.percent(submission.score, of: submission.maxScore)
        let filled = min(max(percent * 24 / 100, 0), 24)
        let bar = palette.paint(String(repeating: "█", count: filled), percent >= 50 ? NamedColor.green : NamedColor.red)
            + palette.paint(String(repeating: "░", count: 24 - filled), Style.dim)
        let counts = [Outcome.passed, .failed, .error, .skipped].compactMap { outcome -> String? in
            let count = submission.tests.count { $0.verdict.outcome == outcome }
            return count == 0 ? nil : palette.paint(Self.counted(count, outcome), for: outcome)
        }
        let hidden = submission.hiddenPointsText.map { "; " + $0 } ?? ""
        let score = "\(submission.scoreText)\(hidden) (\(percent) %)"
        return "  " + palette.paint("Total", Style.bold) + "  " + palette.paint(score, Style.bold) + "  " + bar
            + (counts.isEmpty ? "" : "  " + counts.joined(separator: " · "))
    }

    private static func points(_ test: TestResult) -> String {
        "\(Points.format(test.points)) / \(Points.format(test.maxPoints))"
    }

    private static func glyph(_ outcome: Outcome) -> String {
        switch outcome {
        case .passed: "✔"
        case .failed: "✘"
        case .error: "!"
        case .skipped: "–"
        }
    }

    /// "3 passed", "1 grader error", "2 grader errors".
    private static func counted(_ count: Int, _ outcome: Outcome) -> String {
        switch outcome {
        case .passed: "\(count) passed"
        case .failed: "\(count) failed"
        case .error: "\(count) grader error" + (count == 1 ? "" : "s")
        case .skipped: "\(count) skipped"
        }
    }

    /// Column widths, measured on the plain text before any colour.
    private struct Columns {
        var verdict = 0, points = 0, name = 0

        init(_ submission: SubmissionResult) {
            for test in submission.tests {
                verdict = max(verdict, submission.label(of: test).count + 2)
                points = max(points, TerminalSummary.points(test).count)
                name = max(name, ReportText.sanitize(test.name).count)
            }
        }
    }
}
