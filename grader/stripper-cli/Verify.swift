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
// Building and booting go through GraderRunner, as in the grader.

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

    /// The assignment whose graded tests every skeleton must keep passing.
    static let spine = "00-spine"

    /// The assignments a skeleton of `assignment` must still pass: the
    /// spine, then every assignment before it in the course.
    static func earlier(than assignment: String) -> [String] {
        let position = Curriculum.course.position(of: assignment) ?? 0
        return [spine] + Curriculum.course.assignments.prefix(position)
    }

    @OptionGroup var options: RootOptions

    @Option(help: "Where images are built.")
    var build = "build/verify"

    @Option(help: "Verify only this assignment's skeleton.")
    var assignment: String?

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
    ///    tests that pass on the reference;
    /// 3. verify each skeleton; report all problems, then fail.
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
        let booter = SkeletonBooter(root: options.tree.root.path, build: build,
                                    mapper: DiagnosticMapper(skeletons: skeletons, trees: trees))
        do {
            var passing: [String: [GradedTest]] = [:]                           // 2.
            for name in [Self.spine] + Curriculum.course.assignments
            where options.tree.exists("assignments/\(name)/rubric.yaml") {
                passing[name] = try await passingTests(of: name, with: booter)
            }
            var problems = 0
            for skeleton in skeletons where assignment == nil || skeleton.assignment == assignment {  // 3.
                problems += try await verify(skeleton, against: passing, with: booter)
            }
            guard problems == 0 else {
                printError("verify: \(problems) problem(s)")
                throw ExitCode.failure
            }
            print("verify: every skeleton builds and boots as expected")
        } catch is BuildFailed {
            throw ExitCode.failure   // the reference itself does not build: nothing to compare with
        } catch let error as RunnerError {
            printError("verify: error: \(error)")
            throw ExitCode.failure
        }
    }

    /// The graded scripts of `assignment` whose test passes on the reference.
    ///
    /// Steps:
    /// 1. load the assignment's scripts, hidden ones included (their
    ///    `test:` names the kernel test);
    /// 2. boot each on the reference image, under the script's timeout;
    /// 3. keep the passes; say which graded tests do not pass, since
    ///    skeletons are then not checked against them.
    func passingTests(of assignment: String, with booter: SkeletonBooter) async throws -> [GradedTest] {
        // 1.
        let folder = options.tree.root.appendingPathComponent("assignments/\(assignment)")
        let loaded: Assignment
        do {
            loaded = try AssignmentLoader().load(folder: folder, selection: .all)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        // 2.
        let image = try await booter.image(assignment: assignment, core: "reference")
        var passing: [GradedTest] = []
        for script in loaded.scripts {
            let test = GradedTest(assignment: assignment, script: script,
                                  limits: limits(wallClock: loaded.timeout(for: script)))
            let boot = try await booter.boot(script.kernelTest, in: image, script: script, limits: test.limits)
            // 3.
            if boot.verdict == .pass {
                passing.append(test)
            } else {
                printError("reference: warning: \(assignment) test \(script.kernelTest): \(boot.verdict.rawValue) "
                    + "(\(boot.message)); skeletons are not checked against it")
            }
        }
        return passing
    }

    /// Verifies one skeleton; prints each problem and returns their count.
    ///
    /// Steps:
    /// 1. for the spine and each earlier assignment with tests: its image
    ///    builds on the skeleton and the tests that pass on the reference
    ///    pass on it;
    /// 2. the image of the skeleton's own assignment (if it has tests yet)
    ///    builds, and each of its tests fails cleanly.
    func verify(_ skeleton: Skeleton, against passing: [String: [GradedTest]],
                with booter: SkeletonBooter) async throws -> Int {
        let core = skeleton.folder(in: trees)
        let machine = skeleton.machineFolder(in: trees)
        var problems: [String] = []
        do {
            // 1.
            for earlier in Self.earlier(than: skeleton.assignment) {
                guard let tests = passing[earlier] else { continue }
                let image = try await booter.image(assignment: earlier, core: core, machine: machine)
                for test in tests {
                    let boot = try await booter.boot(test.script.kernelTest, in: image, script: test.script,
                                                     limits: test.limits)
                    problems += Self.earlierProblem(boot, of: earlier).map { [$0] } ?? []
                }
            }
            // 2.
            if options.tree.exists("assignments/\(skeleton.assignment)/tests") {
                problems += try await ownTestProblems(of: skeleton, with: booter)
            }
        } catch is BuildFailed {
            return problems.count + 1   // already reported, with the reference locations
        }
        for problem in problems { printError("\(core): error: \(problem)") }
        if problems.isEmpty { print("\(core): ok") }
        return problems.count
    }

    /// The problems of the skeleton's own tests: every test its image
    /// lists (hidden ones included) is booted once.
    func ownTestProblems(of skeleton: Skeleton, with booter: SkeletonBooter) async throws -> [String] {
        let image = try await booter.image(assignment: skeleton.assignment, core: skeleton.folder(in: trees),
                                           machine: skeleton.machineFolder(in: trees))
        let ownLimits = limits(wallClock: Double(bootTimeout))
        let tests: [String]
        do {
            tests = try await booter.tests(in: image, limits: ownLimits)
        } catch RunnerError.processFailed(let reason) {
            return ["the \(skeleton.assignment) image cannot list its tests: \(reason)"]
        }
        var problems: [String] = []
        for test in tests {
            let boot = try await booter.boot(test, in: image, limits: ownLimits)
            problems += Self.ownTestProblem(boot).map { [$0] } ?? []
        }
        return problems
    }

    /// The limits of one boot: `wallClock` seconds, `idleTimeout` of
    /// silence, 1 MiB of output (a skeleton has no reason to say more).
    func limits(wallClock: Double) -> RunLimits {
        RunLimits(wallClock: .milliseconds(Int(wallClock * 1000)), idle: .seconds(idleTimeout),
                  outputBytes: 1 << 20)
    }

    /// What is wrong with the boot, on a skeleton, of a test of an earlier
    /// `assignment` that passes on the reference; nil when it passed.
    static func earlierProblem(_ boot: TestBoot, of assignment: String) -> String? {
        guard boot.verdict != .pass else { return nil }
        return "\(assignment) test \(boot.test): \(boot.verdict.rawValue) (\(boot.message)), but it passes on the reference"
    }

    /// What is wrong with the boot of one of a skeleton's own tests, or
    /// nil when it failed cleanly: a `fail` saying "not implemented".
    static func ownTestProblem(_ boot: TestBoot) -> String? {
        let messages = [boot.message] + boot.failedChecks
        switch boot.verdict {
        case .fail where messages.contains { $0.contains("not implemented") }:
            return nil
        case .pass:
            return "test \(boot.test) passes on the skeleton: it does not exercise the student's code"
        case .fail:
            return "test \(boot.test) fails (\(boot.message)) without saying \"not implemented\"; "
                + "its replacement must throw notImplemented"
        default:
            return "test \(boot.test): \(boot.verdict.rawValue) (\(boot.message)); "
                + "a skeleton must fail cleanly (throw notImplemented)"
        }
    }
}

/// A graded test of an earlier assignment and the limits its script allows.
struct GradedTest: Sendable {
    /// The assignment it belongs to.
    var assignment: String
    /// The script (its kernel test and conversation).
    var script: TestScript
    /// Its script's timeout as the wall clock, the idle limit of `verify`.
    var limits: RunLimits
}
