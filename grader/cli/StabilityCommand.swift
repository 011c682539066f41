// grader/cli/StabilityCommand.swift -- `grader stability`: does every test give the same verdict each time?
//
// Builds the reference image of an assignment (or takes --image), boots
// every test --runs times as grading would, and names any test whose
// verdict, points or failed checks changed between runs. A teacher runs it
// after writing a test, before students are graded by it.
//
// Exit status: 0 when every test was stable; 1 when one changed; 2 when
// the check could not run (unknown assignment, the reference does not
// build); 64 for a usage error.

import ArgumentParser
import Foundation
import GraderKit

/// Boots every test many times and reports the ones whose outcome changes.
struct StabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stability",
        abstract: "Boot every test of the reference many times; name the tests whose outcome changes.",
        discussion: "See docs/grader/manual.md, \"grader stability\"."
    )

    @Option(help: "The assignment, e.g. 05-scheduler.")
    var assignment: String

    @Option(help: "The kit's root folder.")
    var kit: String = "."

    @Option(help: "Boots per test.")
    var runs: Int = 20

    @Option(help: "Boots at once.")
    var jobs: Int = 1

    @Option(help: "Only this test (repeatable; default: every test of the assignment).")
    var test: [String] = []

    @Option(help: "A kernel image already built (default: build the reference's).")
    var image: String?

    @OptionGroup var timeoutScale: TimeoutScaleOption

    func validate() throws {
        guard runs >= 1, jobs >= 1 else { throw ValidationError("--runs and --jobs must be at least 1") }
    }

    /// Steps: 1. the kit, the assignment and its scripts (every one, as
    /// the grading of a submission boots them); 2. the image; 3. the runs,
    /// a line each on standard error; 4. the report.
    func run() async throws {
        // 1.
        let check: StabilityCheck
        let trusted: Kit
        do {
            trusted = try Kit(root: URL(fileURLWithPath: kit))
            let scale = timeoutScale.choice(for: trusted)
            let options = GradingOptions(assignment: assignment, timeoutScale: scale.scale, jobs: jobs)
            check = StabilityCheck(grader: try GradingSession(kit: trusted, options: options).grader, runs: runs, jobs: jobs)
            let known = Set(check.grader.assignment.scripts.map(\.name))
            if let unknown = test.first(where: { !known.contains($0) }) {
                throw ValidationError("\(assignment) has no test named \(unknown)")
            }
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
        // 2.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grader-stability-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path: String
        if let image {
            path = image
        } else {
            let build = KernelBuild(kitRoot: trusted.root.path, assignment: assignment, core: "reference",
                                    buildDirectory: scratch.path)
            guard case let .built(built) = try await GraderFailure.exitingOnError({ try await build.run() }) else {
                GraderFailure.printError("the reference does not build: run `make image ASSIGNMENT=\(assignment)`")
                throw GraderFailure.exitCode
            }
            path = built
        }
        // 3.
        let report = await check.measure(image: path, tests: test.isEmpty ? nil : Set(test)) { done, total, name, outcome in
            var standardError = StandardError()
            print("[\(done)/\(total)] \(name): \(outcome)", to: &standardError)
        }
        // 4.
        print(report.text, terminator: "")
        if !report.unstable.isEmpty { throw ExitCode(1) }
    }
}
