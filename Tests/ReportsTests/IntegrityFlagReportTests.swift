// Tests/ReportsTests/IntegrityFlagReportTests.swift -- every format shows the integrity flags, none scores them.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct IntegrityFlagReportTests {
    static let flag = IntegrityFlag(file: "set/list.swift", line: 12, rule: "verdict-word",
                                    reason: "a word of the harness's verdict protocol",
                                    excerpt: "print(\"KTEST PASS name=x <b>&\")")

    /// carol, full marks, with one flag.
    static var flagged: GradeReport {
        var carol = Samples.carol
        carol.flags = [flag]
        return GradeReport(startedAt: "now", submissions: [carol])
    }

    @Test func terminalListsTheFlagAfterTheTotal() {
        let text = TerminalSummary(Self.flagged, colored: false).render()
        #expect(text.contains("  Integrity flags (for the teacher to look at; they do not change the score):\n"
            + "    set/list.swift:12: verdict-word: a word of the harness's verdict protocol: print(\"KTEST PASS name=x <b>&\")"))
        #expect(text.contains("Total  12 / 12 points (100 %)"))
    }

    @Test func markdownListsTheFlagEscaped() {
        let text = MarkdownSummary(Self.flagged).render()
        #expect(text.contains("**Integrity flags"))
        #expect(text.contains("set/list\\.swift:12: verdict\\-word"))
        #expect(text.contains("&lt;b&gt;&amp;"))
        #expect(text.contains("12 / 12"))
    }

    @Test func htmlListsTheFlagEscaped() {
        let html = HTMLOverview(Self.flagged).render()
        #expect(XMLCheck.isWellFormed(html))
        #expect(html.contains("<h2>Integrity flags</h2>"))
        #expect(html.contains("<code>set/list.swift:12</code> verdict-word"))
        #expect(html.contains("&lt;b&gt;&amp;"))
    }

    @Test func junitHasAPropertyAndTheFlagsOnSystemErrAndStaysValid() throws {
        let xml = try JUnitReport(Self.flagged).render()
        #expect(XMLCheck.validate(xml, schema: try Samples.fixture("junit-10.xsd")) == 0)
        let property = XMLCheck.elements("property", in: xml)?.first { $0.attributes["name"] == "integrity flags" }
        #expect(property?.attributes["value"] == "1")
        let systemErr = try #require(XMLCheck.elements("system-err", in: xml)?.first)
        #expect(systemErr.text.contains("set/list.swift:12: verdict-word"))
        // A note changes no count.
        let root = try #require(XMLCheck.elements("testsuites", in: xml)?.first)
        #expect(root.attributes["failures"] == "0" && root.attributes["errors"] == "0" && root.attributes["tests"] == "1")
    }

    @Test func jsonKeepsTheFlags() throws {
        let decoded = try JSONReport.decode(try JSONReport(Self.flagged).data())
        #expect(decoded.submissions[0].flags == [Self.flag])
    }

    @Test func gradescopeShowsThemToTheTeacherOnlyForNoPoints() throws {
        var options = GradescopeReport.Options()
        options.hiddenTests = .visible
        let data = try GradescopeReport(Self.flagged.submissions[0], options: options).data()
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tests = try #require(results["tests"] as? [[String: Any]])
        let entry = try #require(tests.first { $0["name"] as? String == "integrity flags" })
        #expect(entry["visibility"] as? String == "hidden")
        #expect(entry["score"] as? Double == 0 && entry["max_score"] as? Double == 0)
        #expect((entry["output"] as? String)?.contains("set/list.swift:12: verdict-word") == true)
        #expect(results["score"] as? Double == 12)
        // The student-visible overview does not mention them.
        #expect((results["output"] as? String)?.contains("KTEST") == false)
    }

    /// Negative control: without flags no format mentions them.
    @Test func noFlagsNoMention() throws {
        let report = GradeReport(startedAt: "now", submissions: [Samples.carol])
        #expect(!TerminalSummary(report, colored: false).render().contains("Integrity"))
        #expect(!MarkdownSummary(report).render().contains("Integrity"))
        #expect(!HTMLOverview(report).render().contains("Integrity"))
        #expect(!(try JUnitReport(report).render()).contains("integrity"))
        #expect(!(try GradescopeReport(Samples.carol).render()).contains("integrity"))
    }
}
