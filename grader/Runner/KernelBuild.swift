// grader/Runner/KernelBuild.swift -- building a kernel image with the kit's Makefile.
//
// The image is built by make, not SwiftPM (the i686 bare-metal triple
// cannot be mixed with host targets). This type runs
//
//     make -C <kit> image ASSIGNMENT=<a> CORE=<core> MODE=<mode> BUILD=<dir>
//
// and turns the outcome into either the image's path or a failure that
// carries the compiler's diagnostics, with paths shown relative to a
// folder the reader knows (a student sees `reference/set/set.swift:12`,
// not the grader's scratch folder). Before building it runs the
// Makefile's `check-tools`, so a missing library is reported as the
// grader's problem with the package to install, not as a student's
// build failure.
//
// make runs in a process group of its own. When the calling task is
// cancelled (the grader's build deadline, a stopped batch) the whole
// group is killed: make, the shells it started, and the compilers under
// them, which would otherwise run on for minutes after make is gone.
// The group is registered with ProcessGuard while it lives, and make and
// its children carry the guard's token, so the grader's death ends them too.

import Foundation
import Subprocess
#if canImport(SystemPackage)
import SystemPackage
#endif

/// How the kernel is compiled.
public enum BuildMode: String, Sendable, CaseIterable, Codable {
    /// Optimised (the machine and the core at -O, the harness at -Osize):
    /// what the grader uses.
    case release
    /// -Onone -g: for gdb.
    case debug
}

/// A build that did not produce an image.
public struct BuildFailure: Error, Equatable, Sendable {
    /// The first error line, for one-line reports.
    public var summary: String
    /// What the compiler and make printed (make runs silently, so no
    /// command lines), paths made relative.
    public var diagnostics: String
    /// make's exit status.
    public var exitStatus: Int32

    /// The signal that ended make itself, if one did: make exits with 0,
    /// 1 or 2, and a status past 128 is 128 plus the signal that killed
    /// it (a grader stopping on Ctrl-C or a CI cancel, the host's
    /// out-of-memory killer). That is never the student's doing.
    public var signal: Int32? { exitStatus > 128 ? exitStatus - 128 : nil }

    /// A failure with these fields (builders other than make, tests).
    public init(summary: String, diagnostics: String, exitStatus: Int32) {
        self.summary = summary
        self.diagnostics = diagnostics
        self.exitStatus = exitStatus
    }
}

/// The result of a build: an image or the reason there is none.
public enum BuildOutcome: Equatable, Sendable {
    /// The image was built at this path.
    case built(image: String)
    /// The build failed.
    case failed(BuildFailure)
}

/// One kernel image to build.
public struct KernelBuild: Sendable {
    /// The kit's root folder (where the Makefile is).
    public var kitRoot: String
    /// The assignment whose tests go into the image ("00-spine").
    public var assignment: String
    /// The kernel core folder (`reference` or a student's tree).
    public var core: String
    /// Release or debug.
    public var mode: BuildMode
    /// Where make puts objects and the image.
    public var buildDirectory: String
    /// Paths under this folder appear relative to it in diagnostics.
    public var diagnosticsRoot: String
    /// Variables added to make's environment (the Makefile's `?=`
    /// settings, such as SWIFT_BIN, read them).
    public var environment: [String: String] = [:]
    /// A folder holding a ready Machine module (the grader's cache, see
    /// MachineCache): make then builds only the core, the tests and the link.
    public var machinePrebuilt: String?
    /// The machine layer's folder, relative to the kit's root, when it is
    /// not machine/ (a skeleton's cut: `build/skeletons/<a>.machine`).
    public var machineRoot: String?
    /// The machine the image is for: an ia32 image for qemu (`make
    /// image`), or a host program (`make host-image`, mk/host.mk), built
    /// under `buildDirectory` as `<assignment>.host`.
    public var machine: KernelMachine = .qemu

    /// A build of `assignment` from `core` (default: the reference) into
    /// `buildDirectory` (default: the Makefile's `build/<mode>`).
    public init(kitRoot: String, assignment: String, core: String = "reference", mode: BuildMode = .release,
                buildDirectory: String? = nil, diagnosticsRoot: String? = nil) {
        let root = URL(fileURLWithPath: kitRoot).standardizedFileURL.path
        self.kitRoot = root
        self.assignment = assignment
        self.core = core
        self.mode = mode
        self.buildDirectory = KernelBuild.absolute(buildDirectory ?? "build/\(mode.rawValue)", in: root)
        self.diagnosticsRoot = diagnosticsRoot ?? root
    }

    /// Where the image will be.
    public var imagePath: String {
        buildDirectory + "/" + assignment + (machine == .host ? ".host" : ".elf")
    }

    /// The make target that builds the image.
    public var imageTarget: String { machine == .host ? "host-image" : "image" }

    /// The make arguments of the build of `target` (`image`, `host-image`,
    /// or `machine` for the Machine module alone).
    public func makeArguments(target: String = "image") -> [String] {
        let machineFolder = machineRoot.map { ["MACHINE_ROOT=\($0)"] } ?? []
        if target == "host-image" {
            return ["-C", kitRoot, target, "ASSIGNMENT=\(assignment)", "CORE=\(core)", "HOST_BUILD=\(buildDirectory)"]
                + machineFolder
        }
        return ["-C", kitRoot, target, "ASSIGNMENT=\(assignment)", "CORE=\(core)", "MODE=\(mode.rawValue)",
                "BUILD=\(buildDirectory)"] + (machinePrebuilt.map { ["MACHINE_PREBUILT=\($0)"] } ?? []) + machineFolder
    }

    /// Builds the image (or another make target of the kernel build).
    ///
    /// Steps:
    /// 1. make's `check-tools`: a missing tool throws, naming its package;
    /// 2. make `target`;
    /// 3. success needs status 0 and the image on disk; otherwise a
    ///    failure with the diagnostics made relative.
    ///
    /// Cancelling the calling task kills make's whole process group and
    /// throws `CancellationError`.
    public func run(target: String = "image") async throws -> BuildOutcome {
        try await runKeepingOutput(target: target).outcome
    }

    /// `run(target:)`, also returning what make and the compiler printed
    /// (paths made relative): on success, the warnings are in it.
    public func runKeepingOutput(target: String = "image") async throws -> (outcome: BuildOutcome, output: String) {
        // 1.
        let check = try await make(["-s", "--no-print-directory", "-C", kitRoot, "check-tools"])
        try Task.checkCancellation()
        guard check.status == 0 else {
            throw RunnerError.toolCheckFailed(KernelBuild.firstErrorLine(in: check.output) ?? check.output)
        }
        // 2.
        let build = try await make(["-s", "--no-print-directory"] + makeArguments(target: target))
        try Task.checkCancellation()
        // 3.
        let diagnostics = relativized(build.output)
        let makesImage = target == "image" || target == "host-image"
        if build.status == 0, !makesImage || FileManager.default.fileExists(atPath: imagePath) {
            return (.built(image: imagePath), diagnostics)
        }
        let summary = KernelBuild.firstErrorLine(in: diagnostics) ?? "make exited with status \(build.status)"
        return (.failed(BuildFailure(summary: summary, diagnostics: diagnostics, exitStatus: build.status)), diagnostics)
    }

    /// `text` with every "<diagnosticsRoot>/", "<buildDirectory>/" and
    /// "<kitRoot>/" removed (the first two may lie inside the kit).
    public func relativized(_ text: String) -> String {
        var result = text
        for root in [diagnosticsRoot, buildDirectory, kitRoot] where !root.isEmpty {
            result = result.replacingOccurrences(of: root.hasSuffix("/") ? root : root + "/", with: "")
        }
        return result
    }

    /// The first line that looks like an error ("error:" anywhere in it).
    static func firstErrorLine(in text: String) -> String? {
        text.split(whereSeparator: \.isNewline).first { $0.contains("error:") }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    /// Runs make in its own process group, returning its status and its
    /// merged stdout and stderr (the first 4 MiB: a compiler gone mad
    /// must not eat the memory).
    private func make(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result: ExecutionResult<Void, SequenceOutput, CombinedErrorOutput>
        var capture = OutputCapture(limit: 4 << 20)
        do {
            _ = try await Executable.name(RequiredTool.make.command).resolveExecutablePath(in: .inherit)
        } catch {
            throw RunnerError.missingTool(.make)
        }
        var overrides: [Environment.Key: String?] = [:]
        for (name, value) in environment { overrides[Environment.Key(stringLiteral: name)] = value }
        let ticket = GroupTicket()
        defer { ticket.release() }
        do {
            result = try await Subprocess.run(.name(RequiredTool.make.command), arguments: Arguments(arguments),
                                              environment: ProcessGuard.shared.environment(adding: overrides),
                                              platformOptions: KernelBuild.isolatedGroup,
                                              input: .none, output: .sequence, error: .combinedWithOutput) { execution in
                ticket.track(execution.processIdentifier.value)
                for try await buffer in execution.standardOutput {
                    capture.append(buffer.withUnsafeBytes { Array($0) })
                }
            }
        } catch let error as SubprocessError {
            throw RunnerError.processFailed("cannot run make: \(error)")
        }
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): Int32(code)
        case .signaled(let signal): 128 + Int32(signal)
        }
        return (status, String(decoding: capture.bytes, as: UTF8.self))
    }

    /// make in a new process group (its id is make's pid) and a teardown,
    /// run when the task is cancelled, that kills the whole group.
    private static var isolatedGroup: PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        return options
    }

    private static func absolute(_ path: String, in root: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: root).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
