// machine/host/machine.swift -- the core running as an ordinary process.
//
// The host machine lets `swift test` exercise the managers without qemu.
// It provides the same services as ia32 from the host's libc; hooks it
// does not need keep the core's no-op defaults.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host machine.
public enum Machine: MachineInterface {
    /// A monotonic nanosecond clock stands in for the cycle counter.
    public static func cycles() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Ends the process with the status's code.
    public static func exit(_ status: MachineExit) -> Never {
        Glibc.exit(Int32(status.rawValue))
    }

    /// The process arguments, joined as a kernel command line.
    public static func commandLine() -> String {
        CommandLine.arguments.dropFirst().joined(separator: " ")
    }

    /// The host's allocator keeps no counts we can read; 0 means unknown.
    public static func heapLiveBlocks() -> Int { 0 }

    /// See `heapLiveBlocks`.
    public static func heapLiveBytes() -> Int { 0 }
}
