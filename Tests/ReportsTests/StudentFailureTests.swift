// Tests/ReportsTests/StudentFailureTests.swift -- a failed build or a refusal is the student's failure.
//
// JUnit keeps `errors` for the grader's own trouble: a submission that did
// not build, or was refused before building, is counted in `failures`, and
// every report calls a refused submission "refused", not "build failed".

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct StudentFailureTests {
    /// bob's build failed; rex's archive was refused (both have tests).
    static var report: GradeReport {
        let tests = [TestResult(name: "set_add", kernelTest: "test_set_add", title: "Adding", visibility: "public",
                                verdict: .buildFailure, points: 0, maxPoints: 3, message: "set.swift:1: error")]
        var refusedTests = tests
        refusedTests[0].message = "submission refused: rex.zip: an entry escapes the folder"
        let bob = SubmissionResult(student: "bob", assignment: "01-set", score: 0, maxScore: 3, built: false,
                                   buildLog: "set.swift:1: error", tests: tests, duration: 1, contentHash: "b")
        let rex = SubmissionResult(student: "rex", assignment: "01-set", score: 0, maxScore: 3, built: false,
                                   buildLog: "rex.zip: an entry escapes the folder", tests: refusedTests, duration: 0,
                                   contentHash: "", refused: true)
        return GradeReport(startedAt: "now", submissions: [bob, rex])
    }

    @Test func junitCountsBuildFailuresAndRefusalsAsFailures() throws {
        let xml = try JUnitReport(Self.report).render()
        #expect(XMLCheck.validate(xml, schema: try Samples.fixture("junit-10.xsd")) == 0)
        let root = try #require(XMLCheck.elements("testsuites", in: xml)?.first)
        #expect(root.attributes["failures"] == "2")
        #expect(root.attributes["errors"] == "0")
        #expect(XMLCheck.elements("error", in: xml)?.isEmpty == true)
        #expect(XMLCheck.elements("failure", in: xml)?.count == 2)
    }

    /// Negative control: the grader's own failure is still an error.
    @Test func junitKeepsErrorsForTheInfrastructure() throws {
        var report = Self.report
        report.submissions[0].tests[0].verdict = .infrastructure
        let root = try #require(XMLCheck.elements("testsuites", in: try JUnitReport(report).render())?.first)
        #expect(root.attributes["errors"] == "1")
        #expect(root.attributes["failures"] == "1")
    }

    @Test func aBuildWithNoTestsIsStillAFailingCase() throws {
        var report = Self.report
        report.submissions = [report.submissions[0]]
        report.submissions[0].tests = []
        let xml = try JUnitReport(report).render()
        #expect(XMLCheck.elements("failure", in: xml)?.first?.attributes["type"] == "build-failure")
        #expect(XMLCheck.elements("testsuites", in: xml)?.first?.attributes["errors"] == "0")
    }

    @Test func terminalSaysRefused() {
        let text = TerminalSummary(Self.report, colored: false).render()
        let rex = String(text[text.range(of: "01-set · rex")!.lowerBound...])
        #expect(rex.contains("  The submission was refused.\n    rex.zip: an entry escapes the folder"))
        #expect(rex.contains("✘ REFUSED"))
        #expect(!rex.contains("BUILD FAILED") && !rex.contains("did not build"))
        // Negative control: bob's build did fail, and says so.
        let bob = String(text[..<text.range(of: "01-set · rex")!.lowerBound])
        #expect(bob.contains("The submission did not build.") && bob.contains("✘ BUILD FAILED"))
    }

    @Test func markdownSaysRefused() {
        let text = MarkdownSummary(Self.report).render()
        #expect(text.contains("· **1** did not build · **1** refused"))
        #expect(text.contains("**The submission was refused.**"))
        #expect(text.contains("| REFUSED |"))
        #expect(text.contains("**The submission did not build.**"))
    }

    @Test func htmlSaysRefused() {
        let html = HTMLOverview(Self.report).render()
        #expect(XMLCheck.isWellFormed(html))
        #expect(html.contains(">refused</a>"))
        #expect(html.contains("<span class=\"badge failed\">REFUSED</span> The submission was refused."))
        #expect(html.contains("<span class=\"badge failed\">BUILD FAILED</span> The submission did not build."))
    }

    @Test func gradescopeSaysRefused() throws {
        let text = try GradescopeReport(Self.report.submissions[1]).render()
        #expect(text.contains("The submission was refused."))
        #expect(text.contains("REFUSED"))
        #expect(!text.contains("did not build") && !text.contains("BUILD FAILED"))
    }

    @Test func olderJSONDecodesWithoutTheNewFields() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: try JSONReport(Self.report).data()) as? [String: Any])
        var submissions = try #require(object["submissions"] as? [[String: Any]])
        for index in submissions.indices {
            submissions[index]["refused"] = nil
            submissions[index]["flags"] = nil
        }
        object["submissions"] = submissions
        object["formatVersion"] = 2
        let decoded = try JSONReport.decode(try JSONSerialization.data(withJSONObject: object))
        #expect(decoded.submissions.map(\.refused) == [false, false])
        #expect(decoded.submissions.allSatisfy { $0.flags.isEmpty })
    }
}
