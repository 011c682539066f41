// grader/stripper-cli/SkeletonVerifier.swift -- what `stripper verify` checks, test by test.
//
// Verify.swift says what is proved and schedules the work; this file does
// it: which graded tests pass on the reference, and, for one skeleton,
// which earlier tests it breaks and which of its own tests do not fail
// cleanly. A skeleton's report is gathered rather than printed as it goes,
// so that two skeletons verified at once do not mix their lines.

import ArgumentParser
import Foundation
import GraderModel
import GraderRunner
import GraderScripts
import StripperKit

/// A graded test of an earlier assignment and the limits its script allows.
struct GradedTest: Sendable {
    /// The assignment it belongs to.
    var assignment: String
    /// The script (its kernel test and conversation).
    var script: TestScript
    /// Its script's timeout as the wall clock, the idle limit of `verify`.
    var limits: RunLimits
}

/// Which earlier assignments a skeleton must still pass.
///
/// The skeleton of assignment N cuts the blocks of N *and of every later
/// assignment* (Stripping.swift), so the skeleton right after an
/// assignment is the one with the most cut that must still pass it:
/// `nearest` checks each assignment there only, and the spine on every
/// skeleton. It misses only a test that passes with more code cut and
/// fails with less (a cut that hid a later one), and builds a third fewer
/// images; `all` builds the whole matrix.
enum EarlierScope: String, Sendable, CaseIterable, ExpressibleByArgument {
    /// Every earlier assignment on every skeleton.
    case all
    /// Each assignment on the skeleton right after it; the spine on all.
    case nearest
}

/// The reference's graded tests, booted.
struct ReferenceBoots: Sendable {
    /// Per assignment, the graded tests that pass on the reference.
    var passing: [String: [GradedTest]] = [:]
    /// The graded tests that do not pass, when that is a problem.
    var problems: [String] = []
}

/// What the verification of one skeleton found.
struct SkeletonReport: Sendable {
    /// The skeleton's core folder (`build/skeletons/01-set`).
    var core: String
    /// Build diagnostics, already mapped to reference lines.
    var diagnostics: [String] = []
    /// One line per problem.
    var problems: [String] = []

    /// Prints the diagnostics and problems on the standard error, or
    /// "<core>: ok" on the standard output.
    func print() {
        for text in diagnostics { printError(text) }
        for problem in problems { printError("\(core): error: \(problem)") }
        if problems.isEmpty { printOutput("\(core): ok") }
    }
}

/// Boots the reference's graded tests and checks skeletons against them.
struct SkeletonVerifier: Sendable {
    /// The assignment whose graded tests every skeleton must keep passing.
    static let spine = "00-spine"

    /// The kit's root.
    var tree: FileTree
    /// Where the skeletons' trees are, relative to the root.
    var trees: String
    /// Seconds one of a skeleton's own tests may run.
    var ownTimeout: Double
    /// Seconds of serial silence after which a boot counts as a hang.
    var idleTimeout: Int
    /// Builds images and boots tests.
    var booter: SkeletonBooter
    /// Which earlier assignments each skeleton is checked against.
    var earlierScope: EarlierScope = .all

    /// The assignments a skeleton of `assignment` is checked against: the
    /// spine, then every assignment before it in the course (`all`), or
    /// only the one right before it (`nearest`).
    static func earlier(than assignment: String, _ scope: EarlierScope) -> [String] {
        let position = Curriculum.course.position(of: assignment) ?? 0
        let before = Curriculum.course.assignments.prefix(position)
        return [spine] + (scope == .all ? Array(before) : Array(before.suffix(1)))
    }

    /// The graded tests, per assignment, that pass on the reference.
    ///
    /// Steps:
    /// 1. for the spine and every assignment with a rubric, load its
    ///    scripts, hidden ones included (their `test:` names the kernel
    ///    test), and build its reference image; one image at a time, since
    ///    they share the core's objects;
    /// 2. boot every script on its image, `jobs` at a time, under the
    ///    script's timeout;
    /// 3. a boot the runner could not make (qemu would not start) stops
    ///    everything; keep the passes; a graded test that does not pass
    ///    is a problem when `strict` (the kit's own CI: the reference
    ///    passes 100%), else a warning, since skeletons are then not
    ///    checked against it.
    func passingTests(jobs: Int, strict: Bool) async throws -> ReferenceBoots {
        // 1.
        var work: [(test: GradedTest, image: String)] = []
        for name in [Self.spine] + Curriculum.course.assignments where tree.exists("assignments/\(name)/rubric.yaml") {
            let loaded = try AssignmentLoader().load(folder: tree.root.appendingPathComponent("assignments/\(name)"),
                                                     selection: .all)
            let image = try await booter.image(assignment: name, core: "reference")
            work += loaded.scripts.map { script in
                (GradedTest(assignment: name, script: script, limits: limits(wallClock: loaded.timeout(for: script))),
                 image)
            }
        }
        // 2.
        let booter = booter
        let boots = await BoundedJobs(jobs: jobs).map(work) { item in
            await booter.bootOrReport(item.test.script.kernelTest, in: item.image, script: item.test.script,
                                      limits: item.test.limits)
        }
        // 3.
        if let broken = boots.first(where: { $0.verdict == .infrastructure }) {
            throw RunnerError.processFailed(broken.message)   // no test can be judged on this machine
        }
        var reference = ReferenceBoots()
        for (item, boot) in zip(work, boots) {
            let test = item.test
            reference.passing[test.assignment, default: []] += boot.verdict == .pass ? [test] : []
            guard boot.verdict != .pass else { continue }
            let failure = "\(test.assignment) test \(test.script.kernelTest): \(boot.verdict.rawValue) (\(boot.message))"
            if strict {
                reference.problems.append(failure + "; the reference must pass every graded test")
            } else {
                printError("reference: warning: \(failure); skeletons are not checked against it")
            }
        }
        return reference
    }

    /// Verifies one skeleton.
    ///
    /// Steps:
    /// 1. for the spine and each earlier assignment with tests: its image
    ///    builds on the skeleton and the tests that pass on the reference
    ///    pass on it;
    /// 2. the image of the skeleton's own assignment (if it has tests yet)
    ///    builds, and each of its tests fails cleanly.
    func verify(_ skeleton: Skeleton, against passing: [String: [GradedTest]]) async -> SkeletonReport {
        let core = skeleton.folder(in: trees)
        let machine = skeleton.machineFolder(in: trees)
        var report = SkeletonReport(core: core)
        do {
            // 1.
            for earlier in Self.earlier(than: skeleton.assignment, earlierScope) {
                guard let tests = passing[earlier] else { continue }
                let image = try await booter.image(assignment: earlier, core: core, machine: machine)
                for test in tests {
                    let boot = await booter.bootOrReport(test.script.kernelTest, in: image, script: test.script,
                                                         limits: test.limits)
                    report.problems += Self.earlierProblem(boot, of: earlier).map { [$0] } ?? []
                }
            }
            // 2.
            if tree.exists("assignments/\(skeleton.assignment)/tests") {
                report.problems += try await ownTestProblems(of: skeleton)
            }
        } catch let failed as BuildFailed {
            report.diagnostics.append(failed.diagnostics)
            report.problems.append(failed.summary)
        } catch {
            report.problems.append("\(error)")
        }
        return report
    }

    /// The problems of the skeleton's own tests: every test its image
    /// lists (hidden ones included) is booted once.
    func ownTestProblems(of skeleton: Skeleton) async throws -> [String] {
        let image = try await booter.image(assignment: skeleton.assignment, core: skeleton.folder(in: trees),
                                           machine: skeleton.machineFolder(in: trees))
        let ownLimits = limits(wallClock: ownTimeout)
        let tests: [String]
        do {
            tests = try await booter.tests(in: image, limits: ownLimits)
        } catch RunnerError.processFailed(let reason) {
            return ["the \(skeleton.assignment) image cannot list its tests: \(reason)"]
        }
        var problems: [String] = []
        for test in tests {
            let boot = await booter.bootOrReport(test, in: image, limits: ownLimits)
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
