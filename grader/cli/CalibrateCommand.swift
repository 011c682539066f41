// grader/cli/CalibrateCommand.swift -- `grader calibrate`: measure this host; `--bench` for figures.
//
// Without --bench: boots the reference's tests, prints the median
// boot-to-verdict time against the nominal one, and stores the timeout
// scale that `grader grade` then applies by itself.
// With --bench: prints how long grading the reference takes on every
// assignment that has scripts, and the throughput of a batch of copies of
// the reference at 1 and 2 jobs. Nothing is asserted.

import ArgumentParser
import Foundation
import GraderKit

/// Measures the host, or benchmarks the grader.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure this host on the reference and store the timeout scale (or benchmark with --bench)."
    )

    @Option(help: "The kit's root folder.")
    var kit: String = "."

    @Option(help: "The assignment measured (default: the first one).")
    var assignment: String?

    @Option(help: "Boots per kernel test.")
    var rounds: Int = 3

    @Flag(help: "Print grading figures instead of calibrating.")
    var bench = false

    @Option(help: "With --bench: copies of the reference in the batch.")
    var copies: Int = 4

    func validate() throws {
        guard rounds >= 1, copies >= 1 else { throw ValidationError("--rounds and --copies must be at least 1") }
    }

    func run() async throws {
        do {
            let kit = try Kit(root: URL(fileURLWithPath: kit))
            if bench { try await benchmark(kit) } else { try await calibrate(kit) }
        } catch let error as ExitCode {
            throw error
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
    }

    /// Steps: 1. measure; 2. print the figures; 3. store the scale.
    private func calibrate(_ kit: Kit) async throws {
        // 1.
        let calibrator = Calibrator(kit: kit, rounds: rounds)
        let measured = try await calibrator.measure(assignment: try calibrator.assignment(assignment))
        // 2.
        print("assignment:            \(measured.assignment)")
        print("runs measured:         \(measured.runs)")
        print("median boot-to-verdict \(format(measured.medianBootSeconds)) s (nominal \(format(Calibration.nominalBootSeconds)) s)")
        print("reference tests, once: \(format(measured.referenceTestSeconds)) s")
        print("timeout scale:         \(measured.timeoutScale)")
        // 3.
        try measured.store(kit: kit)
        print("stored in \(Calibration.file(in: kit).path)")
    }

    /// Steps: 1. the reference on each gradable assignment; 2. a batch
    /// of copies at 1 and 2 jobs on the first of them.
    private func benchmark(_ kit: Kit) async throws {
        let benchmark = BatchBenchmark(kit: kit)
        let assignments = assignment.map { [$0] } ?? benchmark.gradableAssignments
        guard let first = assignments.first else {
            GraderFailure.printError("no assignment has a rubric.yaml to grade with")
            throw GraderFailure.exitCode
        }
        // 1.
        for name in assignments {
            let figure = try await benchmark.run(assignment: name, copies: 1, jobs: 1)
            print("grade the reference on \(name): \(format(figure.seconds)) s, score \(figure.minimumScore)/\(figure.maxScore)")
        }
        // 2.
        for jobs in [1, 2] {
            let figure = try await benchmark.run(assignment: first, copies: copies, jobs: jobs)
            print("batch of \(copies) on \(first), --jobs \(jobs): \(format(figure.seconds)) s, "
                  + "\(format(figure.perMinute)) submissions/min, lowest score \(figure.minimumScore)/\(figure.maxScore)")
        }
    }

    private func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
