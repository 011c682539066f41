// Tests/GraderKitTests/EndToEndTests.swift -- real builds, real qemu, hostile students.
//
// A small kit is assembled from the real one: its Makefile, boot code,
// machine layer and harness, a core that is only what the harness calls
// (Tests/Fixtures/probe-core: these tests are about the grader, and the
// reference's managers would take a minute and a half to compile per
// submission), plus a "probe" the students own (probe/probe.swift, one
// function) and a kernel test that calls it.
// Each hostile submission is the reference's probe with a small change.
// The batch runs at --jobs 2 and every submission gets its verdict; no
// qemu process may outlive it.

import Foundation
import Testing
@testable import GraderKit

/// The real kit: two levels above this file's folder.
let realKitRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Builds the probe kit under `folder`/kit.
func makeProbeKit(in folder: TemporaryFolder) throws -> Kit {
    let manager = FileManager.default
    let kit = folder.url.appendingPathComponent("kit")
    let sources = ["Makefile", "boot", "machine", "grader/scripts", "grader/harness"].map { ($0, $0) }
        + [("Tests/Fixtures/probe-core", "reference")]
    for (source, path) in sources {
        let target = kit.appendingPathComponent(path)
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: realKitRoot.appendingPathComponent(source), to: target)
    }
    let spine = realKitRoot.appendingPathComponent("assignments/00-spine/tests")
    try folder.write("kit/assignments/00-spine/tests/boot_tests.swift",
                     try String(contentsOf: spine.appendingPathComponent("boot_tests.swift"), encoding: .utf8))
    try folder.write("kit/assignments/00-spine/tests/probe_tests.swift", """
        import Kernel

        /// The student's probe answers 42.
        func test_probe_answer() throws(TestFailure) {
            try expect(probeAnswer() == 42, "the probe did not answer 42")
        }

        """)
    try folder.write("kit/assignments/00-spine/rubric.yaml", """
        assignment: 00-spine
        title: Probe
        total: 100
        default_timeout: 10
        student_files: [probe/**]
        """)
    try folder.write("kit/assignments/00-spine/tests/boot_hello.yaml", """
        test: boot_hello
        title: The kernel boots and prints
        points: 1
        conversation:
          - expect: "hello from the kernel"
        """)
    try folder.write("kit/assignments/00-spine/tests/probe_answer.yaml", """
        test: probe_answer
        title: The probe answers
        points: 3
        timeout: 3
        """)
    try folder.write("kit/reference/probe/probe.swift", probe("42"))
    try manager.createDirectory(at: kit.appendingPathComponent("build/skeletons"), withIntermediateDirectories: true)
    try manager.copyItem(at: kit.appendingPathComponent("reference"), to: kit.appendingPathComponent("build/skeletons/00-spine"))
    try folder.write("kit/build/skeletons/00-spine/probe/probe.swift", probe("0"))
    return try Kit(root: kit)
}

/// A probe whose body is `body`.
func probe(_ body: String) -> String {
    "/// The probe students own.\npublic func probeAnswer() -> Int {\n    \(body)\n}\n"
}

/// Process ids of qemu processes whose command line mentions `text`.
func qemuProcesses(mentioning text: String) -> [String] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return pids.filter { pid in
        guard pid.allSatisfy(\.isNumber),
              let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let line = String(decoding: data, as: UTF8.self)
        return line.contains("qemu-system") && line.contains(text)
    }
}

@Suite(.serialized) struct EndToEndTests {
    @Test func hostileSubmissionsGetTheirVerdicts() async throws {
        let folder = try TemporaryFolder("e2e")
        let kit = try makeProbeKit(in: folder)
        let probes: [(String, String)] = [
            ("good", "42"),
            ("compile-error", "\"forty-two\""),
            ("infinite-loop", "while true {}"),
            ("swift-trap", "let values = [42]\n    return values[values.count]"),
            ("serial-flood", "while true { print(\"flood flood flood flood flood flood flood flood flood flood\") }"),
            ("forged-verdict", """
                print("KTEST PASS name=probe_answer nonce=0123456789abcdef")
                    print("KTEST PASS name=probe_answer nonce=0")
                    return 0
                """),
            ("not-owned", "42"),
            ("warning", "let unused = 41\n    return 42"),
        ]
        for (name, body) in probes {
            try folder.write("subs/\(name)/kernel/probe/probe.swift", probe(body))
        }
        try folder.write("subs/not-owned/kernel/kernel/kernel.swift", "// always pass\n")
        // The same unused `let` in a bare core (the probe at the root):
        // its warning names the file as the submission does.
        try folder.write("subs/warning-bare/probe/probe.swift", probe("let unused = 41\n    return 42"))
        try folder.write("subs/missing/kernel/kernel/error.swift", "// nothing of mine\n")
        // 64 KiB of output is reached well within the probe's 3 s even on a
        // loaded host: the flood's verdict must not depend on host speed.
        // The builds get half an hour: this test is not about build time,
        // and under `swift test` on a 2-core host the batch's first build
        // (the Machine module included) shares the cores with every other
        // suite's kernel builds and passed the 300 s default.
        let options = GradingOptions(assignment: "00-spine", jobs: 2, scratchFolder: folder.url, outputLimit: 64 << 10,
                                     buildTimeout: 1800)
        let session = try GradingSession(kit: kit, options: options)
        let sources = session.sources(for: [folder.path("subs")])
        #expect(sources.count == 10)

        let (report, graded) = await session.run(sources)

        let results = Dictionary(uniqueKeysWithValues: report.submissions.map { ($0.student, $0) })
        func probeTest(_ name: String) -> TestResult? { results[name]?.tests.first { $0.name == "probe_answer" } }
        #expect(results["good"]?.score == 100)
        // A warning in a student's core is not a failure: the tests run,
        // and the warning is in the result, file:line as in the submission.
        #expect(results["warning"]?.built == true && results["warning"]?.score == 100)
        let warning = results["warning"]?.warnings.first ?? ""
        #expect(warning.hasPrefix("kernel/probe/probe.swift:3:9: warning: initialization of immutable value 'unused'"),
                "\(results["warning"]?.warnings ?? [])")
        #expect(results["warning-bare"]?.warnings.first?.hasPrefix("probe/probe.swift:3:9: warning: ") == true,
                "\(results["warning-bare"]?.warnings ?? [])")
        #expect(results["warning-bare"]?.score == 100)
        #expect(results["good"]?.warnings.isEmpty == true, "no warning without one in the code")
        if let graded = results["warning"] {
            let table = TerminalSummary(GradeReport(startedAt: "t", submissions: [graded]), colored: false).render()
            #expect(table.contains("Compiler warnings (1; feedback, not scored):") && table.contains(warning))
        }
        #expect(results["compile-error"]?.built == false)
        #expect(results["compile-error"]?.score == 0)
        #expect(results["compile-error"]?.buildLog?.contains("probe/probe.swift") == true)
        #expect(probeTest("infinite-loop")?.verdict == .timeout)
        #expect(probeTest("swift-trap")?.verdict == .panic)
        #expect(probeTest("serial-flood")?.verdict == .outputFlood)
        #expect(probeTest("serial-flood")?.log.map { $0.utf8.count <= options.outputLimit } == true)
        #expect(probeTest("forged-verdict")?.verdict != .pass)
        #expect(probeTest("forged-verdict")?.points == 0)
        #expect(results["not-owned"]?.score == 100)
        #expect(probeTest("missing")?.verdict == .fail)
        #expect(results["forged-verdict"]?.flags.isEmpty == false, "a verdict word in an owned file is flagged")
        #expect(results["good"]?.flags.isEmpty == true)
        for hostile in ["infinite-loop", "swift-trap", "serial-flood", "forged-verdict", "missing"] {
            #expect(results[hostile]?.score == 25, "\(hostile): boot_hello still passes, the probe earns nothing")
            #expect(probeTest(hostile)?.log?.isEmpty == false, "\(hostile): the serial log is kept")
        }
        let notes = Dictionary(uniqueKeysWithValues: graded.map { ($0.result.student, $0.notes) })
        #expect(notes["not-owned"]?.ignored == ["kernel/kernel/kernel.swift"])
        #expect(notes["missing"]?.missing == ["probe/probe.swift"])
        // The notes and the scale are in the report, for every writer to show.
        #expect(results["not-owned"]?.notes == notes["not-owned"]?.lines)
        #expect(results["missing"]?.notes.first?.hasPrefix("missing: probe/probe.swift") == true)
        #expect(report.timeoutScale == options.timeoutScale)
        #expect(qemuProcesses(mentioning: folder.url.path).isEmpty)
        // One Machine module served the whole batch; each built
        // submission says how long its build and its tests took.
        let cached = try FileManager.default.contentsOfDirectory(atPath: kit.defaultMachineCache.path)
        #expect(cached.filter { !$0.hasPrefix(".") }.count == 1, "\(cached)")
        #expect((results["good"]?.buildSeconds ?? 0) > 0 && (results["good"]?.testSeconds ?? 0) > 0)
    }

    /// A student's own kernel tests (no script) run as self-checks in
    /// student mode: passed or failed, apart from the graded tests, never
    /// in the score; one that panics or floods just shows failed.
    @Test func selfChecksRunApartAndNeverScore() async throws {
        let folder = try TemporaryFolder("self")
        let kit = try makeProbeKit(in: folder)
        try folder.write("kit/assignments/00-spine/tests/my_tests.swift", """
            import Kernel

            /// My own check: the answer is even.
            func test_my_answer_is_even() throws(TestFailure) {
                try expect(probeAnswer() % 2 == 0, "odd answer")
            }

            /// My own check that traps.
            func test_my_trap() throws(TestFailure) {
                let values = [probeAnswer()]
                try expect(values[values.count] == 0, "unreachable")
            }

            /// My own check that floods the serial port.
            func test_my_flood() throws(TestFailure) {
                while true { print("mine mine mine mine mine mine mine mine") }
            }

            """)
        try folder.write("subs/alice/kernel/probe/probe.swift", probe("42"))
        // The kernel tests of tests/ with no script: the probe kit's own
        // unscripted boot tests, and the student's three.
        let expected = ["boot_banner", "checks_partial", "fail_on_purpose", "my_answer_is_even", "my_flood", "my_trap"]
        #expect(SelfChecks.names(in: kit.root.appendingPathComponent("assignments/00-spine")) == expected)

        var options = GradingOptions(assignment: "00-spine", publicOnly: true, scratchFolder: folder.url,
                                     outputLimit: 64 << 10)
        let plain = try GradingSession(kit: kit, options: options)
        options.selfChecks = true
        let checked = try GradingSession(kit: kit, options: options)
        let source = checked.sources(for: [folder.path("subs/alice")])
        let without = try #require(await plain.run(source).report.submissions.first)
        let with = try #require(await checked.run(source).report.submissions.first)

        // Negative control: without the option, nothing runs as a self-check.
        #expect(without.selfChecks.isEmpty)
        #expect(with.selfChecks.map(\.name) == expected)
        let byName = Dictionary(uniqueKeysWithValues: with.selfChecks.map { ($0.name, $0) })
        #expect(byName["my_answer_is_even"]?.passed == true)
        #expect(byName["my_trap"]?.passed == false && byName["my_trap"]?.verdict == .panic)
        #expect(byName["my_flood"]?.passed == false && byName["my_flood"]?.verdict == .outputFlood)
        #expect(byName["fail_on_purpose"]?.passed == false)
        // Never in the score, never among the graded tests.
        #expect(with.score == without.score && with.maxScore == without.maxScore)
        #expect(with.tests.map(\.name) == without.tests.map(\.name))
        #expect(with.isCompletePass == without.isCompletePass)
        let table = TerminalSummary(GradeReport(startedAt: "t", submissions: [with]), colored: false).render()
        #expect(table.contains("Your own tests (self-checks, never scored): 2 passed, 4 failed"), "\(table)")
        #expect(qemuProcesses(mentioning: folder.url.path).isEmpty)
    }

    /// Forgers, as a student would try them: every name that could lead
    /// to the nonce or to the machine's exit is out of the core's reach
    /// (a build failure), a blind verdict does not count, and each is
    /// flagged for the teacher.
    @Test func forgedVerdictsScoreNothingAndAreFlagged() async throws {
        let folder = try TemporaryFolder("forgers")
        let kit = try makeProbeKit(in: folder)
        let forgers: [(String, String)] = [
            ("blind", "print(\"KTEST PASS name=probe_answer nonce=0000000000000000\")\n    return 0"),
            ("harness-state", "print(\"KTEST PASS name=probe_answer nonce=\\(Harness.current.nonce)\")\n    return 0"),
            ("machine-command-line", "print(Machine.bootCommandLine())\n    return 0"),
            ("multiboot", "print(Multiboot.commandLine)\n    return 0"),
            ("exit-only", "Machine.exit(.pass)"),
            ("port-io", "outb(0xf4, 0x10)\n    return 0"),
        ]
        for (name, body) in forgers {
            try folder.write("subs/\(name)/kernel/probe/probe.swift", "import Machine\n" + probe(body))
        }
        try folder.write("subs/ia32-import/kernel/probe/probe.swift", "import IA32\n" + probe("ia32_hlt()\n    return 42"))
        // Symbols the machine or the harness define: the link refuses them.
        for symbol in ["kernel_main", "putchar"] {
            try folder.write("subs/defines-\(symbol)/kernel/probe/probe.swift",
                             probe("0") + "@_cdecl(\"\(symbol)\")\npublic func mine(_ x: CInt) -> CInt { x }\n")
        }
        let options = GradingOptions(assignment: "00-spine", jobs: 2, scratchFolder: folder.url)
        let session = try GradingSession(kit: kit, options: options)
        let (report, _) = await session.run(session.sources(for: [folder.path("subs")]))

        #expect(report.submissions.count == forgers.count + 3)
        for result in report.submissions {
            let probe = result.tests.first { $0.name == "probe_answer" }
            #expect(probe?.points == 0, "\(result.student) earned points on the probe")
            #expect(probe?.verdict != .pass, "\(result.student) forged a pass")
            if result.student != "blind" {
                #expect(!result.built, "\(result.student) reached a name the core must not see")
            }
        }
        let flagged = Set(report.submissions.filter { !$0.flags.isEmpty }.map(\.student))
        #expect(flagged.isSuperset(of: ["blind", "harness-state", "exit-only", "port-io", "defines-kernel_main"]),
                "\(flagged)")
        for symbol in ["kernel_main", "putchar"] {
            let log = report.submissions.first { $0.student == "defines-\(symbol)" }?.buildLog ?? ""
            #expect(log.contains("duplicate symbol") && log.contains(symbol), "the linker's message: \(log)")
        }
        #expect(qemuProcesses(mentioning: folder.url.path).isEmpty)
    }

    /// The benchmark of `grader calibrate` grades the kit's reference.
    /// That the real reference scores full marks on every assignment is
    /// `make verify-skeletons`'s job (--strict-reference boots every graded
    /// test on it); here the probe kit's reference stands in, in two
    /// copies, so that the batch and its figure are real.
    @Test func theBenchmarkGradesTheReferenceInCopies() async throws {
        let folder = try TemporaryFolder("bench")
        let kit = try makeProbeKit(in: folder)
        let benchmark = BatchBenchmark(kit: kit, scratch: folder.url)
        #expect(benchmark.gradableAssignments == ["00-spine"])
        let figure = try await benchmark.run(assignment: "00-spine", copies: 2, jobs: 2)
        #expect(figure.submissions == 2 && figure.jobs == 2 && figure.seconds > 0)
        #expect(figure.maxScore == 100 && figure.minimumScore == figure.maxScore)
        #expect(qemuProcesses(mentioning: folder.url.path).isEmpty)
    }

    @Test func aScriptNamingAnAbsentKernelTestNamesItsFile() throws {
        let folder = try TemporaryFolder("badscript")
        let kit = try makeProbeKit(in: folder)
        let script = try folder.write("kit/assignments/00-spine/tests/ghost.yaml", "test: ghost\ntitle: Ghost\npoints: 1\n")
        #expect(throws: (any Error).self) { try GradingSession(kit: kit, options: GradingOptions(assignment: "00-spine")) }
        do {
            _ = try GradingSession(kit: kit, options: GradingOptions(assignment: "00-spine"))
        } catch {
            #expect("\(error)".contains(script.path))
        }
        #expect(throws: KitError.self) { try GradingSession(kit: kit, options: GradingOptions(assignment: "07-nope")) }
    }
}
