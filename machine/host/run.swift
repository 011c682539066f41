// machine/host/run.swift -- the host machine as the "machine" of a host run.
//
// `make assignment-N HOST=1` runs kernel tests as an ordinary program
// (grader/harness/host/main.swift). The grader reads that program as it
// reads qemu: its standard output is the serial port, its exit status
// is the one qemu gives for the byte the kernel writes to the debug-exit
// port, and a crash prints a panic report. This file does the three:
//
// * standard error goes to standard output, unbuffered, so the Swift
//   runtime's "Fatal error: Index out of range" comes in the log, in its
//   place among the test's lines, and nothing is lost in a buffer when
//   the program dies;
// * the statuses are qemu's: (value << 1) | 1, value the harness's exit
//   byte (machine/ia32 and grader/Runner/QemuExit.swift agree on them);
// * a trap (a failed precondition, an index out of range: SIGILL or
//   SIGTRAP), a bad pointer (SIGSEGV, SIGBUS, a stack overflow too), a
//   division by zero (SIGFPE) or an abort prints
//       PANIC kind=signal vector=<signal> name=<name> error=0x00000000 eip=0x00000000 nonce=<n>
//       PANIC end
//   and ends with the panic status, as a CPU exception does in qemu.
//   The host's addresses do not fit the report's 32-bit eip: a debugger
//   (lldb, docs/book/00-workflow.md) shows where it happened.

// @preconcurrency: C's `stdout` is a global variable, which Swift 6
// would refuse to name; only `startHostRun` does, before any thread.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

extension Machine {
    /// The status of the process for each way a run ends: qemu's status
    /// for the harness's debug-exit byte (0x10 pass, 0x11 fail, 0x12 no
    /// such test, 0x20 panic, 0x30 halt).
    package static func exitStatus(_ status: MachineExit) -> Int32 {
        let value: Int32 = switch status {
        case .pass: 0x10
        case .fail: 0x11
        case .noSuchTest: 0x12
        case .panic: 0x20
        case .halt: 0x30
        }
        return value << 1 | 1
    }

    /// The signals a crashing kernel test raises, and their report names.
    static let crashSignals: [(signal: Int32, name: String)] = [
        (SIGILL, "trap"), (SIGTRAP, "trap"), (SIGSEGV, "bad-memory-access"),
        (SIGBUS, "bad-memory-access"), (SIGFPE, "arithmetic"), (SIGABRT, "abort"),
    ]

    /// Prepares the process for a host run.
    ///
    /// Steps: 1. standard error onto standard output; 2. no buffering;
    /// 3. an alternate stack, so that a stack overflow can still report;
    /// 4. the crash handler on every crash signal.
    package static func startHostRun() {
        // 1.
        dup2(STDOUT_FILENO, STDERR_FILENO)
        // 2.
        setvbuf(stdout, nil, _IONBF, 0)
        // 3.
        let size = 64 << 10
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        sigaltstack(&stack, nil)
        // 4.
        for (signal, _) in crashSignals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { signal in Machine.reportCrash(signal) }
            #else
            action.__sigaction_u.__sa_handler = { signal in Machine.reportCrash(signal) }
            #endif
            action.sa_flags = Int32(SA_ONSTACK) | Int32(bitPattern: UInt32(SA_RESETHAND))
            sigaction(signal, &action, nil)
        }
        setPanicNonce("0")
    }

    /// The panic report of each crash signal, written out in advance: a
    /// signal handler may not allocate (the crash may be in malloc).
    nonisolated(unsafe) static var crashReports: [Int32: UnsafeMutableBufferPointer<UInt8>] = [:]

    /// Writes the panic reports for `nonce` (the harness parsed it).
    package static func setPanicNonce(_ nonce: String) {
        for (signal, name) in crashSignals {
            let text = "\nPANIC kind=signal vector=\(signal) name=\(name) error=0x00000000 eip=0x00000000 "
                + "nonce=\(nonce)\nPANIC end\n"
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
            _ = bytes.initialize(from: text.utf8)
            crashReports[signal]?.deallocate()
            crashReports[signal] = bytes
        }
    }

    /// The crash handler: the report, then the panic status. Only
    /// async-signal-safe calls (write, _exit).
    static func reportCrash(_ signal: Int32) {
        if let report = crashReports[signal] {
            _ = write(STDOUT_FILENO, report.baseAddress, report.count)
        }
        _exit(exitStatus(.panic))
    }
}
