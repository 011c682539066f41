// Tests/GraderKitTests/StabilityTests.swift -- `grader stability` names the tests whose outcome changes.

import Foundation
import Testing
@testable import GraderKit

/// "steady" always passes; "wobbly" fails every third boot (a test that
/// depends on the host's speed); "infra" cannot start qemu once, then passes
/// (a retry, not a change of outcome).
private struct WobblyBooter: TestBooting {
    let counter: Counter
    func boot(_ script: TestScript, image: String, limits: RunLimits) async throws -> RunObservation {
        counter.add(script.name)
        let count = counter.count(script.name)
        switch script.name {
        case "wobbly" where count % 3 == 0:
            return RunObservation(verdict: .timeout, message: "too slow this time")
        case "infra" where count == 1:
            throw RunnerError.processFailed("qemu did not start")
        default:
            return RunObservation(verdict: .pass, duration: Double(count))
        }
    }
}

@Suite struct StabilityTests {
    let folder: TemporaryFolder
    let kit: Kit
    let counter = Counter()

    init() throws {
        folder = try TemporaryFolder("stability")
        kit = try makeFakeKit(in: folder)
    }

    private func check(runs: Int, jobs: Int) throws -> StabilityCheck {
        let assignment = Assignment(
            id: "01-set", rubric: Rubric(assignment: "01-set", title: "Sets", total: 6, studentFiles: ["set/**"]),
            scripts: ["steady", "wobbly", "infra"].map { TestScript(name: $0, kernelTest: $0, title: $0, points: 2) })
        let options = GradingOptions(assignment: "01-set", jobs: jobs, scratchFolder: folder.url)
        let grader = try SubmissionGrader(kit: kit, assignment: assignment, options: options,
                                          builder: FakeBuilder(counter: counter), booter: WobblyBooter(counter: counter))
        return StabilityCheck(grader: grader, runs: runs, jobs: jobs)
    }

    @Test(arguments: [1, 2])
    func aTestThatChangesIsNamedWithItsOutcomes(jobs: Int) async throws {
        let report = try await check(runs: 6, jobs: jobs).measure(image: "image")
        #expect(report.tests.map(\.name) == ["steady", "wobbly", "infra"])
        #expect(report.unstable.map(\.name) == ["wobbly"])
        let wobbly = try #require(report.tests.first { $0.name == "wobbly" })
        #expect(wobbly.outcomes.values.sorted() == [2, 4])
        #expect(wobbly.line.hasPrefix("wobbly: 4 × pass 2, 2 × timeout 0"))
        #expect(report.text.contains("✘ wobbly"))
        #expect(report.text.contains("1 of 3 test(s) changed outcome over 6 run(s)"))
        // The control: a test that passes every time, and one whose only
        // trouble was starting qemu (retried, as grading retries it).
        #expect(report.tests.first { $0.name == "steady" }?.outcomes == [RunOutcome(passing: 2): 6])
        #expect(report.tests.first { $0.name == "infra" }?.isStable == true)
        #expect(counter.count("infra") == 7)
    }

    @Test func onlyTheNamedTestsAreBooted() async throws {
        let report = try await check(runs: 3, jobs: 1).measure(image: "image", tests: ["steady"])
        #expect(report.tests.map(\.name) == ["steady"])
        #expect(report.unstable.isEmpty)
        #expect(report.text.hasSuffix("1 test(s) × 3 run(s): every test gave the same outcome every time\n"))
        #expect(counter.count("wobbly") == 0)
        #expect(counter.count("steady") == 3)
    }
}

extension RunOutcome {
    /// A passing run worth `points`.
    init(passing points: Double) {
        self.init(TestResult(name: "", kernelTest: "", title: "", visibility: "public", verdict: .pass,
                             points: points, maxPoints: points, checks: []))
    }
}
