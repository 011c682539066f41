// grader/cli/BenchCommand.swift -- `grader bench`: how fast the spine is.
//
// Prints figures and asserts nothing (timings never decide a test):
//   - the clean build time of an assignment's image (a fresh build folder);
//   - the boot-to-verdict time of one test over several runs, as the
//     runner measures it: from qemu's spawn to the end of its output.

import ArgumentParser
import Foundation
import GraderKit

/// Measures the image build and the boot-to-verdict time.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Print the clean build time of an image and the boot-to-verdict time of a test."
    )

    @Option(help: "The assignment whose image is built.")
    var assignment: String = "00-spine"

    @Option(help: "The test booted repeatedly.")
    var test: String = "boot_hello"

    @Option(help: "How many boots to measure.")
    var runs: Int = 15

    @Option(help: "The kit's root folder (where the Makefile is).")
    var kit: String = "."

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
    }

    /// Steps:
    /// 1. build the image in a fresh temporary folder, timing it;
    /// 2. boot the test `runs` times, keeping each run's duration;
    /// 3. print the figures; remove the folder.
    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.path + "/grader-bench-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 1.
        let build = KernelBuild(kitRoot: kit, assignment: assignment, buildDirectory: folder)
        let buildStart = ContinuousClock.now
        let outcome = try await GraderFailure.exitingOnError { try await build.run() }
        let buildTime = ContinuousClock.now - buildStart
        guard case .built(let image) = outcome else {
            if case .failed(let failure) = outcome { GraderFailure.printError("the build failed: \(failure.summary)") }
            throw GraderFailure.exitCode
        }
        print("clean build of \(assignment): \(String(format: "%.2f", buildTime.seconds)) s")
        // 2.
        let runner = KernelTestRunner()
        var durations: [Duration] = []
        var verdicts: [Verdict: Int] = [:]
        for _ in 0..<runs {
            let result = try await GraderFailure.exitingOnError { try await runner.run(test: test, image: image) }
            durations.append(result.run.duration)
            verdicts[result.verdict, default: 0] += 1
        }
        // 3.
        print(BenchFigures(durations: durations).summary(of: "\(test) boot-to-verdict"))
        if verdicts[.pass] != runs {
            let counts = verdicts.map { "\($0.value) \($0.key.rawValue)" }.sorted().joined(separator: ", ")
            print("warning: not every run passed (\(counts)); the figures include them")
        }
    }
}

/// Median, minimum and maximum of measured durations.
struct BenchFigures {
    let durations: [Duration]

    /// "name: median 0.091 s, min 0.085 s, max 0.120 s (15 runs)".
    func summary(of name: String) -> String {
        let sorted = durations.sorted()
        let count = sorted.count
        let median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
        let format = { (value: Duration) in String(format: "%.3f s", value.seconds) }
        return "\(name): median \(format(median)), min \(format(sorted[0])), max \(format(sorted[count - 1])) "
            + "(\(count) runs)"
    }
}
