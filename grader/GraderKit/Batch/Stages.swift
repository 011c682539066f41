// grader/GraderKit/Batch/Stages.swift -- the two steps of grading that need tools.
//
// Building an image (make, swiftc) and booting a test (qemu) are behind two
// small protocols, so the batch logic (intake, overlay, cache, shards,
// retries, parallelism) is tested quickly with stand-ins, and end-to-end
// tests use the real implementations below.

import Foundation

/// Builds a kernel image from a trusted tree.
public protocol ImageBuilding: Sendable {
    /// Builds `assignment` in `tree`, putting objects under `buildFolder`.
    /// Throws only for the grader's own problems (a missing tool).
    func build(tree: TrustedTree, assignment: String, buildFolder: URL) async throws -> BuildOutcome
    /// The same, with what the build printed (its warnings, on success).
    func buildKeepingOutput(tree: TrustedTree, assignment: String, buildFolder: URL) async throws -> ImageBuild
}

/// A build's outcome and what it printed.
public struct ImageBuild: Sendable {
    /// The image, or why there is none.
    public var outcome: BuildOutcome
    /// make's and the compiler's output, paths relative to the tree.
    public var output: String

    /// A build that ended in `outcome` after printing `output`.
    public init(outcome: BuildOutcome, output: String = "") {
        self.outcome = outcome
        self.output = output
    }
}

extension ImageBuilding {
    /// A builder that keeps no output: the outcome alone.
    public func buildKeepingOutput(tree: TrustedTree, assignment: String, buildFolder: URL) async throws -> ImageBuild {
        ImageBuild(outcome: try await build(tree: tree, assignment: assignment, buildFolder: buildFolder))
    }
}

/// Boots one kernel test and reports what the runner saw.
public protocol TestBooting: Sendable {
    /// Boots `script`'s kernel test in `image` under `limits`, with a
    /// fresh nonce, driving its conversation. Throws when qemu could not
    /// be run at all (an infrastructure failure, retried by the caller).
    func boot(_ script: TestScript, image: String, limits: RunLimits) async throws -> RunObservation
}

/// The kit's Makefile, through GraderRunner's KernelBuild, with the
/// Machine module taken from a cache (built there on first use).
public struct MakeImageBuilder: ImageBuilding {
    /// Where Machine modules are kept; nil builds each tree's own.
    public var machineCache: MachineCache?
    /// An ia32 image (qemu), or a host program (`grade --host`): the
    /// cache holds ia32 modules only; a host build makes its own.
    public var machine: KernelMachine

    /// A builder sharing Machine modules through `machineCache`.
    public init(machineCache: MachineCache? = nil, machine: KernelMachine = .qemu) {
        self.machineCache = machineCache
        self.machine = machine
    }

    /// Runs `make image CORE=kernel` in the tree; diagnostics name paths
    /// relative to the tree, which match the student's own tree.
    ///
    /// Steps: 1. the Machine module from the cache (a machine that does
    /// not compile fails the build); 2. the core, the tests, the link.
    public func build(tree: TrustedTree, assignment: String, buildFolder: URL) async throws -> BuildOutcome {
        try await buildKeepingOutput(tree: tree, assignment: assignment, buildFolder: buildFolder).outcome
    }

    /// `build`, with the compiler's output (its warnings).
    public func buildKeepingOutput(tree: TrustedTree, assignment: String, buildFolder: URL) async throws -> ImageBuild {
        var build = KernelBuild(kitRoot: tree.root.path, assignment: assignment, core: TrustedTree.corePath,
                                mode: .release, buildDirectory: buildFolder.path, diagnosticsRoot: tree.root.path)
        build.machine = machine
        // 1.
        if let machineCache, machine == .qemu {
            switch try await machineCache.prepare(treeRoot: tree.root, mode: build.mode) {
            case .success(let folder): build.machinePrebuilt = folder.path
            case .failure(let failure): return ImageBuild(outcome: .failed(failure), output: failure.diagnostics)
            }
        }
        // 2.
        let (outcome, output) = try await build.runKeepingOutput(target: build.imageTarget)
        return ImageBuild(outcome: outcome, output: output)
    }
}

/// qemu, through GraderRunner's KernelTestRunner and GraderScripts'
/// conversation driver (or a host program, `QemuRunner.host`).
public struct QemuTestBooter: TestBooting {
    /// The qemu runner (the executable can be replaced, e.g. in tests;
    /// `QemuRunner.host` runs host programs).
    public var qemu: QemuRunner
    /// Runs the reference for scripts with `oracle: reference`; nil when
    /// no script of the assignment asks for it.
    public var oracle: ReferenceOracle?

    /// A booter using `qemu`, and `oracle` for the reference's lines.
    public init(qemu: QemuRunner = QemuRunner(), oracle: ReferenceOracle? = nil) {
        self.qemu = qemu
        self.oracle = oracle
    }

    /// Steps: 1. a fresh seed, the lines the script's oracle expects for
    /// it (a seeded oracle's, computed here, or the reference's, run on
    /// the host: an oracle that cannot answer is the grader's failure,
    /// `infrastructure`, never the student's), and a driver that answers
    /// each serial line (its opening `send` goes with the first line);
    /// 2. one run with a fresh nonce; 3. the runner's findings, and the
    /// oracle's lines, as an observation for the scorer.
    public func boot(_ script: TestScript, image: String, limits: RunLimits) async throws -> RunObservation {
        // 1.
        let seed = UInt64.random(in: 1...UInt64(UInt32.max))
        var expected = script.seededLines(seed)
        if script.usesReferenceOracle {
            guard let oracle else {
                return RunObservation(verdict: .infrastructure, message: "the script asks for the reference oracle, "
                                      + "and this grading run has none (a grader bug)")
            }
            switch await oracle.lines(test: script.kernelTest, seed: seed, limits: limits) {
            case .success(let lines): expected = lines
            case .failure(let failure): return RunObservation(verdict: .infrastructure, message: failure.message)
            }
        }
        let driver = ConversationDriver(script: script.expecting(expected))
        let opening = OpeningOnce(driver.start() ?? [])
        // 2.
        let runner = KernelTestRunner(qemu: qemu, limits: limits)
        let outcome = try await runner.run(test: script.kernelTest, image: image, nonce: .random(),
                                           seed: seed, check: script.selectedCheck,
                                           instructionCountShift: script.icount ? QemuCommand.scriptShift : nil) { line in
            opening.take() + (driver.received(line.text) ?? [])
        }
        // 3.
        let lines = LineSplitter.lines(of: outcome.run.serial).map(\.text)
        var observation = RunObservation(
            verdict: outcome.verdict, message: outcome.message.isEmpty ? nil : outcome.message,
            panic: outcome.panic, lines: lines,
            checks: outcome.checks,
            duration: outcome.run.duration.seconds, attempts: 1, log: outcome.log)
        observation.expected = expected
        return observation
    }

    /// Bytes handed out once, from whichever thread asks first.
    private final class OpeningOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func take() -> [UInt8] {
            lock.withLock {
                defer { bytes = [] }
                return bytes
            }
        }
    }
}
