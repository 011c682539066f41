// Tests/ReportsTests/GradescopeReportTests.swift -- Gradescope's results.json.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct GradescopeReportTests {
    /// The rendered results.json, parsed back as plain JSON objects.
    private func results(_ options: GradescopeReport.Options = .init()) throws -> [String: Any] {
        let data = try GradescopeReport(Samples.alice, options: options).data()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func tests(_ results: [String: Any]) throws -> [[String: Any]] {
        try #require(results["tests"] as? [[String: Any]])
    }

    @Test func topLevelFields() throws {
        let results = try results()
        #expect(results["score"] as? Double == 7.5)
        #expect(results["execution_time"] as? Int == 15)
        #expect(results["visibility"] as? String == "visible")
        #expect(results["stdout_visibility"] as? String == "hidden")
        #expect((results["output"] as? String)?.contains("1 of 6 tests passed") == true)
    }

    @Test func everyTestHasTheFieldsGradescopeReads() throws {
        for test in try tests(try results()) {
            #expect(Set(test.keys) == ["name", "score", "max_score", "status", "output", "output_format", "visibility", "tags"])
        }
    }

    @Test func statusPointsAndTags() throws {
        let tests = try tests(try results())
        #expect(tests.map { $0["status"] as? String } == ["passed", "failed", "failed", "failed", "failed", "failed"])
        #expect(tests[1]["score"] as? Double == 1.5)
        #expect(tests[1]["max_score"] as? Double == 3)
        #expect(tests[1]["tags"] as? [String] == ["wrong-output", "public"])
        #expect(tests[1]["name"] as? String == "set_show: show prints every element")
    }

    @Test func hiddenTestsFollowTheCourseChoice() throws {
        #expect(try tests(try results()).map { $0["visibility"] as? String }[1...2] == ["visible", "after_published"])
        var options = GradescopeReport.Options()
        options.hiddenTests = .hidden
        #expect(try tests(try results(options))[2]["visibility"] as? String == "hidden")
    }

    @Test func outputExplainsTheFailure() throws {
        var options = GradescopeReport.Options()
        options.outputFormat = .text
        let tests = try tests(try results(options))
        let show = try #require(tests[1]["output"] as? String)
        #expect(show.contains("MISSING set 2 created"))
        #expect(show.contains("Read: docs/book/01-set.md#show"))
        let panic = try #require(tests[2]["output"] as? String)
        #expect(panic.contains("#0 0x00101234 in SetManager.reserve(_:) + 0x1c"))
        #expect(tests[2]["output_format"] as? String == "text")
        // Plain text: no escape sequence at all, the kernel's or ours.
        #expect(!tests.contains { ($0["output"] as? String)?.contains("\u{1B}") == true })
    }

    @Test func ansiOutputKeepsColourButNotOtherEscapes() throws {
        let show = try #require(try tests(try results())[1]["output"] as? String)
        #expect(show.contains("\u{1B}[33mMISSING set 2 created\u{1B}[0m"))
        #expect(show.contains("\u{1B}[31mred\u{1B}[0m"), "the kernel's own colour survives in ansi mode")
        #expect(!show.contains("\u{1B}[2J") && !show.contains("\u{1B}]0;"))
        #expect(show.contains("nul\\x00"))
    }

    @Test func aBuildFailureShowsTheCompilerOutput() throws {
        let data = try GradescopeReport(Samples.bob).data()
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let output = try #require(results["output"] as? String)
        #expect(output.contains("did not build") && output.contains("set.swift:3:1: error: expected '}'"))
        #expect(results["score"] as? Double == 0)
    }
}
