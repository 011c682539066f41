// grader/stripper-cli/Verify.swift -- `stripper verify`: every skeleton builds and boots.
//
// A replacement that does not compile, or that traps instead of throwing
// `notImplemented`, ruins a whole class's first hour. Before a release,
// `verify` proves for each skeleton that:
// * its images build without a warning (errors are shown at the reference
//   line that needs the fix);
// * the spine tests that pass on the reference pass on it too (the
//   others panic, hang or wait for input on purpose: they test the grader);
// * every test of its own assignment fails cleanly: no pass (the test
//   would not test the student's work), no panic, no hang.

import ArgumentParser
import Foundation
import StripperKit

/// Builds and boots every skeleton.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build every skeleton's images and boot their tests (make verify-skeletons).")

    @OptionGroup var options: RootOptions

    @Option(help: "Where images are built.")
    var build = "build/verify"

    @Option(help: "Verify only this assignment's skeleton.")
    var assignment: String?

    @Option(help: "Seconds a boot may take before it counts as a hang.")
    var bootTimeout = 10

    /// Steps:
    /// 1. skeleton/ must be current, since make builds from the disk;
    /// 2. find the spine tests that pass on the reference;
    /// 3. verify each skeleton; report all failures, then fail.
    func run() throws {
        var skeletons: [Skeleton] = []
        try reportingErrors { () throws(StripperError) in                      // 1.
            if let assignment { _ = try Curriculum.course.require(assignment) }
            skeletons = try SkeletonBuilder(tree: options.tree).skeletons()
            let stale = SkeletonStore(tree: options.tree).differences(from: skeletons)
            if let first = stale.first {
                throw StripperError(file: "skeleton", "out of date (\(first)); run `make skeletons` first")
            }
        }
        let booter = Booter(root: options.tree.root, build: build, timeout: bootTimeout,
                            mapper: DiagnosticMapper(skeletons: skeletons))
        let spine: [String]
        do {                                                                    // 2.
            spine = try booter.verdicts(assignment: "00-spine", core: "reference")
                .filter { $0.value == .pass }.keys.sorted()
        } catch is BuildFailed {
            throw ExitCode.failure   // the reference itself does not build: nothing to compare with
        }
        var failures = 0
        for skeleton in skeletons where assignment == nil || skeleton.assignment == assignment {  // 3.
            do {
                failures += try verify(skeleton, against: spine, with: booter)
            } catch is BuildFailed {
                failures += 1   // already reported, with the reference locations
            }
        }
        guard failures == 0 else {
            printError("verify: \(failures) problem(s)")
            throw ExitCode.failure
        }
        print("verify: every skeleton builds and boots as expected")
    }

    /// Verifies one skeleton; prints each problem and returns their count.
    func verify(_ skeleton: Skeleton, against spine: [String], with booter: Booter) throws -> Int {
        var problems: [String] = []
        let core = skeleton.folder
        // The spine passes as on the reference.
        let spineVerdicts = try booter.verdicts(assignment: "00-spine", core: core, only: spine)
        for (test, verdict) in spineVerdicts.sorted(by: { $0.key < $1.key }) where verdict != .pass {
            problems.append("00-spine test \(test): \(verdict), but it passes on the reference")
        }
        // The assignment's own tests fail cleanly.
        if options.tree.exists("assignments/\(skeleton.assignment)/tests") {
            let own = try booter.verdicts(assignment: skeleton.assignment, core: core)
            for (test, verdict) in own.sorted(by: { $0.key < $1.key }) {
                switch verdict {
                case .fail:
                    continue
                case .pass:
                    problems.append("test \(test) passes on the skeleton: it does not exercise the student's code")
                default:
                    problems.append("test \(test): \(verdict); a skeleton must fail cleanly (throw notImplemented)")
                }
            }
        }
        for problem in problems { printError("\(core): error: \(problem)") }
        if problems.isEmpty { print("\(core): ok") }
        return problems.count
    }
}
