// Tests/ReportsTests/DiagnosisTests.swift -- the shared explanation of a failure,
// verdict classes, number formats and the score histogram.

import GraderModel
@testable import GraderReports
import Testing

@Suite struct DiagnosisTests {
    @Test func passesNeedNoExplanation() {
        #expect(Diagnosis(Samples.carol.tests[0]).lines.isEmpty)
    }

    @Test func mismatchLinesKeepTheirKinds() {
        let lines = Diagnosis(Samples.alice.tests[1]).lines
        #expect(lines.map(\.tone) == [.normal, .heading, .heading, .context, .good, .bad, .missing, .bad, .hint])
        #expect(lines[2].text == "Seen (serial line 7): set -1 created\u{1B}[0m", "raw: writers sanitise")
    }

    @Test func theEndOfOutputIsNamed() {
        let lines = Diagnosis.mismatch(Mismatch(expected: "done", seen: nil, lineNumber: nil, lines: []))
        #expect(lines.map(\.text) == ["Expected: done", "Seen: the end of the output"])
    }

    @Test func panicsListFramesAndRegistersInKernelOrder() {
        let text = Diagnosis(Samples.alice.tests[2]).plainText
        #expect(text.contains("  #0 0x00101234 in SetManager.reserve(_:) + 0x1c\n  #1 0x00102000 in test_set_reserve() + 0x40\n  #2 0x00103000\n"))
        #expect(text.contains("  eax=0x00000001 ebx=0xdeadbeef esp=0x00200000 cr2=0x00000000"))
    }

    @Test func theReasonPrefersTheMessageThenThePanic() {
        #expect(Diagnosis.reason(Samples.alice.tests[1]) == "set 2 was never printed")
        #expect(Diagnosis.reason(Samples.alice.tests[2]) == "The kernel panicked: invalid-opcode at 0x00101234.")
        #expect(Diagnosis.reason(Samples.alice.tests[3]) == Verdict.timeout.meaning)
    }

    @Test func everyVerdictHasAnOutcomeForJUnit() {
        // Only the grader's own failure is an error; a build failure is the student's.
        #expect(Verdict.allCases.filter { $0.outcome == .error } == [.infrastructure])
        #expect(Verdict.buildFailure.outcome == .failed)
        #expect(Verdict.allCases.filter { $0.outcome == .skipped } == [.skipped])
        #expect(Verdict.allCases.filter { $0.outcome == .passed } == [.pass])
        #expect(Verdict.wrongOutput.label == "WRONG OUTPUT")
        #expect(Verdict.infrastructure.label == "GRADER ERROR")
    }

    @Test func pointsAndSeconds() {
        #expect(Points.format(3) == "3")
        #expect(Points.format(2.5) == "2.5")
        #expect(Points.format(1.0 / 3.0) == "0.33")
        #expect(Points.seconds(0.1514) == "0.151")
        #expect(Points.percent(7.5, of: 12) == 63)
        #expect(Points.percent(1, of: 0) == 0)
    }
}

@Suite struct ScoreHistogramTests {
    @Test func bucketsByTenths() {
        let histogram = ScoreHistogram([(0, 10), (0.99, 10), (5, 10), (9.9, 10), (10, 10), (12, 10), (3, 0)])
        #expect(histogram.counts == [3, 0, 0, 0, 0, 1, 0, 0, 0, 3])
    }

    @Test func barsAreScaledToTheTallest() throws {
        let svg = ScoreHistogram([(10, 10), (10, 10), (5, 10)]).svg()
        let rects = try #require(XMLCheck.elements("rect", in: svg))
        #expect(rects.map { $0.attributes["height"] } == ["0", "0", "0", "0", "0", "83", "0", "0", "0", "166"])
    }
}

@Suite struct PageFaultDiagnosisTests {
    private func panic(fault: PanicReport.PageFaultDetail?) -> PanicReport {
        PanicReport(kind: "exception", vector: 14, name: "page-fault", errorCode: 6, eip: 0x101000,
                    registers: ["cr2": 0x4000_2000], frames: [], fault: fault)
    }

    @Test func aPageFaultIsExplained() {
        let fault = PanicReport.PageFaultDetail(address: 0x4000_2000, access: "read", pagePresent: false, user: false)
        let texts = Diagnosis.panic(panic(fault: fault)).map(\.text)
        #expect(texts.contains("Page fault: read at 0x40002000: page not present, supervisor mode"), "\(texts)")
        #expect(texts.contains { $0.contains("cr2=0x40002000") })
    }

    @Test func controlNoFaultNoLine() {
        let texts = Diagnosis.panic(panic(fault: nil)).map(\.text)
        #expect(!texts.contains { $0.hasPrefix("Page fault:") })
    }
}
