// grader/stripper-cli/SkeletonBooter.swift -- building and booting images for `stripper verify`.
//
// Nothing here starts a program by hand: the kit's Makefile runs through
// GraderRunner's `KernelBuild`, and every boot goes through its
// `KernelTestRunner` (a fresh nonce, time and output limits, qemu killed
// on every path, the grader's own classifier). What this file adds is the
// stripper's view: build failures told at reference lines, and a scripted
// test's conversation held the way the grader holds it.

import Foundation
import GraderModel
import GraderRunner
import GraderScripts
import StripperKit

/// An image did not build.
struct BuildFailed: Error {
    /// The compiler's diagnostics, mapped back to reference lines.
    var diagnostics: String
    /// The core whose image it is (`reference`, `build/skeletons/01-set`).
    var core: String
    /// What did not build, in one line (no `error:` prefix).
    var summary: String

    /// The diagnostics, then one error line naming the image.
    var report: String { diagnostics + "\n\(core): error: \(summary)" }
}

/// How one boot of one test ended, as `verify` judges it.
struct TestBoot: Equatable, Sendable {
    /// The kernel test.
    var test: String
    /// The runner's verdict; `wrongOutput` when the test passed but its
    /// script's conversation did not match.
    var verdict: Verdict
    /// The runner's (or the conversation's) explanation.
    var message: String
    /// The messages of the test's failed checks.
    var failedChecks: [String]
}

/// Builds images with make and boots their tests in qemu, through GraderRunner.
struct SkeletonBooter: Sendable {
    /// The kit's root, where make runs.
    var root: String
    /// The folder skeletons' images are built in (one subfolder per core).
    var build: String
    /// The folder the reference's images are built in (make's own).
    var referenceBuild: String
    /// Turns skeleton locations in compiler output into reference ones.
    var mapper: DiagnosticMapper
    /// The qemu runner (its executable is looked up in PATH).
    var qemu = QemuRunner()

    /// Builds the image of `assignment` on `core` (`reference` or a
    /// generated tree, `build/skeletons/<a>`) and `machine` (nil:
    /// machine/; or the tree's cut, `build/skeletons/<a>.machine`) and
    /// returns its path.
    ///
    /// Steps:
    /// 1. one build folder per core, so images never overwrite each other
    ///    (the reference's is make's own, where `make all` built it);
    /// 2. `make image` through `KernelBuild` (the kernel build turns
    ///    warnings into errors, so a built image has none);
    /// 3. a failure throws `BuildFailed` with the diagnostics mapped back
    ///    to reference lines.
    func image(assignment: String, core: String, machine: String? = nil) async throws -> String {
        // 1.
        let folder = core == "reference" ? referenceBuild : "\(build)/\(core.replacingOccurrences(of: "/", with: "-"))"
        // 2.
        var make = KernelBuild(kitRoot: root, assignment: assignment, core: core, buildDirectory: folder)
        make.machineRoot = machine
        switch try await make.run() {
        case .built(let image):
            return image
        case .failed(let failure):
            // 3.
            let mapped = core == "reference" ? "" : " (skeleton lines above are mapped to reference/)"
            throw BuildFailed(diagnostics: mapper.map(failure.diagnostics), core: core,
                              summary: "the \(assignment) image does not build\(mapped)")
        }
    }

    /// The names of every kernel test in `image` (a `list` boot).
    func tests(in image: String, limits: RunLimits) async throws -> [String] {
        try await KernelTestRunner(qemu: qemu, limits: limits).listTests(image: image)
    }

    /// Boots `test` once in `image` under `limits`. With a `script`, its
    /// conversation is held (bytes typed when the script says so) and a
    /// pass whose conversation did not match counts as `wrongOutput`.
    ///
    /// Steps:
    /// 1. a conversation driver answers serial lines (a script's opening
    ///    `send` is typed as soon as qemu runs);
    /// 2. one run with a fresh nonce;
    /// 3. the verdict, corrected by the conversation's outcome.
    func boot(_ test: String, in image: String, script: TestScript? = nil,
              limits: RunLimits) async throws -> TestBoot {
        // 1.
        let driver = script.map(ConversationDriver.init(script:))
        // 2.
        let outcome = try await KernelTestRunner(qemu: qemu, limits: limits)
            .run(test: test, image: image, instructionCountShift: script?.icount == true ? QemuCommand.scriptShift : nil,
                 initialInput: driver?.start() ?? []) { line in
                driver?.received(line.text) ?? []
            }
        // 3.
        var boot = TestBoot(test: test, verdict: outcome.verdict, message: outcome.message,
                            failedChecks: outcome.checks.filter { !$0.passed }.compactMap(\.message))
        if boot.verdict == .pass, let conversation = driver?.outcome(), !conversation.matched {
            boot.verdict = .wrongOutput
            boot.message = conversation.message ?? "the serial conversation did not match the script"
        }
        return boot
    }

    /// `boot`, with a failure of the runner itself (qemu would not start)
    /// told as an `infrastructure` verdict rather than thrown, so that one
    /// bad boot does not stop the other jobs; it still counts as a problem.
    func bootOrReport(_ test: String, in image: String, script: TestScript? = nil,
                      limits: RunLimits) async -> TestBoot {
        do {
            return try await boot(test, in: image, script: script, limits: limits)
        } catch {
            return TestBoot(test: test, verdict: .infrastructure, message: "\(error)", failedChecks: [])
        }
    }
}
