// Tests/ReportsTests/HTMLOverviewTests.swift -- the teacher's one-page overview.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct HTMLOverviewTests {
    let html = HTMLOverview(Samples.report).render()

    @Test func isWellFormedXML() {
        #expect(XMLCheck.isWellFormed(html))
    }

    /// libxml2 2.9's HTML parser knows HTML 4 only, so it reports the HTML 5
    /// elements (main, svg, details, ...) as unknown tags; any other error
    /// is a real one.
    @Test func parsesAsHTMLWithXmllint() throws {
        let result = try XMLCheck.xmllint(["--html", "--noout"], on: html)
        let problems = result.errors.split(separator: "\n")
            .filter { $0.contains("parser error") && !($0.contains(": Tag ") && $0.hasSuffix(" invalid")) }
        #expect(result.status == 0)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func theHTMLCheckCatchesBrokenMarkup() throws {
        let result = try XMLCheck.xmllint(["--html", "--noout"], on: "<html><body><p>a < b & c</p></body></html>")
        #expect(result.errors.contains("parser error"))
    }

    @Test func isSelfContained() {
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!hrefs.isEmpty)
        #expect(hrefs.allSatisfy { $0.hasPrefix("#") })
    }

    @Test func everyLinkLeadsToAnAnchor() throws {
        let hrefs = Set(html.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        for anchor in hrefs { #expect(html.contains("id=\"\(anchor)\""), "no anchor \(anchor)") }
        // alice's five non-passing tests, each linked from her row.
        #expect(["s0-t1", "s0-t2", "s0-t3", "s0-t4", "s0-t5"].allSatisfy(hrefs.contains))
    }

    @Test func showsScoresPassRatesAndChart() throws {
        #expect(html.contains("<td class=\"number\">7.5 / 12</td>"))
        #expect(html.contains("<code>set_add_get</code>"))
        #expect(html.contains("<td class=\"number\">2 / 2</td>"))
        let rects = try #require(XMLCheck.elements("rect", in: html))
        #expect(rects.count == 10)
        #expect(rects.filter { $0.attributes["height"] != "0" }.count == 3)
    }

    @Test func logsAreEmbeddedFoldedAndEscaped() throws {
        let details = try #require(XMLCheck.elements("details", in: html))
        #expect(details.count == 6)
        let panic = try #require(details.first { $0.attributes["id"] == "s0-t2" })
        #expect(panic.text.contains("#0 0x00101234 in SetManager.reserve(_:) + 0x1c"))
        #expect(panic.text.contains("end ]]> <b>&amp;</b>"))
        #expect(html.contains("end ]]&gt; &lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(!html.contains("\u{1B}"))
    }

    @Test func everyByteValueStillGivesWellFormedMarkup() throws {
        let html = HTMLOverview(Samples.report(withLog: Samples.everyByte)).render()
        #expect(XMLCheck.isWellFormed(html))
        #expect(html.contains("\\x00\\x01\\x02"))
    }

    @Test func hostileStudentNamesAreEscaped() {
        var submission = Samples.carol
        submission.student = "<script>alert('x')</script>\u{0}"
        let html = HTMLOverview(GradeReport(startedAt: "\"><b>", submissions: [submission])).render()
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\x00"))
        #expect(XMLCheck.isWellFormed(html))
    }
}
