// machine/ia32/tss.swift -- the task-state segment (TSS).
//
// The 386 designed the TSS for switching tasks in hardware; nobody does
// that any more (it is slower than saving a few registers by hand, as
// context.S does). One field still matters: when an interrupt arrives
// while ring 1, 2 or 3 runs, the CPU does not trust that ring's stack,
// so it loads a stack for ring 0 from the TSS (`ss0:esp0`) before it
// pushes anything. So each thread that runs outside ring 0 has a kernel
// stack of its own (context.swift), and every switch writes its top into
// `esp0` here.
//
// The last field of the TSS says where the I/O permission bitmap starts.
// A thread whose ring is above IOPL (0 here: every ring but 0) may use
// port p only if bit p of the bitmap is 0; a port past the bitmap's end
// (the segment's limit) is refused too. Ours follows the TSS and covers
// ports 0 to 1023 (128 bytes, then a byte of ones the processor may read
// past the last): io_ports.swift loads into it the ports granted to the
// task whose thread runs. `in` or `out` on any other port is a
// general-protection fault.
//
//     offset  field
//       0     link to a previous task (unused)
//       4     esp0: the ring-0 stack pointer
//       8     ss0:  the ring-0 stack segment (kernel data)
//     ...     the registers of hardware task switching (unused)
//     102     the I/O bitmap's offset (104: right after)
//     104     the bitmap, ports 0-1023, one bit each (1: refused)
//     232     0xFF, the end marker

internal import IA32

/// The one task-state segment, and the kernel stack it names.
package enum Tss {
    /// The size of a 32-bit TSS without an I/O bitmap.
    static let size = 104
    /// Bytes of the I/O bitmap: ports 0 to 1023.
    static let bitmapBytes = 128
    /// The whole segment: the TSS, the bitmap, the end marker.
    static let fullSize = size + bitmapBytes + 1
    /// The offset of the I/O bitmap field (a 16-bit word).
    static let ioBitmapField = 102
    /// The GDT slot of its descriptor (selector `Gdt.taskState`).
    static let gdtIndex = 5
    /// Access byte of a TSS descriptor: present, ring 0, type 9 (an
    /// available 32-bit TSS).
    static let availableTss: UInt8 = 0x89

    /// The segment itself, 26 words and the bitmap (59 words in all), in
    /// the kernel's .bss: the CPU reads it at every interrupt from an
    /// outer ring, so it never moves.
    nonisolated(unsafe) static var words: InlineArray<59, UInt32> = .init(repeating: 0)

    /// Fills the TSS, puts its descriptor in the GDT and loads the task
    /// register with it.
    ///
    /// Steps: 1. ss0 the kernel's data segment, the bitmap right after
    /// the TSS, every port refused, the end marker; 2. its descriptor in
    /// slot 5; 3. ltr.
    package static func initialize() {
        // 1.
        for index in 0..<59 {
            words[index] = index < 26 ? 0 : 0xFFFF_FFFF
        }
        words[2] = UInt32(Gdt.kernelData)
        words[ioBitmapField / 4] = UInt32(size) << 16
        // 2.
        Gdt.set(gdtIndex, Gdt.descriptor(base: baseAddress(), limit: UInt32(fullSize - 1),
                                         access: availableTss, flags: 0))
        // 3.
        ia32_ltr(Gdt.taskState)
    }

    // excerpt: tss-kernel-stack
    /// Makes `top` the stack the CPU switches to when an interrupt
    /// arrives from an outer ring (the running thread's kernel stack).
    package static func setKernelStack(_ top: UInt32) {
        words[1] = top
    }
    // end excerpt

    /// Copies `bitmap` (128 bytes, a bit per port, 1: refused) into the
    /// TSS's I/O bitmap.
    static func setPorts(_ bitmap: InlineArray<128, UInt8>) {
        withUnsafeMutablePointer(to: &words) { pointer in
            let bytes = UnsafeMutableRawPointer(pointer).advanced(by: size)
            withUnsafeBytes(of: bitmap) { source in
                bytes.copyMemory(from: source.baseAddress!, byteCount: bitmapBytes)
            }
        }
    }

    /// The ring-0 stack pointer the CPU would load now.
    package static func kernelStack() -> UInt32 {
        words[1]
    }

    /// The linear address of the segment.
    static func baseAddress() -> UInt32 {
        withUnsafeMutablePointer(to: &words) { UInt32(UInt(bitPattern: $0)) }
    }
}
