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
            skeletons = try SkeletonBuilder(tree: options.tree).skeletons()
            let stale = SkeletonStore(tree: options.tree).differences(from: skeletons)
            if let first = stale.first {
                throw StripperError(file: "skeleton", "out of date (\(first)); run `make skeletons` first")
            }
        }
        let booter = Booter(root: options.tree.root, build: build, timeout: bootTimeout,
                            mapper: DiagnosticMapper(skeletons: skeletons))
        let spine = try booter.verdicts(assignment: "00-spine", core: "reference")   // 2.
            .filter { $0.value == .pass }.keys.sorted()
        var failures = 0
        for skeleton in skeletons where assignment == nil || skeleton.assignment == assignment {  // 3.
            failures += try verify(skeleton, against: spine, with: booter)
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
        for (test, verdict) in try booter.verdicts(assignment: "00-spine", core: core, only: spine).sorted(by: { $0.key < $1.key })
        where verdict != .pass {
            problems.append("00-spine test \(test): \(verdict), but it passes on the reference")
        }
        // The assignment's own tests fail cleanly.
        if options.tree.exists("assignments/\(skeleton.assignment)/tests") {
            for (test, verdict) in try booter.verdicts(assignment: skeleton.assignment, core: core).sorted(by: { $0.key < $1.key }) {
                switch verdict {
                case .fail: continue
                case .pass: problems.append("test \(test) passes on the skeleton: it does not exercise the student's code")
                default: problems.append("test \(test): \(verdict); a skeleton must fail cleanly (throw notImplemented)")
                }
            }
        }
        for problem in problems { printError("\(core): error: \(problem)") }
        if problems.isEmpty { print("\(core): ok") }
        return problems.count
    }
}

/// Builds images with make and boots their tests in qemu.
struct Booter {
    var root: URL
    var build: String
    var timeout: Int
    var mapper: DiagnosticMapper

    /// The verdict of every test (or of the tests in `only`) of the image
    /// of `assignment` built on `core`; a build failure is an error with
    /// the mapped diagnostics.
    func verdicts(assignment: String, core: String, only: [String]? = nil) throws -> [String: BootVerdict] {
        let image = try buildImage(assignment: assignment, core: core)
        var verdicts: [String: BootVerdict] = [:]
        for test in try only ?? tests(of: image) {
            let nonce = Self.nonce()
            verdicts[test] = BootVerdict(output: try boot(image, "test=\(test) nonce=\(nonce)"), nonce: nonce)
        }
        return verdicts
    }

    /// The names of the tests in `image` (a `list` boot).
    func tests(of image: String) throws -> [String] {
        let nonce = Self.nonce()
        return BootVerdict.testNames(in: try boot(image, "list nonce=\(nonce)"), nonce: nonce)
    }

    /// `make image` for one core; returns the image's path.
    func buildImage(assignment: String, core: String) throws -> String {
        let folder = "\(build)/\(core.replacingOccurrences(of: "/", with: "-"))"
        let result = try runCommand(
            ["make", "--silent", "--no-print-directory", "image", "ASSIGNMENT=\(assignment)", "CORE=\(core)", "BUILD=\(folder)"],
            in: root)
        let warns = result.output.contains("warning:")
        guard result.status == 0, !warns else {
            printError(mapper.map(result.output))
            let mapped = core.hasPrefix("skeleton/") ? " (skeleton lines above are mapped to reference/)" : ""
            printError("\(core): error: the \(assignment) image \(warns ? "has warnings" : "does not build")\(mapped)")
            throw ExitCode.failure
        }
        return "\(folder)/\(assignment).elf"
    }

    /// Boots `image` with `commandLine` under `timeout` and returns the serial output.
    func boot(_ image: String, _ commandLine: String) throws -> String {
        try runCommand(
            ["timeout", String(timeout), "qemu-system-i386", "-kernel", image, "-append", commandLine,
             "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"],
            in: root).output
    }

    /// A fresh 16-hex-digit nonce.
    static func nonce() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(to: 16)
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
