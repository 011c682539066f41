// machine/ia32/idt.swift -- the interrupt descriptor table (IDT).
//
// When the CPU takes vector v -- an exception it raised itself (0-31),
// a device interrupt from the PIC (32-47 once remapped), or an `int v`
// instruction -- it reads gate v of the IDT to know where to jump. Each
// gate holds the address of a stub in interrupts.S and the code selector
// to run it with. We use *interrupt gates*: entering one clears the
// interrupt flag, so a handler is never interrupted itself.
//
// The IDT is installed before anything else can go wrong (right after the
// serial port and the GDT): without it, the first fault -- a Swift trap is
// one -- finds no gate, becomes a double fault, then a triple fault, and
// the machine resets without a word.

internal import IA32

/// The IDT: 256 gates, of which the first 49 lead to our stubs.
package enum Idt {
    /// Number of gates the CPU may look up (vectors 0-255).
    package static let count = 256
    /// Vectors with a stub: the 32 exceptions, the 16 PIC lines and the
    /// system call.
    package static let stubCount = Int(IA32_STUB_COUNT)

    /// The table; gates beyond `stubCount` stay zero ("not present"), so
    /// an unexpected `int 0x80` raises a fault we report, not a jump into
    /// nowhere.
    nonisolated(unsafe) static var table: InlineArray<256, UInt64> = .init(repeating: 0)

    // Gate attributes (bits 40-47): present, ring 0 may use it, type 0xE
    // = 32-bit interrupt gate.
    static let interruptGate: UInt8 = 0x8E
    // The same with privilege level 3 (bits 45-46): `int n` from any ring
    // may go through it. Only the system call's gate is so; an `int 13`
    // from ring 3 meets a ring-0 gate and becomes a general protection
    // fault, so a program cannot fake an exception or an interrupt line.
    static let userGate: UInt8 = 0xEE

    /// Fills a gate per stub and loads the table with lidt.
    ///
    /// Steps:
    /// 1. one interrupt gate per stub, run with the kernel code selector
    ///    (interrupts off inside, as for every gate); the system call's
    ///    open to ring 3;
    /// 2. lidt with the table's address and limit.
    static func initialize() {
        // 1.
        for vector in 0..<stubCount {
            let handler = ia32_interrupt_stub(UInt32(vector))
            let attributes = UInt32(vector) == SystemCallGate.vector ? userGate : interruptGate
            table[vector] = gate(handler: handler, selector: Gdt.kernelCode, attributes: attributes)
        }
        // 2.
        load()
    }

    /// The linear address of the table.
    package static func baseAddress() -> UInt32 {
        withUnsafeMutablePointer(to: &table) { UInt32(UInt(bitPattern: $0)) }
    }

    /// The gate for `vector`.
    package static func get(_ vector: Int) -> UInt64 {
        table[vector]
    }

    /// Points the CPU at the table.
    static func load() {
        ia32_lidt(baseAddress(), UInt16(count * 8 - 1))
    }

    /// Points the CPU at an empty IDT. Any exception after this cannot be
    /// delivered: the CPU escalates to a double fault, which cannot be
    /// delivered either, and shuts down (a "triple fault"). Only the
    /// triple_fault test wants that.
    package static func loadEmpty() {
        ia32_lidt(0, 0)
    }

    /// Encodes a gate. Like a segment descriptor, the handler's address
    /// is split in two:
    ///
    ///     bits  0-15  handler 0-15      bits 40-47  attributes
    ///     bits 16-31  code selector     bits 48-63  handler 16-31
    ///     bits 32-39  zero
    package static func gate(handler: UInt32, selector: UInt16, attributes: UInt8) -> UInt64 {
        var value = UInt64(handler & 0xFFFF)
        value |= UInt64(selector) << 16
        value |= UInt64(attributes) << 40
        value |= UInt64(handler >> 16) << 48
        return value
    }
}
