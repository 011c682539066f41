// grader/Runner/QemuRunner.swift -- boots an image in qemu and watches it.
//
// One call to `boot` is one qemu process, from spawn to reaping. qemu runs
// in a process group of its own, so that one signal reaches it and
// anything it started. The runner kills that group on every way out:
// the kernel's own exit (harmless then), a limit, an error, or the
// cancellation of the calling task (swift-subprocess's teardown sequence,
// set to kill the group, runs then). swift-subprocess reaps the process
// before `run` returns, so no zombie stays behind either. The group is
// registered with ProcessGuard while it lives and qemu carries the guard's
// token, so the grader's death (any signal) still ends it (see Backstop).

import Foundation
import Subprocess
#if canImport(Glibc)
import Glibc
#endif
#if canImport(SystemPackage)
import SystemPackage
#endif

/// What runs a kernel: qemu on an ia32 image, or the image itself when it
/// is a host program (mk/host.mk: the kernel tests built with
/// machine/host, whose output is the serial port and whose exit status is
/// qemu's).
public enum KernelMachine: String, Sendable, Codable {
    /// qemu-system-i386 boots an ia32 image.
    case qemu
    /// The image is a program of this machine, run directly.
    case host
}

/// Starts qemu-system-i386 on a kernel image (or runs a host program,
/// see `KernelMachine`) and reports what happened.
public struct QemuRunner: Sendable {
    /// The qemu command: a name looked up in PATH, or a path.
    public var executable: String
    /// qemu, or the host program itself.
    public var machine: KernelMachine = .qemu

    /// What a line callback returns: bytes to type on the serial port
    /// (qemu's standard input), possibly none.
    public typealias LineHandler = @Sendable (SerialLine) -> [UInt8]

    /// A runner using `executable` (qemu-system-i386 by default).
    public init(executable: String = RequiredTool.qemu.command) {
        self.executable = executable
    }

    /// A runner of host programs: `boot` runs the image itself with the
    /// command line's words as its arguments. Same limits, same output
    /// capture, same process-group kill as a qemu run.
    public static var host: QemuRunner {
        var runner = QemuRunner()
        runner.machine = .host
        return runner
    }

    /// The program to start and its arguments, for `image` and the
    /// kernel command line.
    ///
    /// Steps: qemu: found on PATH, then the image exists, the arguments
    /// of QemuCommand; host: the image is the program, the command
    /// line's words its arguments (the words hold no space: the runner
    /// builds them from checked names and numbers).
    private func program(image: String, commandLine: String, logPath: String,
                         instructionCountShift: Int?) async throws -> (Executable, [String]) {
        switch machine {
        case .qemu:
            let qemu = try await resolveExecutable()
            guard FileManager.default.fileExists(atPath: image) else { throw RunnerError.imageNotFound(image) }
            var command = QemuCommand(image: image, kernelCommandLine: commandLine, logPath: logPath)
            command.instructionCountShift = instructionCountShift
            command.modules = try BootModuleFile.beside(image: image)
            return (qemu, command.arguments)
        case .host:
            guard FileManager.default.isExecutableFile(atPath: image) else { throw RunnerError.imageNotFound(image) }
            return (.path(FilePath(image)), commandLine.split(separator: " ").map(String.init))
        }
    }

    /// Boots `image` with `commandLine` under `limits` (on instruction-
    /// counted time, see `RunLimits.instructionCounted`, when
    /// `instructionCountShift` is given).
    ///
    /// `initialInput` is typed on the serial port as soon as qemu runs (it
    /// waits in the pipe until the kernel reads it). `onLine` is called for
    /// each complete serial line, in order; the bytes it returns are typed
    /// at once.
    ///
    /// Steps:
    /// 1. check that qemu and the image exist;
    /// 2. make a private folder for qemu's log;
    /// 3. run qemu, its group registered until it is reaped, reading its
    ///    output under the watchdog (see `watch`);
    /// 4. read the log for a triple fault, and assemble the run.
    public func boot(image: String, commandLine: String, limits: RunLimits = .standard,
                     instructionCountShift: Int? = nil,
                     initialInput: [UInt8] = [], onLine: LineHandler = { _ in [] }) async throws -> QemuRun {
        let limits = instructionCountShift == nil ? limits : limits.instructionCounted()
        // 1. (and 2.: qemu's log folder)
        let folder = try LogFolder()
        defer { folder.remove() }
        let (toRun, arguments) = try await program(image: image, commandLine: commandLine, logPath: folder.logPath,
                                                  instructionCountShift: instructionCountShift)
        QemuRunner.ignoreBrokenPipes()
        // 3.
        let started = ContinuousClock.now
        let result: ExecutionResult<SerialOutcome, SequenceOutput, SequenceOutput>
        let ticket = GroupTicket()
        defer { ticket.release() }
        do {
            result = try await run(toRun, arguments: Arguments(arguments),
                                   environment: ProcessGuard.shared.environment(),
                                   platformOptions: QemuRunner.isolatedGroup, input: .inputWriter,
                                   output: .sequence, error: .sequence) { execution in
                ticket.track(execution.processIdentifier.value)
                return try await watch(execution, limits: limits, initialInput: initialInput, onLine: onLine)
            }
        } catch let error as SubprocessError {
            throw RunnerError.processFailed("cannot run \(machine == .host ? image : executable): \(error)")
        }
        try Task.checkCancellation()
        // 4.
        let outcome = result.closureResult
        return QemuRun(serial: outcome.serial, exit: QemuExit(result.terminationStatus),
                       tripleFault: machine == .qemu && folder.logMentionsTripleFault(), limit: outcome.limit, limits: limits,
                       diagnostics: outcome.diagnostics, duration: outcome.ended - started,
                       processID: result.processIdentifier.value)
    }

    /// What the body of a run found.
    struct SerialOutcome: Sendable {
        var serial: [UInt8]
        var limit: LimitHit?
        var diagnostics: String
        var ended: ContinuousClock.Instant
    }

    /// Reads qemu's output until it ends or a limit fires.
    ///
    /// Steps:
    /// 1. collect standard error on the side;
    /// 2. start the watchdog, which kills qemu when a time limit passes
    ///    (before typing anything: a write can block on a full pipe);
    /// 3. type the initial input; read the serial output: split lines,
    ///    answer the callback, stop and kill at the output limit;
    /// 4. when the output simply ended, give qemu a moment to finish
    ///    exiting on its own (it closes the serial port before it exits,
    ///    and a kill in between would replace its exit status with ours);
    ///    then kill the group whatever happened (a no-op for an exited
    ///    qemu), stop the watchdog, and wait for standard error's end.
    private func watch(_ execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>,
                       limits: RunLimits, initialInput: [UInt8], onLine: LineHandler) async throws -> SerialOutcome {
        let killGroup: @Sendable () -> Void = { try? execution.send(signal: .kill, toProcessGroup: true) }
        // 1.
        async let diagnostics = QemuRunner.collect(execution.standardError, limit: 64 << 10)
        let watchdog = RunWatchdog(limits: limits)
        var capture = OutputCapture(limit: limits.outputBytes)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // 2.
            group.addTask {
                let limit = try await watchdog.waitForTimeLimit()
                // A qemu that already exited on its own was not stopped by
                // this limit: the watchdog woke late (a host too busy to
                // run it in time), and the run's own output and status
                // decide. The kill only closes pipes a child still holds.
                if QemuRunner.hasExited(execution.processIdentifier.value) {
                    killGroup()
                    return
                }
                if watchdog.fire(limit) { killGroup() }
            }
            // 3.
            if !initialInput.isEmpty { _ = try? await execution.standardInputWriter.write(initialInput) }
            var splitter = LineSplitter()
            for try await buffer in execution.standardOutput {
                watchdog.noteOutput(buffer.count)
                let kept = capture.append(buffer.withUnsafeBytes { Array($0) })
                for line in splitter.append(kept) {
                    let reply = onLine(line)
                    if !reply.isEmpty { _ = try? await execution.standardInputWriter.write(reply) }
                }
                if capture.overflowed, watchdog.fire(.output) {
                    killGroup()
                    break
                }
            }
            // 4.
            if watchdog.fired == nil {
                await QemuRunner.waitForExit(of: execution.processIdentifier.value, upTo: .seconds(2))
            }
            killGroup()
            group.cancelAll()
        }
        let ended = ContinuousClock.now
        // Output already written when a time limit fired still counts: a
        // kernel that crossed the output limit flooded, whatever the clock said.
        let limit: LimitHit? = capture.overflowed ? .output : watchdog.fired
        return SerialOutcome(serial: capture.bytes, limit: limit, diagnostics: try await diagnostics,
                             ended: ended)
    }

    /// Waits until process `pid` has exited (it is a zombie waiting to be
    /// reaped), at most `limit`. `WNOWAIT` leaves the reaping, and so the
    /// exit status, to swift-subprocess.
    private static func waitForExit(of pid: pid_t, upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if hasExited(pid) { return }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// True if process `pid` has exited (or is not ours to wait for),
    /// without reaping it: `WNOWAIT` leaves its exit status to
    /// swift-subprocess.
    static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        let status = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        return status != 0 || info._sifields._sigchld.si_pid == pid
    }

    /// qemu in a new process group (its id is qemu's pid) and a teardown
    /// that kills the whole group.
    private static var isolatedGroup: PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        return options
    }

    /// The first `limit` bytes of a stream, as text; the rest is drained.
    private static func collect(_ stream: SubprocessOutputSequence, limit: Int) async throws -> String {
        var capture = OutputCapture(limit: limit)
        for try await buffer in stream {
            capture.append(buffer.withUnsafeBytes { Array($0) })
        }
        return String(decoding: capture.bytes, as: UTF8.self)
    }

    /// qemu as an `Executable`, or `missingTool` naming its package.
    private func resolveExecutable() async throws -> Executable {
        let candidate: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        do {
            _ = try await candidate.resolveExecutablePath(in: .inherit)
        } catch {
            throw RunnerError.missingTool(RequiredTool(command: executable,
                                                       debianPackage: RequiredTool.qemu.debianPackage))
        }
        return candidate
    }

    /// Writing to a pipe whose reader is gone raises SIGPIPE, which would
    /// end the grader when qemu exits while we type. We ignore the signal
    /// once, process-wide; the write then fails with EPIPE, which we ignore.
    private static func ignoreBrokenPipes() {
        _ = brokenPipesIgnored
    }

    private static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()
}

extension QemuExit {
    /// The exit as swift-subprocess reports it.
    init(_ status: TerminationStatus) {
        switch status {
        case .exited(let code): self = .exited(Int32(code))
        case .signaled(let signal): self = .signaled(Int32(signal))
        }
    }
}
