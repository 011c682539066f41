// machine/ia32/machine.swift -- the ia32 machine, as the core and the
// harness see it.
//
// The core calls `Machine.something()`; on this machine that is one of
// the functions below. Hooks the ia32 layer does not need keep the no-op
// defaults of machine/shared/hooks.swift; the records it keeps in the
// core's objects are declared here, one per manager. The `package` half
// is the harness's alone (the core is compiled outside the package).

internal import IA32

/// The ia32 PC under qemu (or on real hardware).
public enum Machine: MachineInterface, HarnessMachine {
    /// qemu's isa-debug-exit device: writing v to this port makes qemu
    /// exit with status (v << 1) | 1. The runner adds the device.
    static let debugExitPort: UInt16 = 0xF4

    /// What the core registered at start (see `register`).
    nonisolated(unsafe) static var upcalls = MachineUpcalls.none

    /// The nonce the panic report prints; the harness hands it over
    /// once it has parsed the command line.
    nonisolated(unsafe) static var panicNonceText = "0"

    // MARK: the core's services

    /// The time stamp counter.
    @export(interface)
    public static func cycles() -> UInt64 {
        ia32_rdtsc()
    }

    /// What the boot offers that nobody can predict: the grader's nonce
    /// on the command line (fresh random bytes at every boot), the
    /// time-stamp counter and the real-time clock's seconds, stirred
    /// with a 64-bit mixer (splitmix64's finaliser) and a call counter,
    /// so two calls never give the same word.
    @export(interface)
    public static func entropy() -> UInt64 {
        entropyCalls += 1
        var pool = ia32_rdtsc() ^ (entropyCalls &* 0x9E37_79B9_7F4A_7C15)
        for byte in Multiboot.commandLine.utf8 {
            pool = mix(pool ^ UInt64(byte))
        }
        pool ^= UInt64(RealTimeClock.seconds()) << 32
        return mix(pool)
    }

    /// How many times `entropy` was called.
    nonisolated(unsafe) static var entropyCalls: UInt64 = 0

    /// splitmix64's finaliser: every input bit reaches every output bit.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Heap blocks allocated and not yet freed.
    @export(interface)
    public static func heapLiveBlocks() -> Int {
        Heap.liveBlocks
    }

    /// Bytes in live heap blocks (each counted at its rounded block size).
    @export(interface)
    public static func heapLiveBytes() -> Int {
        Heap.liveBytes
    }

    /// The stable name of an exception (the panic report's), or
    /// "irq" for an interrupt line.
    @export(interface)
    public static func eventName(_ number: UInt8) -> StaticString {
        number < EventNumbers.exceptions ? Panic.name(of: UInt32(number)) : "irq"
    }

    /// Keeps the core's upcalls: the clock and the interrupt lines go up
    /// through them (clock.swift), and a thread's faults
    /// (interrupts.swift).
    @export(interface)
    public static func register(_ upcalls: MachineUpcalls) {
        self.upcalls = upcalls
    }

    // MARK: the records kept in the core's objects

    /// What ia32 keeps inside every set: nothing, a set is pure data.
    public struct SetRecord: MachineRecord {
        /// The empty record.
        public init() {}
    }

    /// What ia32 keeps inside every segment: nothing yet (the region
    /// manager will map segments; a segment itself is only a run of pages).
    public struct SegmentRecord: MachineRecord {
        /// The empty record.
        public init() {}
    }

    /// What ia32 keeps inside every address space: where its page
    /// directory and its bookkeeping page are (paging_space.swift). Both
    /// 0 before the machine has built them.
    public struct AddressSpaceRecord: MachineRecord {
        /// Physical address of the page directory (what CR3 holds).
        package internal(set) var directory: UInt32 = 0
        /// Physical address of the bookkeeping page.
        var book: UInt32 = 0

        /// The empty record.
        public init() {}

        /// The tables, once built.
        var tables: SpaceTables? {
            book == 0 ? nil : SpaceTables(book: book)
        }
    }

    /// What ia32 keeps inside every region: nothing. Its pages are in
    /// its space's tables (paging_region.swift), found from the space.
    public struct RegionRecord: MachineRecord {
        /// The empty record.
        public init() {}
    }

    /// What ia32 keeps inside every task: nothing yet. (The context
    /// switch, in the execution assignments, implements the task and
    /// thread hooks; until then they are the no-op defaults.)
    public struct TaskRecord: MachineRecord {
        /// The empty record.
        public init() {}
    }

    /// What ia32 keeps inside every thread: the address of its block,
    /// its control words and kernel stack (context.swift), where its
    /// saved registers are. It never changes after `threadReserved`, so
    /// a copy of the record is as good as the record.
    public struct ThreadRecord: MachineRecord {
        /// The block's address (0 before the thread is reserved).
        package internal(set) var control: UInt32 = 0

        /// The empty record.
        public init() {}
    }

    // MARK: the harness's services

    /// The status byte written to the debug-exit port for each way a run
    /// ends (the grader reads qemu's status, `(byte << 1) | 1`: 33, 35,
    /// 37, 65, 97).
    static func debugExitCode(_ status: MachineExit) -> UInt8 {
        switch status {
        case .pass: return 0x10
        case .fail: return 0x11
        case .noSuchTest: return 0x12
        case .panic: return 0x20
        case .halt: return 0x30
        }
    }

    /// Asks qemu to exit with `status`; on hardware without the device,
    /// stops the CPU for good.
    package static func exit(_ status: MachineExit) -> Never {
        outb(debugExitPort, debugExitCode(status))
        while true {
            ia32_cli()
            ia32_hlt()
        }
    }

    /// The multiboot command line, unparsed; the loader's copy is wiped
    /// (it holds the nonce), so the second call returns "".
    package static func bootCommandLine() -> String {
        Multiboot.takeCommandLine()
    }

    /// Remembers the nonce for the panic report.
    package static func setPanicNonce(_ nonce: String) {
        panicNonceText = nonce
    }
}
