// grader/stripper-cli/Verify.swift -- `stripper verify`: every skeleton builds and boots.
//
// A replacement that does not compile, or that traps instead of throwing
// `notImplemented`, ruins a whole class's first hour. Before a release,
// `verify` generates the tree of each assignment with a rubric
// (build/skeletons/<a>/, its machine layer in <a>.machine/) and proves for
// each, built with its own core and machine, that:
// * its images build without a warning (errors are shown at the reference
//   line that needs the fix);
// * the graded tests of every EARLIER assignment (the spine's, and those
//   of the assignments before its own: their scripts, public and hidden)
//   that pass on the reference pass on it too, since the skeleton keeps
//   their solutions; the spine's unscripted tests panic, hang or flood on
//   purpose (they test the grader) and are never booted;
// * every test of its own assignment, hidden ones included, fails cleanly:
//   a `fail` whose message (or a failed check's) says "not implemented".
//   A pass (the test does not test the student's work), a panic, a hang,
//   a triple fault or any other failure is a problem.
// Building and booting go through GraderRunner, as in the grader. With
// `--strict-reference` (make verify-skeletons) a graded test that fails
// on the reference is itself a problem: the reference passes 100%.
//
// Each build runs one compiler and each boot one emulated CPU, so the
// work is spread over `--jobs` cores (BoundedJobs): the reference's tests
// are booted that many at a time, and that many skeletons are verified
// at once, each in its own build folder. The reference's images are
// built in make's own folder (build/release), so after `make all` they
// are already there and make has nothing to do.

import ArgumentParser
import Foundation
import GraderModel
import GraderRunner
import GraderScripts
import StripperKit

/// Builds and boots every skeleton.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate every skeleton's tree, build its images and boot their tests (make verify-skeletons).")

    @OptionGroup var options: RootOptions

    @Option(help: "Where skeletons' images are built (a folder per skeleton).")
    var build = "build/verify"

    @Option(help: "Where the reference's images are built: make's own folder, so that `make all`'s images are reused.")
    var referenceBuild = "build/release"

    @Flag(help: "A graded test that does not pass on the reference is a problem, not a warning (the kit's CI).")
    var strictReference = false

    @Option(help: "Check each skeleton against every earlier assignment (all), or only the one right before it (nearest; the spine always).")
    var earlier = EarlierScope.all

    @Option(help: "Verify only this assignment's skeleton.")
    var assignment: String?

    @Option(help: "Builds and boots run at once (default: one per core).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds an assignment's test may run (a spine test gets its script's timeout).")
    var bootTimeout = 10

    @Option(help: "Seconds of serial silence after which a boot counts as a hang.")
    var idleTimeout = 5

    @Option(help: "Where the trees are generated, relative to the root.")
    var trees = SkeletonStore.defaultTrees

    /// Steps:
    /// 1. generate the tree of every assignment with a rubric (make
    ///    builds from the disk), so what is verified is the cut of now;
    /// 2. find, for the spine and every assignment with tests, the graded
    ///    tests that pass on the reference (with `--strict-reference`,
    ///    one that does not is a problem);
    /// 3. verify the skeletons `jobs` at a time, the latest (largest)
    ///    first, printing each one's report as it ends; then fail if any
    ///    had a problem.
    func run() async throws {
        var skeletons: [Skeleton] = []
        try reportingErrors { () throws(StripperError) in                      // 1.
            let graded = Curriculum.course.graded(in: options.tree)
            if let assignment, !graded.contains(assignment) {
                _ = try Curriculum.course.require(assignment)
                throw StripperError(file: "assignments/\(assignment)/rubric.yaml",
                                    "does not exist: \(assignment) has no skeleton to verify yet")
            }
            skeletons = try SkeletonBuilder(tree: options.tree).skeletons(for: graded)
            try SkeletonStore(tree: options.tree).writeTrees(skeletons, into: trees)
        }
        let verifier = SkeletonVerifier(
            tree: options.tree, trees: trees, ownTimeout: Double(bootTimeout), idleTimeout: idleTimeout,
            booter: SkeletonBooter(root: options.tree.root.path, build: build, referenceBuild: referenceBuild,
                                   mapper: DiagnosticMapper(skeletons: skeletons, trees: trees)),
            earlierScope: earlier)
        let reference: ReferenceBoots
        do {                                                                    // 2.
            reference = try await verifier.passingTests(jobs: jobs, strict: strictReference)
        } catch let failed as BuildFailed {
            printError(failed.report)   // the reference itself does not build: nothing to compare with
            throw ExitCode.failure
        } catch let error as RunnerError {
            printError("verify: error: \(error)")
            throw ExitCode.failure
        } catch {
            printError("\(error)")   // an assignment's scripts do not load
            throw ExitCode.failure
        }
        for problem in reference.problems { printError("reference: error: \(problem)") }
        let chosen = skeletons.filter { assignment == nil || $0.assignment == assignment }   // 3.
        let reports = await BoundedJobs(jobs: jobs).map(chosen.reversed(), completed: { _, report in
            report.print()
        }) { skeleton in
            await verifier.verify(skeleton, against: reference.passing)
        }
        let problems = reports.reduce(reference.problems.count) { $0 + $1.problems.count }
        guard problems == 0 else {
            printError("verify: \(problems) problem(s)")
            throw ExitCode.failure
        }
        printOutput("verify: every skeleton builds and boots as expected")
    }
}
