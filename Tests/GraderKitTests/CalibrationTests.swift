// Tests/GraderKitTests/CalibrationTests.swift -- the timeout scale: derived, stored, applied.

import Foundation
import Testing
@testable import GraderKit

@Suite struct CalibrationTests {
    @Test func theScaleIsTheRatioRoundedUpAndNeverBelowOne() {
        #expect(Calibration.scale(forMedian: 0.05) == 1)
        #expect(Calibration.scale(forMedian: 0.15) == 1)
        #expect(Calibration.scale(forMedian: 0.30) == 2)
        #expect(Calibration.scale(forMedian: 0.31) == 2.1)
    }

    @Test func anExplicitScaleWinsThenTheStoredOneThenOne() throws {
        let folder = try TemporaryFolder("calibration")
        let kit = try makeFakeKit(in: folder)
        #expect(TimeoutScaleChoice.choose(explicit: nil, kit: kit).scale == 1)
        let stored = Calibration(timeoutScale: 2.5, medianBootSeconds: 0.37, referenceTestSeconds: 3, runs: 9,
                                 assignment: "01-set", measuredAt: "2026-11-25T10:00:00Z")
        try stored.store(kit: kit)
        #expect(Calibration.load(kit: kit) == stored)
        #expect(TimeoutScaleChoice.choose(explicit: nil, kit: kit).scale == 2.5)
        #expect(TimeoutScaleChoice.choose(explicit: nil, kit: kit).description.contains("2026-11-25T10:00:00Z"))
        #expect(TimeoutScaleChoice.choose(explicit: 4, kit: kit).scale == 4)
    }

    @Test func theScaleStretchesEveryLimit() {
        let assignment = Assignment(id: "01-set", rubric: Rubric(assignment: "01-set", title: "t", total: 10, defaultTimeout: 8),
                                    scripts: [TestScript(name: "a", kernelTest: "a", title: "a", points: 1, timeout: 2),
                                              TestScript(name: "b", kernelTest: "b", title: "b", points: 1)])
        let options = GradingOptions(assignment: "01-set", timeoutScale: 1.5)
        #expect(options.limits(for: assignment.scripts[0], in: assignment).wallClock == .seconds(3))
        #expect(options.limits(for: assignment.scripts[0], in: assignment).idle == .seconds(3))
        #expect(options.limits(for: assignment.scripts[1], in: assignment).wallClock == .seconds(12))
        #expect(options.limits(for: assignment.scripts[1], in: assignment).idle == .milliseconds(7500))
    }
}
