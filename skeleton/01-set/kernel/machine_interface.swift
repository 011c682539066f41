// reference/kernel/machine.swift -- what the core expects of a machine.
//
// The core never names an architecture. It talks to the hardware through
// one type, `Machine`, which each machine folder defines (machine/ia32,
// machine/host); the build compiles exactly one of them in. There is no
// run-time dispatch: `Machine.cycles()` is a direct call to the one
// machine that was compiled.
//
// Two kinds of requirement:
//
// * Services the core needs to exist at all (a clock, a way to stop).
//   Every machine must provide them.
// * Hooks, kaneton-style. After the core creates or modifies an object,
//   it calls the machine ("this segment was reserved"); before it destroys
//   one, it calls the machine first, so the machine can undo what it did.
//   Every hook has a no-op default below, so a machine overrides only
//   the events it cares about, and an absent hook means "nothing to do".
//   Managers add their hooks here as they are written.

/// How a kernel run ends; the machine turns it into something the
/// outside world can see (a qemu exit status, a process exit code).
public enum MachineExit: UInt8, Sendable {
    /// The selected test passed.
    case pass = 0x10
    /// The selected test failed.
    case fail = 0x11
    /// The command line named a test that this image does not have.
    case noSuchTest = 0x12
    /// The kernel panicked (CPU exception or Swift trap).
    case panic = 0x20
    /// The kernel has nothing left to do (no test was asked for).
    case halt = 0x30
}

/// The interface between the core and a machine.
public protocol MachineInterface {
    // MARK: services

    /// A monotonically increasing cycle counter (the statistics clock).
    static func cycles() -> UInt64
    /// Stops the machine for good, reporting `status` to whoever started it.
    static func exit(_ status: MachineExit) -> Never
    /// The command line the kernel was started with ("" if none).
    static func commandLine() -> String
    /// Number of heap blocks currently allocated (for leak checks).
    static func heapLiveBlocks() -> Int
    /// Number of heap bytes currently allocated (for leak checks).
    static func heapLiveBytes() -> Int

    // MARK: hooks (called after a create/modify, before a destroy)

    /// The core has finished initialising every manager.
    static func kernelInitialized() throws(KernelError)
    /// The core is about to shut down every manager.
    static func kernelCleaning() throws(KernelError)

    // MARK: set manager hooks (reference/set)

    /// The set `identifier` was reserved (and is in the set container).
    static func setReserved(_ identifier: Identifier) throws(KernelError)
    /// The set `identifier` is about to be released.
    static func setReleasing(_ identifier: Identifier) throws(KernelError)
}

extension MachineInterface {
    public static func kernelInitialized() throws(KernelError) {}
    public static func kernelCleaning() throws(KernelError) {}
    public static func setReserved(_ identifier: Identifier) throws(KernelError) {}
    public static func setReleasing(_ identifier: Identifier) throws(KernelError) {}
}
