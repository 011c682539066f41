// machine/ia32/machine.swift -- the ia32 machine, as the core sees it.
//
// The core calls `Machine.something()`; on this machine that is one of
// the functions below. Hooks the ia32 layer does not need keep the no-op
// defaults from reference/kernel/machine_interface.swift.

/// The ia32 PC under qemu (or on real hardware).
public enum Machine: MachineInterface {
    /// qemu's isa-debug-exit device: writing v to this port makes qemu
    /// exit with status (v << 1) | 1. The runner adds the device.
    static let debugExitPort: UInt16 = 0xF4

    /// The time stamp counter.
    public static func cycles() -> UInt64 {
        ia32_rdtsc()
    }

    /// Asks qemu to exit with `status`; on hardware without the device,
    /// stops the CPU for good.
    public static func exit(_ status: MachineExit) -> Never {
        outb(debugExitPort, status.rawValue)
        while true {
            ia32_cli()
            ia32_hlt()
        }
    }

    /// The multiboot command line.
    public static func commandLine() -> String {
        Multiboot.commandLine
    }

    /// Heap blocks allocated and not yet freed.
    public static func heapLiveBlocks() -> Int {
        Heap.liveBlocks
    }

    /// Bytes in live heap blocks (each counted at its rounded block size).
    public static func heapLiveBytes() -> Int {
        Heap.liveBytes
    }
}
