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

    // MARK: hooks
    //
    // The host machine has no hardware to keep in step with the core, so
    // its hooks only write down what they were told, for the tests to
    // check the core's side of the contract: the hook runs after the
    // object exists, and before it goes. A test can also make the next
    // hook refuse, to check that the core undoes its work.

    /// One hook call: which hook, which object, and whether the core
    /// still had (or already had) the object when it called.
    public struct HookCall: Equatable, Sendable {
        /// The hook's name ("setReserved").
        public let hook: String
        /// The object's identifier.
        public let identifier: Identifier
        /// True if the object was in its manager when the hook ran.
        public let objectExisted: Bool
    }

    /// Every hook call so far, oldest first.
    nonisolated(unsafe) public static var hookCalls: [HookCall] = []

    /// When true, the next hook call fails with `machineRefused` (and
    /// this goes back to false).
    nonisolated(unsafe) public static var refuseNextHook = false

    /// Records a set reservation (the set is already in the container).
    public static func setReserved(_ identifier: Identifier) throws(KernelError) {
        try record("setReserved", identifier, existed: SetManager.exist(identifier))
    }

    /// Records a set release (the set is still in the container).
    public static func setReleasing(_ identifier: Identifier) throws(KernelError) {
        try record("setReleasing", identifier, existed: SetManager.exist(identifier))
    }

    /// Writes one hook call down, then refuses it if asked to.
    static func record(_ hook: String, _ identifier: Identifier, existed: Bool) throws(KernelError) {
        hookCalls.append(HookCall(hook: hook, identifier: identifier, objectExisted: existed))
        if refuseNextHook {
            refuseNextHook = false
            throw KernelError.machineRefused
        }
    }
}
