// grader/Runner/QemuExit.swift -- how the qemu process ended.
//
// The kernel stops qemu by writing a byte v to the isa-debug-exit device
// (port 0xf4); qemu then exits with status (v << 1) | 1. So every status
// the kernel chooses is odd, and an even one (0 above all: what qemu
// returns after a triple fault with -no-reboot) never comes from the
// harness. Status 1 is also what qemu returns when it cannot start.

/// The end of a qemu process, as the operating system reported it.
public enum QemuExit: Equatable, Sendable, CustomStringConvertible {
    /// qemu exited by itself with this status.
    case exited(Int32)
    /// qemu was ended by this signal (the runner kills it with SIGKILL).
    case signaled(Int32)

    /// The byte the kernel wrote to the debug-exit port, when the status
    /// can be one: odd statuses only.
    public var debugExitValue: UInt8? {
        guard case .exited(let status) = self, status & 1 == 1, (1...511).contains(status) else {
            return nil
        }
        return UInt8(truncatingIfNeeded: status >> 1)
    }

    /// "status 33", "signal 9".
    public var description: String {
        switch self {
        case .exited(let status): "status \(status)"
        case .signaled(let signal): "signal \(signal)"
        }
    }
}

/// The bytes the kernel writes to the debug-exit port, as fixed by the
/// harness protocol (docs/contributing.md).
public enum DebugExit: UInt8, Sendable, CaseIterable {
    /// The selected test passed.
    case pass = 0x10
    /// The selected test failed.
    case fail = 0x11
    /// The image has no test of that name.
    case noSuchTest = 0x12
    /// The kernel panicked.
    case panic = 0x20
    /// Nothing left to do (after `list`).
    case halt = 0x30

    /// The status qemu exits with when the kernel writes this value.
    public var qemuStatus: Int32 { Int32(rawValue) << 1 | 1 }

    /// "pass", "fail", "no-such-test", "panic", "halt".
    public var name: String {
        switch self {
        case .pass: "pass"
        case .fail: "fail"
        case .noSuchTest: "no-such-test"
        case .panic: "panic"
        case .halt: "halt"
        }
    }
}
