// grader/Reports/MarkdownSummary.swift -- the grading run as a CI job summary.
//
// GitHub shows Markdown appended to $GITHUB_STEP_SUMMARY on the run's page
// (GitLab and others render the same file as an artifact). The summary
// leads with the totals, then one table per submission, then each failing
// test with its reason and, folded away, its diagnosis and log tail.
// GitHub renders HTML inside Markdown and refuses summaries over 1 MiB, so
// every piece of kernel text is escaped and every log is cut short.

import GraderModel

/// A `GradeReport` as GitHub-flavoured Markdown, for CI job summaries.
public struct MarkdownSummary: ReportDocument {
    /// The grading run to summarise.
    public var report: GradeReport
    /// How many bytes of the end of each log a failing test shows.
    public var logTail: Int

    /// Summarises `report`, with at most `logTail` bytes of each log.
    public init(_ report: GradeReport, logTail: Int = 2 * 1024) {
        self.report = report
        self.logTail = logTail
    }

    /// The Markdown text; no line of it can be a CI workflow command.
    public func render() -> String {
        var blocks = ["## Grading results", totalsLine]
        if report.submissions.count > 1 { blocks.append(overviewTable) }
        blocks += report.submissions.flatMap(section)
        return ReportText.neutralisingWorkflowCommands(blocks.joined(separator: "\n\n") + "\n")
    }

    /// "**3** submissions · **19.5 / 36** points (54%) · tests: 2 passed, ..."
    private var totalsLine: String {
        let tests = report.submissions.flatMap(\.tests)
        let score = report.submissions.reduce(0) { $0 + $1.score }
        let maxScore = report.submissions.reduce(0) { $0 + $1.maxScore }
        let counts = [Outcome.passed, .failed, .error, .skipped].map { outcome in
            "\(tests.count { $0.verdict.outcome == outcome }) \(Self.word(for: outcome))"
        }
        let refused = report.submissions.count(where: \.refused)
        let unbuilt = report.submissions.count { !$0.built } - refused
        // Only the public tests ran: say what they were worth, and what waits.
        let publicOnly = !report.submissions.isEmpty && report.submissions.allSatisfy(\.hiddenPointsPending)
        let hidden = report.submissions.reduce(0) { $0 + $1.hiddenMaxScore }
        return "**\(report.submissions.count)** submission\(report.submissions.count == 1 ? "" : "s") · "
            + "**\(Points.format(score)) / \(Points.format(maxScore))** \(publicOnly ? "public points" : "points") "
            + "(\(Points.percent(score, of: maxScore))%)"
            + (publicOnly ? "; \(Points.format(hidden)) more in hidden tests" : "")
            + " · \(tests.count) tests: " + counts.joined(separator: ", ")
            + (unbuilt == 0 ? "" : " · **\(unbuilt)** did not build")
            + (refused == 0 ? "" : " · **\(refused)** refused")
            + (report.timeoutScale.map { $0 == 1 ? "" : " · timeouts × \(Points.format($0))" } ?? "")
    }

    /// One row per submission, for runs over a whole class.
    private var overviewTable: String {
        var rows = ["| Student | Assignment | Score | Tests passed |", "|---|---|---:|---:|"]
        for submission in report.submissions {
            let passed = submission.tests.count { $0.verdict == .pass }
            rows.append("| \(Self.inline(submission.student)) | \(Self.inline(submission.assignment)) | "
                + "\(Points.format(submission.score)) / \(Points.format(submission.maxScore)) | "
                + "\(passed) / \(submission.tests.count) |")
        }
        return rows.joined(separator: "\n")
    }

    /// A submission's heading, notes, test table and failures.
    private func section(_ submission: SubmissionResult) -> [String] {
        var blocks = ["### \(Self.inline(submission.student)) · \(Self.inline(submission.assignment)): "
            + submission.compactScoreText + (submission.hiddenPointsText.map { "; " + $0 } ?? "")]
        if let sentence = submission.unbuiltSentence {
            blocks.append("**\(sentence)**")
            let title = submission.refused ? "Why" : "Build log"
            if let log = submission.buildLog { blocks.append(Self.folded(title, LogExcerpt.tail(of: log, limit: logTail).text)) }
        }
        if !submission.notes.isEmpty {
            blocks.append("**Notes**\n\n" + submission.notes.map { "- " + Self.inline($0) }.joined(separator: "\n"))
        }
        if !submission.flags.isEmpty {
            blocks.append("**\(IntegrityFlagText.heading)**\n\n"
                + submission.flags.map { "- " + Self.inline($0.summary) }.joined(separator: "\n"))
        }
        if !submission.warnings.isEmpty {
            blocks.append("**\(FeedbackText.warningsHeading(submission.warnings.count))**\n\n"
                + submission.warnings.map { "- `" + Self.code(FeedbackText.warningLine($0)) + "`" }.joined(separator: "\n"))
        }
        if !submission.tests.isEmpty { blocks.append(table(submission)) }
        if !submission.selfChecks.isEmpty {
            blocks.append("**\(FeedbackText.selfChecksHeading(submission.selfChecks))**\n\n"
                + submission.selfChecks.map { "- " + Self.inline(FeedbackText.selfCheckLine($0)) }.joined(separator: "\n"))
        }
        for test in submission.tests where test.verdict.outcome != .passed {
            blocks.append(failure(test, of: submission))
        }
        return blocks
    }

    private func table(_ submission: SubmissionResult) -> String {
        var rows = ["| | Test | Verdict | Points | Time |", "|---|---|---|---:|---:|"]
        for test in submission.tests {
            rows.append("| \(Self.icon(test.verdict.outcome)) | `\(Self.code(test.name))` \(Self.inline(test.title)) | "
                + "\(submission.label(of: test)) | \(Points.format(test.points)) / \(Points.format(test.maxPoints)) | "
                + "\(Points.seconds(test.duration)) s |")
        }
        return rows.joined(separator: "\n")
    }

    /// The test's reason in the open, its diagnosis and log tail folded.
    private func failure(_ test: TestResult, of submission: SubmissionResult) -> String {
        let reason = Diagnosis.reason(test)
        var text = "#### \(Self.icon(test.verdict.outcome)) `\(Self.code(test.name))`: \(submission.label(of: test))\n\n"
            + Self.inline(reason)
        // The diagnosis repeats the reason; fold it only when it says more.
        let diagnosis = Diagnosis(test)
        var evidence = diagnosis.lines.count > 1 ? diagnosis.plainText : ""
        if let log = test.log, !log.isEmpty {
            evidence += (evidence.isEmpty ? "" : "\n\n") + "--- end of the serial log ---\n"
                + LogExcerpt.tail(of: log, limit: logTail).text
        }
        if !evidence.isEmpty { text += "\n\n" + Self.folded("Diagnosis and log", evidence) }
        return text
    }

    /// A `<details>` block around a fenced code block of `text`.
    static func folded(_ summary: String, _ text: String) -> String {
        let body = ReportText.sanitize(text)
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
        return "<details><summary>\(summary)</summary>\n\n\(fence)text\n\(body)\n\(fence)\n\n</details>"
    }

    /// Text safe on one Markdown line or table cell: sanitised, HTML
    /// markup as entities, Markdown punctuation behind a backslash.
    static func inline(_ text: String) -> String {
        var output = ""
        for character in ReportText.sanitize(text) {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\n", "\r", "\t": output += " "
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "!", "~", "{", "}", "+", "-", ".":
                output += "\\" + String(character)
            default: output.append(character)
            }
        }
        return output
    }

    /// Text for inside an inline code span: no backtick can end it early,
    /// and a `|` must still be escaped inside a table.
    static func code(_ text: String) -> String {
        ReportText.sanitize(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for scanned in text {
            current = scanned == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    private static func icon(_ outcome: Outcome) -> String {
        switch outcome {
        case .passed: "✅"
        case .failed: "❌"
        case .error: "⚠️"
        case .skipped: "⏭️"
        }
    }

    private static func word(for outcome: Outcome) -> String {
        switch outcome {
        case .passed: "passed"
        case .failed: "failed"
        case .error: "grader errors"
        case .skipped: "skipped"
        }
    }
}
