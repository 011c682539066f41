// Tests/ReportsTests/MarkdownSummaryTests.swift -- the CI job summary.

import GraderModel
@testable import GraderReports
import Testing

@Suite struct MarkdownSummaryTests {
    let markdown = MarkdownSummary(Samples.report).render()

    @Test func startsWithTheTotals() {
        #expect(markdown.hasPrefix("## Grading results\n\n**3** submissions · **19.5 / 36** points (54%) · 7 tests: "
            + "2 passed, 3 failed, 1 grader errors, 1 skipped · **1** did not build\n"))
    }

    @Test func hasATablePerSubmission() {
        #expect(markdown.contains("### alice · 01\\-set: 7.5 / 12\n\n| | Test | Verdict | Points | Time |"))
        #expect(markdown.contains("| ❌ | `set_show` show prints every element | WRONG OUTPUT | 1.5 / 3 | 0.200 s |"))
        #expect(markdown.contains("| alice | 01\\-set | 7.5 / 12 | 1 / 6 |"))
    }

    @Test func failingTestsGiveTheirReasonAndFoldTheLog() {
        #expect(markdown.contains("#### ❌ `set_show`: WRONG OUTPUT\n\nset 2 was never printed\n\n<details>"))
        #expect(markdown.contains("MISSING set 2 created"))
        #expect(markdown.contains("--- end of the serial log ---\nKTEST START"))
        #expect(markdown.contains("**The submission did not build.**"))
    }

    @Test func kernelTextCannotInjectMarkupOrEscapes() {
        #expect(markdown.contains("Reserving a set &lt;with&gt; &amp; \"quotes\""))
        #expect(!markdown.contains("\u{1B}"))
        #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func everyByteValueLeavesOnlyVisibleText() {
        let markdown = MarkdownSummary(Samples.report(withLog: Samples.everyByte)).render()
        #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value) })
        #expect(markdown.contains("\\x00\\x01\\x02"))
    }

    @Test func aLogWithBackticksCannotCloseItsCodeBlock() {
        var submission = Samples.carol
        submission.tests[0].verdict = .fail
        submission.tests[0].log = "before\n```\n<script>alert(1)</script>\n````\nafter"
        let markdown = MarkdownSummary(GradeReport(startedAt: "now", submissions: [submission])).render()
        #expect(markdown.contains("`````text\n--- end of the serial log ---\nbefore\n```\n<script>"))
        #expect(markdown.contains("after\n`````\n"))
    }

    @Test func logsAreCutToTheTail() {
        let markdown = MarkdownSummary(Samples.report, logTail: 100).render()
        #expect(markdown.contains("[... first "))
        #expect(markdown.utf8.count < MarkdownSummary(Samples.report, logTail: 100_000).render().utf8.count)
    }

    @Test func inlineEscapingNeutralisesMarkdownAndHTML() {
        #expect(MarkdownSummary.inline("*a* | [b](c) <i>&\n") == "\\*a\\* \\| \\[b\\]\\(c\\) &lt;i&gt;&amp; ")
    }
}
