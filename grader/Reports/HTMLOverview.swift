// grader/Reports/HTMLOverview.swift -- the teacher's class overview, one HTML page.
//
// After grading a batch a teacher wants to know how the class did, which
// tests trip everyone up, and why a given student failed. The page answers
// in that order: totals and the score distribution, a table of students
// (each failing test a link), the notes about their files (missing owned
// files, ignored edits), pass rates per test, then every failure with
// its diagnosis and log folded in a <details>. It is one self-contained
// file: inline CSS and SVG, no script, no external resource. Every piece of
// kernel text is sanitised and escaped, and the markup is well-formed XML
// too, so any parser can check it.

import GraderModel

/// A `GradeReport` as a self-contained HTML page for teachers.
public struct HTMLOverview: ReportDocument {
    /// The grading run to present.
    public var report: GradeReport
    /// The page's title.
    public var title: String
    /// How many bytes of each serial log the page embeds (head and tail).
    public var logLimit: Int

    /// Presents `report` under `title`, embedding at most `logLimit` bytes per log.
    public init(_ report: GradeReport, title: String = "Grading overview", logLimit: Int = 32 * 1024) {
        self.report = report
        self.title = title
        self.logLimit = logLimit
    }

    /// The HTML page.
    public func render() -> String {
        let body = [header, studentsSection, notesSection, warningsSection, selfChecksSection, flagsSection,
                    testsSection, failuresSection, footer]
            .filter { !$0.isEmpty }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(Self.escape(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// Title, totals as cards, the score distribution.
    private var header: String {
        let submissions = report.submissions
        let tests = submissions.flatMap(\.tests)
        let passed = tests.count { $0.verdict == .pass }
        let percents = submissions.map { Points.percent($0.score, of: $0.maxScore) }.sorted()
        let mean = percents.isEmpty ? 0 : percents.reduce(0, +) / percents.count
        let median = percents.isEmpty ? 0 : percents[percents.count / 2]
        let cards = [("Submissions", "\(submissions.count)"), ("Mean score", "\(mean) %"), ("Median score", "\(median) %"),
                     ("Tests passed", "\(passed) / \(tests.count)"),
                     ("Did not build", "\(submissions.count { !$0.built && !$0.refused })"),
                     ("Refused", "\(submissions.count(where: \.refused))")]
        let histogram = ScoreHistogram(submissions.map { ($0.score, $0.maxScore) })
        let scale = report.timeoutScale.map { " · timeout scale \(Points.format($0))" } ?? ""
        return """
        <h1>\(Self.escape(title))</h1>
        <div class="subtitle">Started \(Self.escape(report.startedAt)) · grader \(Self.escape(report.graderVersion))\(scale)</div>
        <div class="cards">
        \(cards.map { "<div class=\"card\"><div class=\"value\">\($1)</div><div class=\"name\">\($0)</div></div>" }.joined(separator: "\n"))
        </div>
        <h2>Score distribution</h2>
        \(histogram.svg())
        """
    }

    /// One row per submission: score, meter, tests passed, failure links.
    private var studentsSection: String {
        var rows: [String] = []
        for (index, submission) in report.submissions.enumerated() {
            let percent = Points.percent(submission.score, of: submission.maxScore)
            let links = failingTests(of: submission).map { test, anchor in
                "<a href=\"#\(anchor)\">\(Self.escape(test.name))</a>"
            }
            let unbuilt = submission.refused ? "refused" : "did not build"
            let status = submission.built ? links.joined(separator: " ") : "<a href=\"#s\(index)\">\(unbuilt)</a>"
            // Only submissions that lost points have a section to link to.
            let hasSection = !submission.built || !links.isEmpty
            let student = hasSection ? "<a href=\"#s\(index)\">\(Self.escape(submission.student))</a>"
                : Self.escape(submission.student)
            rows.append("<tr><td>\(student)</td>"
                + "<td>\(Self.escape(submission.assignment))</td>"
                + "<td class=\"number\">\(Self.escape(submission.compactScoreText))"
                + (submission.hiddenPointsText.map { "<br><span class=\"muted\">\(Self.escape($0))</span>" } ?? "") + "</td>"
                + "<td>\(Self.meter(percent))</td>"
                + "<td class=\"number\">\(submission.tests.count { $0.verdict == .pass }) / \(submission.tests.count)</td>"
                + "<td class=\"links\">\(status)</td></tr>")
        }
        return """
        <h2>Students</h2>
        <table>
        <thead><tr><th>Student</th><th>Assignment</th><th>Score</th><th></th><th>Passed</th><th>Failing tests</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        """
    }

    /// The notes of every submission that has some (missing owned files,
    /// ignored edits); empty when none has.
    private var notesSection: String {
        let items = report.submissions.filter { !$0.notes.isEmpty }.map { submission in
            "<li><strong>\(Self.escape(submission.student))</strong> · \(Self.escape(submission.assignment))<ul>"
                + submission.notes.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul></li>"
        }
        guard !items.isEmpty else { return "" }
        return "<h2>Notes</h2>\n<ul class=\"notes\">\n" + items.joined(separator: "\n") + "\n</ul>"
    }

    /// The compiler's warnings of every submission that has some
    /// (feedback, never a failure); empty when none has.
    private var warningsSection: String {
        let items = report.submissions.filter { !$0.warnings.isEmpty }.map { submission in
            "<li><strong>\(Self.escape(submission.student))</strong> · \(Self.escape(submission.assignment))<ul>"
                + submission.warnings.map { "<li><code>\(Self.escape(FeedbackText.warningLine($0)))</code></li>" }.joined()
                + "</ul></li>"
        }
        guard !items.isEmpty else { return "" }
        return "<h2>Compiler warnings</h2>\n<p class=\"muted\">Feedback, not scored: the tests ran.</p>\n"
            + "<ul class=\"notes\">\n" + items.joined(separator: "\n") + "\n</ul>"
    }

    /// The self-checks (the students' own tests) of every submission that
    /// ran some: passed or failed, never points; empty when none did.
    private var selfChecksSection: String {
        let items = report.submissions.filter { !$0.selfChecks.isEmpty }.map { submission in
            "<li><strong>\(Self.escape(submission.student))</strong> · "
                + "\(Self.escape(FeedbackText.selfChecksHeading(submission.selfChecks)))<ul>"
                + submission.selfChecks.map { "<li>\(Self.escape(FeedbackText.selfCheckLine($0)))</li>" }.joined()
                + "</ul></li>"
        }
        guard !items.isEmpty else { return "" }
        return "<h2>Self-checks</h2>\n<p class=\"muted\">The students' own tests: never scored.</p>\n"
            + "<ul class=\"notes\">\n" + items.joined(separator: "\n") + "\n</ul>"
    }

    /// The integrity flags of every submission that has some (notes for
    /// the teacher, never a verdict); empty when none has.
    private var flagsSection: String {
        let items = report.submissions.filter { !$0.flags.isEmpty }.map { submission in
            "<li><strong>\(Self.escape(submission.student))</strong> · \(Self.escape(submission.assignment))<ul>"
                + submission.flags.map { "<li><code>\(Self.escape("\($0.file):\($0.line)"))</code> "
                    + "\(Self.escape($0.rule)): \(Self.escape($0.reason)) <code>\(Self.escape($0.excerpt))</code></li>" }
                .joined() + "</ul></li>"
        }
        guard !items.isEmpty else { return "" }
        return "<h2>Integrity flags</h2>\n<p class=\"muted\">\(Self.escape(IntegrityFlagText.heading))</p>\n"
            + "<ul class=\"notes\">\n" + items.joined(separator: "\n") + "\n</ul>"
    }

    /// Pass rate of every test, per assignment, hardest first.
    private var testsSection: String {
        var rows: [String] = []
        for rate in TestPassRate.all(in: report).sorted(by: { ($0.rate, $0.assignment, $0.name) < ($1.rate, $1.assignment, $1.name) }) {
            let percent = Int((rate.rate * 100).rounded())
            rows.append("<tr><td>\(Self.escape(rate.assignment))</td><td><code>\(Self.escape(rate.name))</code>"
                + "<div class=\"muted\">\(Self.escape(rate.title))</div></td>"
                + "<td class=\"number\">\(rate.passed) / \(rate.runs)</td><td>\(Self.meter(percent))</td>"
                + "<td class=\"number\">\(percent) %</td></tr>")
        }
        return """
        <h2>Tests</h2>
        <table>
        <thead><tr><th>Assignment</th><th>Test</th><th>Passed</th><th></th><th>Rate</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        """
    }

    /// Every submission that lost points: its failures, folded.
    private var failuresSection: String {
        var blocks = ["<h2>Failures</h2>"]
        for (index, submission) in report.submissions.enumerated() {
            let failures = failingTests(of: submission)
            guard !failures.isEmpty || !submission.built else { continue }
            blocks.append("<h3 id=\"s\(index)\">\(Self.escape(submission.student)) · \(Self.escape(submission.assignment))"
                + " <span class=\"muted\">\(Points.format(submission.score)) / \(Points.format(submission.maxScore))</span></h3>")
            if let sentence = submission.unbuiltSentence {
                let log = submission.buildLog.map { LogExcerpt($0, limit: logLimit).text } ?? "(no build log)"
                let label = submission.refused ? "REFUSED" : "BUILD FAILED"
                blocks.append(folded(id: "s\(index)-build", summary: Self.badge(.failed, label) + " " + Self.escape(sentence),
                                     sections: [Self.pre(log)]))
            }
            for (test, anchor) in failures { blocks.append(failure(test, of: submission, anchor: anchor)) }
        }
        if blocks.count == 1 { blocks.append("<p class=\"muted\">Every test passed.</p>") }
        return blocks.joined(separator: "\n")
    }

    /// One failing test: verdict badge and reason, then diagnosis and log.
    private func failure(_ test: TestResult, of submission: SubmissionResult, anchor: String) -> String {
        let reason = Diagnosis.reason(test)
        let summary = Self.badge(test.verdict.outcome, submission.label(of: test)) + " <code>\(Self.escape(test.name))</code> "
            + Self.escape(Self.firstLine(reason))
        var sections: [String] = []
        let diagnosis = Diagnosis(test).lines.map { line in
            "<span class=\"\(Self.cssClass(line.tone))\">\(Self.escape(line.text))</span>"
        }
        if !diagnosis.isEmpty { sections.append("<pre>" + diagnosis.joined(separator: "\n") + "</pre>") }
        if let log = test.log, !log.isEmpty {
            sections.append("<div class=\"caption\">Serial log</div>" + Self.pre(LogExcerpt(log, limit: logLimit).text))
        }
        return folded(id: anchor, summary: summary, sections: sections)
    }

    private func folded(id: String, summary: String, sections: [String]) -> String {
        "<details id=\"\(id)\"><summary>\(summary)</summary>\n\(sections.joined(separator: "\n"))\n</details>"
    }

    /// The tests of `submission` that did not pass, with their anchors.
    private func failingTests(of submission: SubmissionResult) -> [(TestResult, String)] {
        guard let index = report.submissions.firstIndex(of: submission) else { return [] }
        return submission.tests.enumerated()
            .filter { $0.element.verdict.outcome != .passed }
            .map { ($0.element, "s\(index)-t\($0.offset)") }
    }

    /// Text made safe for HTML element content and quoted attributes.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in ReportText.sanitize(text) {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    private static func pre(_ text: String) -> String { "<pre>\(escape(text))</pre>" }

    private static func firstLine(_ text: String) -> String { String(text.prefix { $0 != "\n" }) }

    private static func badge(_ outcome: Outcome, _ label: String) -> String {
        "<span class=\"badge \(outcome.rawValue)\">\(escape(label))</span>"
    }

    /// A horizontal bar: green from 80 %, red under 50 %.
    private static func meter(_ percent: Int) -> String {
        let grade = percent >= 80 ? " good" : percent < 50 ? " poor" : ""
        return "<div class=\"meter\(grade)\"><span style=\"width: \(min(max(percent, 0), 100))%\"></span></div>"
    }

    private static func cssClass(_ tone: Diagnosis.Tone) -> String {
        switch tone {
        case .normal: "normal"
        case .heading: "heading"
        case .good: "good"
        case .bad: "bad"
        case .missing: "missing"
        case .context: "context"
        case .hint: "hint"
        }
    }

    private var footer: String {
        "<footer>Generated by the grader \(Self.escape(report.graderVersion)). Logs are cut to \(logLimit / 1024) KiB; "
            + "the JSON report has them whole.</footer>"
    }
}

/// How often one test passed across the submissions of its assignment.
struct TestPassRate {
    var assignment: String
    var name: String
    var title: String
    var passed: Int
    var runs: Int

    /// `passed / runs`, 0 when it never ran.
    var rate: Double { runs > 0 ? Double(passed) / Double(runs) : 0 }

    /// One rate per (assignment, test name), in first-seen order.
    static func all(in report: GradeReport) -> [TestPassRate] {
        var rates: [TestPassRate] = []
        var positions: [String: Int] = [:]
        for submission in report.submissions {
            for test in submission.tests {
                let key = submission.assignment + "\n" + test.name
                let position = positions[key] ?? {
                    rates.append(TestPassRate(assignment: submission.assignment, name: test.name, title: test.title,
                                              passed: 0, runs: 0))
                    positions[key] = rates.count - 1
                    return rates.count - 1
                }()
                rates[position].runs += 1
                if test.verdict == .pass { rates[position].passed += 1 }
            }
        }
        return rates
    }
}
