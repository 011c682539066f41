// Tests/ReportsTests/ReportNotesTests.swift -- every writer shows a submission's notes and the timeout scale.
//
// The notes tell a student that an owned file was missing or that an edit
// was ignored; the timeout scale explains limits longer than scripted.
// `Samples.noted` has both (scale 2.5); `Samples.report` has neither.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct ReportNotesTests {
    let report = Samples.noted

    @Test func theTerminalListsTheNotesAndTheScale() {
        let text = TerminalSummary(report, colored: false).render()
        #expect(text.contains("  Notes:\n    missing: set/set.swift (the kit's version was used)\n"
            + "    ignored: Makefile <edited> &"))
        #expect(text.contains("Timeouts were multiplied by 2.5 (timeout scale)."))
        let plain = TerminalSummary(Samples.report, colored: false).render()
        #expect(!plain.contains("Notes:") && !plain.contains("timeout scale"))
        // A scale of 1 changes nothing: not worth a line.
        var unscaled = report
        unscaled.timeoutScale = 1
        #expect(!TerminalSummary(unscaled, colored: false).render().contains("timeout scale"))
    }

    @Test func markdownListsTheNotesEscaped() {
        let text = MarkdownSummary(report).render()
        #expect(text.contains("**Notes**\n\n- missing: set/set\\.swift"))
        #expect(text.contains("Makefile &lt;edited&gt; &amp;"))
        #expect(text.contains(" · timeouts × 2.5"))
        #expect(!MarkdownSummary(Samples.report).render().contains("Notes"))
    }

    @Test func htmlHasANotesSectionAndTheScale() {
        let html = HTMLOverview(report).render()
        #expect(XMLCheck.isWellFormed(html))
        #expect(html.contains("<h2>Notes</h2>"))
        #expect(html.contains("<li>missing: set/set.swift (the kit&#39;s version was used)</li>"))
        #expect(html.contains("Makefile &lt;edited&gt; &amp;"))
        #expect(html.contains("timeout scale 2.5"))
        #expect(!HTMLOverview(Samples.report).render().contains("<h2>Notes</h2>"))
    }

    @Test func junitPutsNotesInTheSuiteOutputAndTheScaleInAProperty() throws {
        let xml = try JUnitReport(report).render()
        #expect(XMLCheck.validate(xml, schema: try Samples.fixture("junit-10.xsd")) == 0)
        let outputs = try #require(XMLCheck.elements("system-out", in: xml)).map(\.text)
        #expect(outputs.contains(Samples.danNotes.joined(separator: "\n") + "\n"))
        let properties = try #require(XMLCheck.elements("property", in: xml))
        #expect(properties.contains { $0.attributes["name"] == "timeout scale" && $0.attributes["value"] == "2.5" })
        let plain = try JUnitReport(Samples.report).render()
        #expect(!plain.contains("timeout scale"))
    }

    @Test func gradescopeShowsNotesAndScaleAtTheTop() throws {
        let data = try GradescopeReport(report.submissions[0], timeoutScale: report.timeoutScale).data()
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let output = try #require(results["output"] as? String)
        #expect(output.contains("Notes:\n- missing: set/set.swift (the kit's version was used)\n- ignored: Makefile"))
        #expect(output.contains("Timeouts were multiplied by 2.5"))
        let plain = try #require(try JSONSerialization.jsonObject(with: GradescopeReport(Samples.alice).data())
            as? [String: Any])
        #expect((plain["output"] as? String)?.contains("Notes") == false)
    }
}
