// machine/host/machine.swift -- the core running as an ordinary process.
//
// The host machine lets `swift test` exercise the managers without qemu.
// It exports the same contract as ia32 (machine/shared/interface.swift)
// from the host's libc; hooks it does not need keep the no-op defaults.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host machine.
public enum Machine: MachineInterface, HarnessMachine {
    /// What the core registered at start (see `register`).
    nonisolated(unsafe) static var upcalls = MachineUpcalls.none

    /// Keeps the core's upcalls; the hooks below use `objectExists`.
    public static func register(_ upcalls: MachineUpcalls) {
        self.upcalls = upcalls
    }

    /// A monotonic nanosecond clock stands in for the cycle counter.
    public static func cycles() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Ends the process: 0 for a pass or a halt, 1 for anything else.
    package static func exit(_ status: MachineExit) -> Never {
        switch status {
        case .pass, .halt: Glibc.exit(0)
        case .fail, .noSuchTest, .panic: Glibc.exit(1)
        }
    }

    /// The process arguments, joined as a kernel command line.
    package static func bootCommandLine() -> String {
        CommandLine.arguments.dropFirst().joined(separator: " ")
    }

    /// The host has no panic report: a crash is the test runner's.
    package static func setPanicNonce(_ nonce: String) {}

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
        try record("setReserved", identifier, existed: upcalls.objectExists(identifier))
    }

    /// Records a set release (the set is still in the container).
    public static func setReleasing(_ identifier: Identifier) throws(KernelError) {
        try record("setReleasing", identifier, existed: upcalls.objectExists(identifier))
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
