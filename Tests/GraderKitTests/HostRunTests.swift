// Tests/GraderKitTests/HostRunTests.swift -- host runs and the reference oracle, end to end.
//
// A small kit is assembled from the real one (Makefile, mk/host.mk, the
// machine, the harness, the reference) with a "probe" the students own:
// `probeAnswer()` and `probeMix(_:)`. Its assignment has a public test,
// a public script marked `host: false` (a stand-in for a hardware test),
// and a hidden test whose expected lines come from the reference
// (`oracle: reference`): it prints `probeMix` of seeded values. Every
// grade here is a host run (`GradingOptions.host`): real builds with
// machine/host, real processes, no qemu.

import Foundation
import Testing
@testable import GraderKit

/// The probe's source: `answer` and the body of `probeMix`.
private func hostProbe(answer: String, mix: String) -> String {
    """
    /// The probe students own.
    public func probeAnswer() -> Int {
        \(answer)
    }

    /// A value the oracle test prints for each seeded input.
    public func probeMix(_ value: UInt64) -> UInt64 {
        \(mix)
    }

    """
}

/// Builds the host probe kit under `folder`/kit.
private func makeHostProbeKit(in folder: TemporaryFolder) throws -> Kit {
    let manager = FileManager.default
    let kit = folder.url.appendingPathComponent("kit")
    for path in ["Makefile", "mk/host.mk", "boot", "machine", "grader/scripts", "grader/harness", "reference"] {
        let target = kit.appendingPathComponent(path)
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: realKitRoot.appendingPathComponent(path), to: target)
    }
    try folder.write("kit/assignments/01-probe/rubric.yaml", """
        assignment: 01-probe
        title: Probe
        total: 100
        default_timeout: 10
        student_files: [probe/**]
        """)
    try folder.write("kit/assignments/01-probe/tests/probe_tests.swift", """
        import Kernel

        /// The student's probe answers 42.
        func test_probe_answer() throws(TestFailure) {
            try expect(probeAnswer() == 42, "the probe did not answer 42")
        }

        """)
    try folder.write("kit/assignments/01-probe/tests/probe_answer.yaml", """
        test: probe_answer
        title: The probe answers
        points: 3
        """)
    try folder.write("kit/assignments/01-probe/tests/probe_timer.yaml", """
        test: probe_answer
        title: Stands for a test of the hardware
        points: 1
        host: false
        """)
    // A source of the ia32 machine's own: no host program holds it, so its
    // test is skipped on the host although its script does not say so.
    try folder.write("kit/assignments/01-probe/tests/probe_port_tests.swift", """
        import IA32

        /// Stands for a test of the hardware.
        func test_probe_port() throws(TestFailure) {}

        """)
    try folder.write("kit/assignments/01-probe/tests/probe_port.yaml", """
        test: probe_port
        title: Stands for a test whose source imports IA32
        points: 1
        """)
    try folder.write("kit/assignments/01-probe/hidden/probe_seeded_tests.swift", """
        import Kernel

        /// Three seeded values through the probe; the reference says what to print.
        func test_probe_seeded() throws(TestFailure) {
            for step in 0..<3 {
                print("probe \\(step): \\(probeMix(Harness.seed &+ UInt64(step)))")
            }
        }

        """)
    try folder.write("kit/assignments/01-probe/hidden/probe_seeded.yaml", """
        test: probe_seeded
        title: The probe mixes as the reference does
        points: 4
        oracle: reference
        """)
    try folder.write("kit/reference/probe/probe.swift", hostProbe(answer: "42", mix: "value &* 3 &+ 1"))
    try manager.createDirectory(at: kit.appendingPathComponent("build/skeletons"), withIntermediateDirectories: true)
    try manager.copyItem(at: kit.appendingPathComponent("reference"), to: kit.appendingPathComponent("build/skeletons/01-probe"))
    try folder.write("kit/build/skeletons/01-probe/probe/probe.swift", hostProbe(answer: "0", mix: "0"))
    return try Kit(root: kit)
}

@Suite(.serialized) struct HostRunTests {
    @Test func theReferenceOracleFailsAWrongKernelAndSkipsHardwareTests() async throws {
        let folder = try TemporaryFolder("host")
        let kit = try makeHostProbeKit(in: folder)
        try folder.write("subs/good/kernel/probe/probe.swift", hostProbe(answer: "42", mix: "value &* 3 &+ 1"))
        try folder.write("subs/wrong/kernel/probe/probe.swift", hostProbe(answer: "42", mix: "value &* 3 &+ 2"))
        try folder.write("subs/trap/kernel/probe/probe.swift",
                         hostProbe(answer: "let values = [42]\n    return values[values.count]", mix: "value &* 3 &+ 1"))
        var options = GradingOptions(assignment: "01-probe", jobs: 2, scratchFolder: folder.url)
        options.host = true
        let session = try GradingSession(kit: kit, options: options)
        let (report, _) = await session.run(session.sources(for: [folder.path("subs")]))
        let results = Dictionary(uniqueKeysWithValues: report.submissions.map { ($0.student, $0) })
        func test(_ student: String, _ name: String) -> TestResult? {
            results[student]?.tests.first { $0.name == name }
        }

        // The reference's lines, for a kernel that computes them: a pass.
        #expect(test("good", "probe_seeded")?.verdict == .pass, "\(String(describing: test("good", "probe_seeded")))")
        #expect(test("good", "probe_answer")?.verdict == .pass)
        // Another value: the test itself passed, its output did not.
        let wrong = try #require(test("wrong", "probe_seeded"))
        #expect(wrong.verdict == .wrongOutput && wrong.points == 0)
        #expect(wrong.message?.hasPrefix("expected line \"probe 0: ") == true, "\(wrong.message ?? "")")
        #expect(test("wrong", "probe_answer")?.verdict == .pass)
        // The hardware stand-in is skipped on the host, never a pass.
        for student in ["good", "wrong"] {
            let port = try #require(test(student, "probe_port"))
            #expect(port.verdict == .skipped && port.message?.hasPrefix("skipped on the host") == true)
            let skipped = try #require(test(student, "probe_timer"))
            #expect(skipped.verdict == .skipped && skipped.points == 0)
            #expect(skipped.message?.hasPrefix("skipped on the host") == true)
        }
        #expect(results["good"]?.score ?? 0 < 100)
        // A Swift trap on the host is a panic, with the runtime's message in the log.
        let trap = try #require(test("trap", "probe_answer"))
        #expect(trap.verdict == .panic, "\(trap.verdict) \(trap.message ?? "")")
        #expect(trap.log?.contains("Fatal error: Index out of range") == true, "\(trap.log ?? "")")
    }

    @Test func anOracleThatCannotAnswerIsTheGradersFailure() async throws {
        let folder = try TemporaryFolder("host-infra")
        let kit = try makeHostProbeKit(in: folder)
        try FileManager.default.removeItem(at: kit.root.appendingPathComponent("reference"))
        try folder.write("subs/good/kernel/probe/probe.swift", hostProbe(answer: "42", mix: "value &* 3 &+ 1"))
        var options = GradingOptions(assignment: "01-probe", scratchFolder: folder.url, attempts: 1)
        options.host = true
        let session = try GradingSession(kit: kit, options: options)
        let (report, _) = await session.run(session.sources(for: [folder.path("subs/good")]))
        let result = try #require(report.submissions.first)
        let seeded = try #require(result.tests.first { $0.name == "probe_seeded" })
        #expect(seeded.verdict == .infrastructure, "\(seeded.verdict) \(seeded.message ?? "")")
        #expect(seeded.message?.contains("needs reference/") == true, "\(seeded.message ?? "")")
        #expect(result.tests.first { $0.name == "probe_answer" }?.verdict == .pass)
    }

    @Test func theOracleRunsTheReferenceAndKeepsItsLines() async throws {
        let folder = try TemporaryFolder("host-oracle")
        let kit = try makeHostProbeKit(in: folder)
        let oracle = ReferenceOracle(kitRoot: kit.root, assignment: "01-probe")
        let lines = try await oracle.lines(test: "probe_seeded", seed: 10, limits: .standard).get()
        #expect(lines == ["probe 0: 31", "probe 1: 34", "probe 2: 37"])
        // A test the reference fails is the oracle's failure, not a line list.
        let missing = await oracle.lines(test: "no_such_test", seed: 10, limits: .standard)
        guard case .failure(let failure) = missing else { Issue.record("no failure"); return }
        #expect(failure.message.contains("no-such-test"), "\(failure.message)")
    }
}
