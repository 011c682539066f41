// Tests/ReportsTests/FeedbackReportTests.swift -- warnings, self-checks and the public total in every format.
//
// A submission graded on its public tests alone, with two compiler
// warnings (one of them hostile: an escape sequence, a carriage return
// forging a row, a workflow command) and two self-checks (one passed,
// one panicked). Every format must show the warnings sanitized, the
// self-checks apart and without points, and the honest total.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct FeedbackReportTests {
    static let hostileWarning = "kernel/set/list.swift:9:5: warning: \u{1B}[2Jvar 'x' was never mutated\r✔ PASS 6 / 6"
    static let warnings = ["kernel/set/list.swift:12:9: warning: initialization of immutable value 'unused' was never used",
                           hostileWarning, "::error::forged"]

    /// A public-only grade: 70 of the 70 public points, 30 more hidden.
    static var publicOnly: SubmissionResult {
        var result = SubmissionResult(
            student: "bob", assignment: "01-set", score: 70, maxScore: 70, built: true,
            tests: [TestResult(name: "set_add_get", kernelTest: "set_add_get", title: "Adding", visibility: "public",
                               verdict: .pass, points: 70, maxPoints: 70)],
            duration: 1, contentHash: "h")
        result.publicMaxScore = 70
        result.hiddenMaxScore = 30
        result.hiddenGraded = false
        result.warnings = warnings
        result.selfChecks = [SelfCheckResult(name: "my_list_order", passed: true, verdict: .pass),
                             SelfCheckResult(name: "my_tree\u{202E}", passed: false, verdict: .panic,
                                             message: "kernel panic: invalid-opcode\nsecond line")]
        return result
    }

    static var report: GradeReport { GradeReport(startedAt: "2026-12-03T10:00:00Z", submissions: [publicOnly]) }

    /// Every line a sanitized warning list must hold, and none it must not.
    private func expectSanitized(_ text: String, _ format: String) {
        #expect(text.contains("list.swift:12:9: warning: initialization of immutable value"), "\(format)")
        #expect(!text.contains("\u{1B}[2J"), "\(format): an escape sequence got through")
        #expect(!text.contains("\r✔ PASS"), "\(format): a carriage return got through")
        #expect(!text.contains("\n::error::"), "\(format): a workflow command got through")
        #expect(!text.contains("\u{202E}"), "\(format): a bidirectional control got through")
        #expect(text.contains("my_list_order") && text.contains("my_tree"), "\(format): the self-checks")
    }

    @Test func theTerminalShowsTheHonestTotalWarningsAndSelfChecks() {
        let text = TerminalSummary(Self.report, colored: false).render()
        #expect(text.contains("70 / 70 public points; 30 more in hidden tests"))
        #expect(!text.contains("/ 100"))
        #expect(text.contains("Compiler warnings (3; feedback, not scored):"))
        #expect(text.contains("Your own tests (self-checks, never scored): 1 passed, 1 failed"))
        #expect(text.contains("✘ my_tree\\u{202E}  failed (panic): kernel panic: invalid-opcode"))
        // A self-check line carries no points.
        let line = text.split(separator: "\n").first { $0.contains("my_list_order") }
        #expect(line.map { !$0.contains(" / ") } == true)
        expectSanitized(text, "terminal")
    }

    @Test func aFullGradeSaysPointsWithoutHiddenRemainder() {
        // Negative control: hidden tests ran, so the total is the whole.
        var full = Self.publicOnly
        full.hiddenGraded = true
        full.maxScore = 100
        let text = TerminalSummary(GradeReport(startedAt: "t", submissions: [full]), colored: false).render()
        #expect(text.contains("70 / 100 points"))
        #expect(!text.contains("hidden tests"))
        #expect(!text.contains("public points"))
    }

    @Test func markdownShowsTheTotalWarningsAndSelfChecks() {
        let text = MarkdownSummary(Self.report).render()
        #expect(text.contains("**70 / 70** public points (100%); 30 more in hidden tests"))
        #expect(text.contains("70 / 70 public points; 30 more in hidden tests"))
        #expect(text.contains("**Compiler warnings (3; feedback, not scored):**"))
        #expect(text.contains("**Your own tests (self-checks, never scored): 1 passed, 1 failed**"))
        // Markdown escapes its punctuation: my\_list\_order.
        expectSanitized(text.replacingOccurrences(of: "\\_", with: "_"), "markdown")
    }

    @Test func jsonKeepsMachineFields() throws {
        let text = try JSONReport(Self.report).render()
        let decoded = try JSONDecoder().decode(GradeReport.self, from: Data(text.utf8))
        let bob = try #require(decoded.submissions.first)
        #expect(bob.publicMaxScore == 70 && bob.hiddenMaxScore == 30 && !bob.hiddenGraded)
        #expect(bob.warnings.count == 3 && bob.selfChecks.count == 2)
        #expect(decoded.formatVersion == 4)
        #expect(!text.contains("\u{1B}"), "the JSON escapes control characters")
    }

    @Test func junitCarriesThemInSystemOutAndProperties() throws {
        let text = try JUnitReport(Self.report).render()
        #expect(text.contains("<property name=\"compiler warnings\" value=\"3\"/>"))
        #expect(text.contains("<property name=\"self-checks (never scored)\" value=\"1 passed, 1 failed\"/>"))
        #expect(text.contains("<property name=\"hidden max score\" value=\"30\"/>"))
        // Self-checks are no test cases: one testcase, the graded one.
        #expect(text.components(separatedBy: "<testcase ").count == 2)
        expectSanitized(text, "junit")
    }

    @Test func htmlAndGradescopeShowThemToo() throws {
        let html = HTMLOverview(Self.report).render()
        #expect(html.contains("<h2>Compiler warnings</h2>") && html.contains("<h2>Self-checks</h2>"))
        #expect(html.contains("70 / 70 public points"))
        expectSanitized(html, "html")
        let gradescope = try GradescopeReport(Self.publicOnly).render()
        #expect(gradescope.contains("Score: 70 / 70 public points; 30 more in hidden tests"))
        #expect(gradescope.contains(FeedbackText.warningsHeading(3)))
        expectSanitized(gradescope, "gradescope")
    }
}
