// Tests/GraderKitTests/MutationEndToEndTests.swift -- `grader mutate` on the probe kit: real builds, real qemu.
//
// The probe kit (EndToEndTests.swift) gets a marked probe: the student
// code returns 42 unless its argument-free check says otherwise. Three
// mutants are graded: one the test kills (40 becomes 41), one it cannot
// see (a bound no input reaches), one that does not compile.

import Foundation
import Testing
@testable import GraderKit

/// The marked probe: the code between the markers is what is mutated.
private let markedProbe = """
    /// The probe students own.
    public func probeAnswer() -> Int {
        // BEGIN ASSIGNMENT 00-spine
        let base = 40
        if base > 100 { return 0 }
        return base + 2
        // END ASSIGNMENT 00-spine
    }

    """

@Suite(.serialized) struct MutationEndToEndTests {
    @Test func killedSurvivedAndStillbornMutants() async throws {
        let folder = try TemporaryFolder("mutate")
        let kit = try makeProbeKit(in: folder)
        try folder.write("kit/reference/probe/probe.swift", markedProbe)
        let options = GradingOptions(assignment: "00-spine", jobs: 2, scratchFolder: folder.url)
        let session = try GradingSession(kit: kit, options: options)
        let run = MutationRun(grader: session.grader, out: folder.url.appendingPathComponent("out"), jobs: 2)
        #expect(run.ownedFiles() == ["probe/probe.swift"])

        let all = try MutantGenerator(assignment: "00-spine").mutants(root: kit.root.appendingPathComponent("reference"),
                                                                      paths: run.ownedFiles())
        let killed = try #require(all.first { $0.change == "`40` -> `41`" })
        let survivor = try #require(all.first { $0.kind == .relational && $0.line == 5 })
        var stillborn = killed
        stillborn.id = "hand-made-type-error"
        stillborn.after = "    let base = \"forty\""

        let results = try await run.run([killed, survivor, stillborn], resume: false)
        let status = Dictionary(uniqueKeysWithValues: results.map { ($0.mutant.id, $0) })
        #expect(status[killed.id]?.status == .killed)
        #expect(status[killed.id]?.failedTests.map(\.name) == ["probe_answer"])
        #expect(status[survivor.id]?.status == .survived)
        #expect(status[stillborn.id]?.status == .stillborn)

        // Resuming grades nothing again: the stored outcomes come back.
        let resumed = try await run.run([killed, survivor, stillborn], resume: true)
        #expect(resumed == results)

        let report = MutationReport(assignment: "00-spine", seed: 1, budget: 3, generated: all.count, results: results)
        #expect(report.score == 0.5)
        #expect(report.terminalText().contains("survivor \(survivor.id)"))
        let written = try report.write(to: folder.url.appendingPathComponent("out"))
        #expect(written.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }

    /// Owned machine files are mutated too, and a mutant submission
    /// carries them in machine/ beside its core, where the overlay looks.
    @Test func machineFilesAreMutatedAndWrittenBesideTheCore() throws {
        let folder = try TemporaryFolder("mutate-machine")
        let kit = try makeProbeKit(in: folder)
        try folder.write("kit/reference/probe/probe.swift", markedProbe)
        try folder.write("kit/assignments/00-spine/rubric.yaml", """
            assignment: 00-spine
            title: Probe
            total: 100
            student_files: [probe/**]
            machine_files: [ia32/paging.swift]
            """)
        let session = try GradingSession(kit: kit, options: GradingOptions(assignment: "00-spine", scratchFolder: folder.url))
        let run = MutationRun(grader: session.grader, out: folder.url.appendingPathComponent("out"), jobs: 1)
        #expect(run.ownedMachineFiles() == ["ia32/paging.swift"])
        let machine = try MutantGenerator(assignment: "03-region")
            .mutants(root: kit.root, paths: run.ownedMachineFiles().map { "machine/" + $0 })
        let mutant = try #require(machine.first)
        #expect(machine.allSatisfy { $0.path == "machine/ia32/paging.swift" })
        let written = try run.write(mutant, owned: run.ownedFiles())
        let root = URL(fileURLWithPath: written.location)
        let paging = try String(contentsOf: root.appendingPathComponent("machine/ia32/paging.swift"), encoding: .utf8)
        let original = try String(contentsOf: kit.root.appendingPathComponent("machine/ia32/paging.swift"), encoding: .utf8)
        #expect(paging == mutant.apply(to: original) && paging != original)
        #expect(try String(contentsOf: root.appendingPathComponent("probe/probe.swift"), encoding: .utf8) == markedProbe)
    }

    @Test func aReferenceThatFailsItsSuiteStopsTheRun() async throws {
        let folder = try TemporaryFolder("mutate-bad")
        let kit = try makeProbeKit(in: folder)
        try folder.write("kit/reference/probe/probe.swift", markedProbe.replacingOccurrences(of: "+ 2", with: "+ 3"))
        let options = GradingOptions(assignment: "00-spine", scratchFolder: folder.url)
        let session = try GradingSession(kit: kit, options: options)
        let run = MutationRun(grader: session.grader, out: folder.url.appendingPathComponent("out"), jobs: 1)
        await #expect(throws: MutationRunError.self) { try await run.run([], resume: false) }
    }
}
