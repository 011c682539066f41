// machine/shared/interface.swift -- what the core may ask of a machine,
// and what the harness may.
//
// The kernel image is three modules (docs/book/01-spine.md draws them):
//
//     Harness   grader/harness + an assignment's tests + kernel_main
//        |  imports Kernel and Machine
//     Kernel    reference/ (or a student's core)
//        |  imports Machine only
//     Machine   machine/ia32 or machine/host, plus this folder
//
// Both machines compile this folder, so they export the same contract.
// Its two halves are told apart by Swift's access levels, and the
// compiler enforces them:
//
// * `public`: what the core may use. Services (a clock, heap counters)
//   and hooks, kaneton-style: after the core creates or modifies an
//   object it calls the machine ("this set was reserved"); before it
//   destroys one it calls the machine first, so the machine can undo what
//   it did. The hooks are grouped per manager, each with the arguments of
//   the call it follows and the machine's record of the object
//   (hooks.swift); every hook has a no-op default, so a machine writes
//   only those it needs.
// * `package`: what only the harness may use (stopping the machine, the
//   boot command line, the nonce of the panic report). The Makefile
//   compiles Machine and Harness with one `-package-name` and the core
//   without it, so a core file that names one of these does not compile.
//   Everything ia32-specific (the GDT, the PIC, port I/O) is `package` or
//   internal too: the core cannot name an architecture.
//
// The machine calls up into the core only through the functions the core
// registers at start (`MachineUpcalls`): there is no upward import.

/// Functions the core hands the machine at start, the only way the
/// machine calls up into the core.
public struct MachineUpcalls {
    /// True when a manager of the core holds an object named `identifier`.
    public var objectExists: (Identifier) -> Bool
    /// The machine's clock interrupt: this many milliseconds went by
    /// (timers expire, the current thread's quantum is charged).
    public var clockTicked: (UInt64) -> Void
    /// An exception or interrupt other than the clock came in, numbered
    /// as `EventNumbers` says (the event manager dispatches it).
    public var eventRaised: (UInt8) -> Void
    /// The running thread caused the exception numbered `event` (the
    /// faulting address, or 0, second): the core reports it and kills
    /// the thread, and never returns when it did. It returns false when
    /// no thread of the core runs (the machine's own code faulted: the
    /// machine panics).
    public var threadFaulted: (_ event: UInt8, _ address: UInt64) -> Bool
    /// The running thread made a system call (system_call.swift): the
    /// core does it and fills in its status and values. The core may
    /// switch to other threads inside; this returns when the caller runs
    /// again, or never if the call ended it.
    public var systemCalled: (inout SystemCall) -> Void

    /// Upcalls made of these functions (a machine that has no clock or no
    /// interrupts yet is handed functions that do nothing).
    public init(
        objectExists: @escaping (Identifier) -> Bool,
        clockTicked: @escaping (UInt64) -> Void = { _ in },
        eventRaised: @escaping (UInt8) -> Void = { _ in },
        threadFaulted: @escaping (_ event: UInt8, _ address: UInt64) -> Bool = { _, _ in false },
        systemCalled: @escaping (inout SystemCall) -> Void = { call in call.status = KernelError.notImplemented.status }
    ) {
        self.objectExists = objectExists
        self.clockTicked = clockTicked
        self.eventRaised = eventRaised
        self.threadFaulted = threadFaulted
        self.systemCalled = systemCalled
    }

    /// What the machine uses before the core registers anything.
    public static var none: MachineUpcalls { MachineUpcalls(objectExists: { _ in false }) }
}

/// The interface between the core and a machine: its services, and the
/// hooks of every manager (hooks.swift), one protocol per manager.
public protocol MachineInterface: KernelMachine, SetMachine, SegmentMachine, AddressSpaceMachine, RegionMachine,
    TaskMachine, ThreadMachine, EventMachine, SchedulerMachine {
    // MARK: services

    /// A monotonically increasing cycle counter (the statistics clock).
    static func cycles() -> UInt64
    /// A word nobody outside the kernel can predict, for its secrets (the
    /// capabilities' keys): different at every boot.
    static func entropy() -> UInt64
    /// Number of heap blocks currently allocated (for leak checks; 0
    /// where the machine cannot count).
    static func heapLiveBlocks() -> Int
    /// Number of heap bytes currently allocated (same).
    static func heapLiveBytes() -> Int
    /// What the event `number` is, in a few words, for reports ("page
    /// fault"): the machine's own names for its exceptions and lines.
    static func eventName(_ number: UInt8) -> StaticString
    /// Hands the machine the core's upcalls; called once by
    /// `Kernel.initialize` before the first hook.
    static func register(_ upcalls: MachineUpcalls)

    // MARK: boot modules (modules.swift)

    /// The files the boot loader loaded, in its order.
    static func modules() -> [LoadedModule]
    /// `count` bytes of module `index` from `offset`; `outOfRange` for
    /// no such module or a run past its end.
    static func moduleBytes(_ index: Int, offset: UInt64, count: UInt64) throws(KernelError) -> [UInt8]
    /// The ELF machine number of the programs this processor runs (the
    /// program manager refuses others).
    static var executableMachine: UInt16 { get }

    // MARK: I/O ports (reference/io/)

    /// How many ports a task can be granted (0 to this, excluded).
    static var ioPortCount: UInt32 { get }
    /// The core granted (or denied) ports [first, first + count) to the
    /// task `task`: its threads outside ring 0 may (may no longer) use
    /// them. The machine refuses a range it cannot express.
    static func ioChanged(_ task: Identifier, first: UInt32, count: UInt32, granted: Bool) throws(KernelError)
    /// True if the task `task`'s threads outside ring 0 may use `port`.
    static func ioGranted(_ task: Identifier, port: UInt32) -> Bool

    // MARK: physical memory (memory.swift)

    /// The usable physical memory left after the machine's own (kernel
    /// image, heap, loader data): page-aligned, in increasing address
    /// order, never overlapping. The segment manager takes it all.
    static func physicalRanges() -> [PhysicalRange]
    /// The byte at physical `address`; `outOfRange` outside the ranges.
    static func physicalByte(at address: UInt64) throws(KernelError) -> UInt8
    /// Writes `value` at physical `address`; `outOfRange` outside the ranges.
    static func setPhysicalByte(at address: UInt64, to value: UInt8) throws(KernelError)
    /// The `count` bytes from physical `address`, in one piece;
    /// `outOfRange` if the run leaves one range (then nothing is read).
    static func physicalBytes(at address: UInt64, count: UInt64) throws(KernelError) -> [UInt8]
    /// Writes `bytes` from physical `address`, in one piece; `outOfRange`
    /// if the run leaves one range (then nothing is written).
    static func setPhysicalBytes(at address: UInt64, _ bytes: [UInt8]) throws(KernelError)
    /// Copies `count` bytes from physical `source` to physical
    /// `destination` (the two may overlap); `outOfRange` if either run
    /// leaves one range, and then nothing is copied.
    static func copyPhysical(from source: UInt64, to destination: UInt64, count: UInt64) throws(KernelError)

    // The hooks come from the protocols above: `KernelMachine`
    // (kernelInitialized, kernelCleaning), `SetMachine` (setReserved,
    // setReleasing and the `SetRecord` kept in each set), `SegmentMachine`,
    // `AddressSpaceMachine`, `RegionMachine`, `TaskMachine`,
    // `ThreadMachine`, `EventMachine` and `SchedulerMachine`.
}

/// How a kernel run ends. Plain cases: each machine maps them to what
/// the outside world sees (a qemu exit status, a process exit code).
package enum MachineExit: Sendable {
    /// The selected test passed.
    case pass
    /// The selected test failed.
    case fail
    /// The command line named a test that this image does not have.
    case noSuchTest
    /// The kernel panicked (CPU exception or Swift trap).
    case panic
    /// The kernel has nothing left to do (no test was asked for).
    case halt
}

/// What the harness, and only the harness, may ask of a machine.
package protocol HarnessMachine {
    /// Stops the machine for good, reporting `status` to whoever started it.
    static func exit(_ status: MachineExit) -> Never
    /// The command line the kernel was started with, unparsed ("" if none).
    static func bootCommandLine() -> String
    /// The nonce the panic report prints (the harness parsed it).
    static func setPanicNonce(_ nonce: String)
}
