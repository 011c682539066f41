// Tests/ReportsTests/JSONReportTests.swift -- the lossless JSON record and its decoder.

import Foundation
import GraderModel
import GraderReports
import Testing

@Suite struct JSONReportTests {
    @Test func roundTripsExactly() throws {
        let data = try JSONReport(Samples.report).data()
        #expect(try JSONReport.decode(data) == Samples.report)
    }

    @Test func roundTripsThroughAFile() throws {
        let folder = try Samples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.json")
        try JSONReport(Samples.report).write(to: file)
        #expect(try JSONReport.read(from: file) == Samples.report)
    }

    @Test func isPrettySortedAndKeepsTheDateAsGiven() throws {
        let text = try JSONReport(Samples.report).render()
        #expect(text.hasPrefix("{\n  \"formatVersion\" : \(GradeReport.formatVersion),\n  \"graderVersion\" : "))
        #expect(text.contains("\"startedAt\" : \"2026-11-25T10:00:00Z\""))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func notesAndTheTimeoutScaleRoundTrip() throws {
        let report = Samples.noted
        let text = try JSONReport(report).render()
        #expect(text.contains("\"timeoutScale\" : 2.5"))
        #expect(text.contains("missing: set/set.swift"))
        #expect(try JSONReport.decode(Data(text.utf8)) == report)
    }

    @Test func aFormatOneReportStillLoads() throws {
        // Written before notes and the timeout scale existed.
        var object = try #require(try JSONSerialization.jsonObject(with: JSONReport(Samples.report).data()) as? [String: Any])
        object["formatVersion"] = 1
        object["timeoutScale"] = nil
        object["submissions"] = (object["submissions"] as? [[String: Any]])?.map { submission in
            submission.filter { $0.key != "notes" }
        }
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(!String(decoding: old, as: UTF8.self).contains("notes"))
        let report = try JSONReport.decode(old)
        #expect(report.submissions == Samples.report.submissions)
        #expect(report.submissions.allSatisfy { $0.notes.isEmpty })
        #expect(report.timeoutScale == nil)
    }

    @Test func controlCharactersAreEscapedNotLost() throws {
        let text = try JSONReport(Samples.report).render()
        #expect(text.contains("nul\\u0000 soh\\u0001"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func refusesANewerFormat() throws {
        let text = try JSONReport(Samples.report).render()
            .replacingOccurrences(of: "\"formatVersion\" : \(GradeReport.formatVersion)", with: "\"formatVersion\" : 99")
        #expect(throws: JSONReport.ReadError.newerFormat(found: 99, supported: GradeReport.formatVersion)) {
            try JSONReport.decode(Data(text.utf8))
        }
    }

    @Test func explainsWhereAReportIsMalformed() throws {
        let text = try JSONReport(Samples.report).render()
            .replacingOccurrences(of: "\"verdict\" : \"panic\"", with: "\"verdict\" : \"exploded\"")
        do {
            _ = try JSONReport.decode(Data(text.utf8))
            Issue.record("decoded a report with an unknown verdict")
        } catch let error {
            guard case let .malformed(reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(reason.contains("submissions[0].tests[2].verdict"))
        }
    }
}
