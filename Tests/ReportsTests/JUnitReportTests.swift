// Tests/ReportsTests/JUnitReportTests.swift -- the JUnit XML report.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct JUnitReportTests {
    let xml: String

    init() throws {
        xml = try JUnitReport(Samples.report).render()
    }

    @Test func validatesAgainstJenkinsSchemaInProcess() throws {
        #expect(XMLCheck.validate(xml, schema: try Samples.fixture("junit-10.xsd")) == 0)
    }

    @Test func validatesAgainstJenkinsSchemaWithXmllint() throws {
        let schema = try Samples.fixture("junit-10.xsd")
        let result = try XMLCheck.xmllint(["--noout", "--schema", schema.path], on: xml)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func totalsAreCorrect() throws {
        let root = try #require(XMLCheck.elements("testsuites", in: xml)?.first)
        // alice: 6 tests (3 failures, 1 error, 1 skipped, 1 pass), bob: 1 build failure, carol: 1 pass.
        #expect(root.attributes["tests"] == "8")
        #expect(root.attributes["failures"] == "4")
        #expect(root.attributes["errors"] == "1")
        let suites = try #require(XMLCheck.elements("testsuite", in: xml))
        #expect(suites.map { $0.attributes["name"] } == ["alice.01-set", "bob.01-set", "carol.01-set"])
        #expect(suites[0].attributes["tests"] == "6")
        #expect(suites[0].attributes["failures"] == "3")
        #expect(suites[0].attributes["errors"] == "1")
        #expect(suites[0].attributes["skipped"] == "1")
        #expect(suites[0].attributes["time"] == "14.500")
        #expect(suites[0].attributes["timestamp"] == "2026-11-25T10:00:00Z")
        #expect(root.attributes["time"] == "19.500")
    }

    @Test func everyCaseHasNameClassnameAndTime() throws {
        let cases = try #require(XMLCheck.elements("testcase", in: xml))
        #expect(cases.count == 8)
        for testCase in cases {
            #expect(testCase.attributes["name"]?.isEmpty == false)
            #expect(testCase.attributes["classname"]?.contains(".01-set") == true)
            #expect(testCase.attributes["time"] != nil)
        }
    }

    @Test func propertiesCarryScoreAndWho() throws {
        let properties = try #require(XMLCheck.elements("property", in: xml))
        let alice = Dictionary(properties.prefix(5).map { ($0.attributes["name"]!, $0.attributes["value"]!) },
                               uniquingKeysWith: { first, _ in first })
        #expect(alice["student"] == "alice")
        #expect(alice["assignment"] == "01-set")
        #expect(alice["score"] == "7.5")
        #expect(alice["max score"] == "12")
    }

    @Test func failuresCarryTypeMessageAndEvidence() throws {
        let failures = try #require(XMLCheck.elements("failure", in: xml))
        #expect(failures.map { $0.attributes["type"] } == ["wrong-output", "panic", "timeout", "build-failure"])
        #expect(failures[0].attributes["message"] == "set 2 was never printed")
        #expect(failures[0].text.contains("MISSING set 2 created"))
        #expect(failures[1].attributes["message"] == "The kernel panicked: invalid-opcode at 0x00101234.")
        #expect(failures[1].text.contains("#0 0x00101234 in SetManager.reserve(_:) + 0x1c"))
        // The hostile log arrives escaped, readable and complete.
        #expect(failures[1].text.contains("end ]]> <b>&amp;</b>"))
        #expect(failures[1].text.contains("nul\\x00 soh\\x01"))
        #expect(!failures[1].text.contains("\u{1B}"))
        #expect(!xml.contains("<![CDATA["))
    }

    @Test func longLogsAreCutToTheLimit() throws {
        let xml = try JUnitReport(Samples.report, logLimit: 1000).render()
        let timeout = try #require(XMLCheck.elements("failure", in: xml)?.first { $0.attributes["type"] == "timeout" })
        #expect(timeout.text.contains("bytes (") && timeout.text.contains("lines) cut ...]"))
        #expect(timeout.text.utf8.count < 1500)
    }

    @Test func errorsAndSkipsAreSeparateFromFailures() throws {
        // Only the grader's own trouble is an error; a build failure is
        // the student's, hence a failure (see StudentFailureTests).
        let errors = try #require(XMLCheck.elements("error", in: xml))
        #expect(errors.map { $0.attributes["type"] } == ["infrastructure"])
        let build = try #require(XMLCheck.elements("failure", in: xml)?.last)
        #expect(build.attributes["type"] == "build-failure")
        #expect(build.text.contains("set.swift:3:1: error: expected '}'"))
        #expect(build.text.contains("note: here"))
        let skipped = try #require(XMLCheck.elements("skipped", in: xml))
        #expect(skipped.count == 1)
    }

    @Test func hostileNamesStillGiveValidXML() throws {
        var submission = Samples.carol
        submission.student = "eve\u{0}\u{1B}[31m<x>\u{01}"
        submission.tests[0].name = "n]]>\u{FFFE}"
        submission.tests[0].verdict = .fail
        submission.tests[0].message = "bad\u{0B}\u{1B}]0;t\u{07}"
        let xml = try JUnitReport(GradeReport(startedAt: "now", submissions: [submission])).render()
        #expect(XMLCheck.validate(xml, schema: try Samples.fixture("junit-10.xsd")) == 0)
        let failure = try #require(XMLCheck.elements("failure", in: xml)?.first)
        #expect(failure.attributes["message"] == "bad\\x0b")
        #expect(XMLCheck.elements("testcase", in: xml)?.first?.attributes["name"] == "n]]>\\u{FFFE}")
    }

    @Test func everyByteValueStillGivesValidXML() throws {
        let xml = try JUnitReport(Samples.report(withLog: Samples.everyByte + Samples.hostileLog)).render()
        #expect(XMLCheck.validate(xml, schema: try Samples.fixture("junit-10.xsd")) == 0)
        let failure = try #require(XMLCheck.elements("failure", in: xml)?.dropFirst().first)
        #expect(failure.text.contains("\\x00\\x01\\x02"))
        #expect(failure.text.contains("\u{FFFD}"))
    }

    @Test func writesToAFile() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("junit.xml")
        try JUnitReport(Samples.report).write(to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == xml)
    }
}
