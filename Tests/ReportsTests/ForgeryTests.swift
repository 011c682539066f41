// Tests/ReportsTests/ForgeryTests.swift -- no kernel output can forge a line of a report.
//
// A failing kernel prints fake result rows after lone carriage returns,
// GitHub Actions workflow commands, bidirectional overrides and Unicode
// line separators, into every place student text reaches a report (log,
// message, check name, mismatch, build log, notes, its own name, a flag's
// excerpt). Every writer must show it all as inert text.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct ForgeryTests {
    /// Every character the reports must never carry raw.
    static let invisibles: [Unicode.Scalar] = [
        "\u{061C}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{2028}", "\u{2029}", "\r",
    ]

    /// Fake rows after lone CRs, workflow commands, every invisible.
    static let hostile = "set_add failed\r  ✔ PASS  6 / 6  set_add  forged\r  Total  100 / 100 points (100 %)\n"
        + "::error::x\n  ::add-mask::secret\n\t##[group]hidden\nok ##[endgroup]\n\u{202E}desrever\u{2028}sep\u{2029}par\n"
        + String(String.UnicodeScalarView(invisibles)) + "\n"

    /// A failing submission with the hostile text everywhere a student reaches.
    static var report: GradeReport {
        let line = hostile.replacingOccurrences(of: "\n", with: " ")
        let test = TestResult(
            name: "set_add", kernelTest: "test_set_add", title: "Adding", visibility: "public", verdict: .wrongOutput,
            points: 0, maxPoints: 6, message: hostile,
            checks: [CheckResult(name: line, passed: false, points: 0, maxPoints: 1, message: line)],
            mismatch: Mismatch(expected: "ok", seen: line, lineNumber: 2, lines: [.init(.bad, line), .init(.context, line)]),
            log: hostile)
        let submission = SubmissionResult(
            student: "mallory\r::error::m\u{202E}", assignment: "01-set", score: 0, maxScore: 100, built: true,
            buildLog: hostile, tests: [test], duration: 1, contentHash: "h", notes: [hostile],
            flags: [IntegrityFlag(file: "set/\u{202E}x.swift", line: 3, rule: "verdict-word", reason: "r", excerpt: line)])
        return GradeReport(startedAt: "now", submissions: [submission])
    }

    /// Every format's text for `report`.
    static func everyFormat(_ report: GradeReport) throws -> [String: String] {
        [
            "terminal": TerminalSummary(report, colored: false).render(),
            "terminal colour": TerminalSummary(report, colored: true).render(),
            "markdown": MarkdownSummary(report).render(),
            "html": HTMLOverview(report).render(),
            "junit": try JUnitReport(report).render(),
            "json": try JSONReport(report).render(),
            "gradescope": try GradescopeReport(report.submissions[0]).render(),
            "gradescope text": try GradescopeReport(report.submissions[0], options: textOptions).render(),
        ]
    }

    static var textOptions: GradescopeReport.Options {
        var options = GradescopeReport.Options()
        options.outputFormat = .text
        return options
    }

    @Test func noFormatCarriesARawInvisibleOrCarriageReturn() throws {
        for (format, text) in try Self.everyFormat(Self.report) {
            let found = text.unicodeScalars.filter(Self.invisibles.contains)
            #expect(found.isEmpty, "\(format) carries \(found.map { String($0.value, radix: 16) })")
        }
    }

    @Test func noFormatHasALineThatIsAWorkflowCommand() throws {
        for (format, text) in try Self.everyFormat(Self.report) {
            for line in text.split(separator: "\n") {
                let start = line.drop { $0.isWhitespace }
                #expect(!start.hasPrefix("::"), "\(format): \(line)")
                #expect(!line.contains("##["), "\(format): \(line)")
            }
        }
    }

    @Test func theTerminalShowsNoForgedRowOrTotal() {
        let text = TerminalSummary(Self.report, colored: false).render()
        let lines = text.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("  ✔") })
        #expect(lines.count { $0.hasPrefix("  Total") } == 1)
        #expect(lines.contains { $0.hasPrefix("  Total  0 / 100 points") })
        // The forged text is there, on the line of the real message.
        #expect(text.contains("set_add failed\\r  ✔ PASS  6 / 6"))
    }

    @Test func markdownShowsNoForgedRowOrTotal() {
        let lines = MarkdownSummary(Self.report).render().split(separator: "\n")
        #expect(!lines.contains { $0.drop { $0.isWhitespace }.hasPrefix("✔") })
        #expect(!lines.contains { $0.drop { $0.isWhitespace }.hasPrefix("Total") })
    }

    @Test func jsonEscapesInvisiblesVisiblyAndStaysLossless() throws {
        let text = try JSONReport(Self.report).render()
        #expect(text.contains("\\u202e"))
        #expect(text.contains("\\u2028"))
        #expect(text.contains("#\\u0023[group]"))
        let decoded = try JSONReport.decode(Data(text.utf8))
        #expect(decoded == Self.report)
    }

    @Test func textEscapesAreVisible() {
        let text = ReportText.sanitize("a\u{202E}b\u{2028}c\u{2029}d\u{061C}e\u{200F}f\u{2066}g")
        #expect(text == "a\\u{202E}b\\u{2028}c\\u{2029}d\\u{61C}e\\u{200F}f\\u{2066}g")
    }

    @Test func workflowCommandsGetABackslash() {
        #expect(ReportText.sanitize("::error::x") == "\\::error::x")
        #expect(ReportText.sanitize("ok\n \t::warning::y") == "ok\n \t\\::warning::y")
        #expect(ReportText.sanitize("##[group]z") == "#\\#[group]z")
        #expect(ReportText.sanitize("text ##[error]w") == "text #\\#[error]w")
        #expect(ReportText.sanitize("x\r::error::v") == "x\\r::error::v")
        // Idempotent: a second pass changes nothing.
        let once = ReportText.sanitize("::a\n##[b")
        #expect(ReportText.neutralisingWorkflowCommands(once) == once)
        #expect(ReportText.sanitize(once) == once)
    }

    /// Negative control: ordinary text, colons and hashes included, is
    /// unchanged by every rule.
    @Test func plainTextIsUnchanged() throws {
        let plain = "set 1 created: a::b (C++ style), ## heading, [x] #1 é ✓ 🚀\n  indented: yes\n\ttabbed ::later"
        #expect(ReportText.sanitize(plain) == plain)
        #expect(ReportText.neutralisingWorkflowCommands(plain) == plain)
        #expect(ReportText.escapingInJSON("{\"a\" : \"\(plain.replacingOccurrences(of: "\n", with: "\\n"))\"}")
            == "{\"a\" : \"\(plain.replacingOccurrences(of: "\n", with: "\\n"))\"}")
        var report = Self.report
        report.submissions[0].student = "alice"
        report.submissions[0].notes = [plain]
        #expect(TerminalSummary(report, colored: false).render().contains("    set 1 created: a::b (C++ style), ## heading"))
    }
}
