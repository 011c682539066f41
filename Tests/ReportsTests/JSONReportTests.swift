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
        #expect(text.hasPrefix("{\n  \"formatVersion\" : 1,\n  \"graderVersion\" : "))
        #expect(text.contains("\"startedAt\" : \"2026-11-25T10:00:00Z\""))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func controlCharactersAreEscapedNotLost() throws {
        let text = try JSONReport(Samples.report).render()
        #expect(text.contains("nul\\u0000 soh\\u0001"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func refusesANewerFormat() throws {
        let text = try JSONReport(Samples.report).render()
            .replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 99")
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
