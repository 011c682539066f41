// machine/ia32/gdt.swift -- the global descriptor table (GDT).
//
// In protected mode every memory access goes through a segment: the value
// in a segment register (%cs, %ds, %ss, ...) is a *selector*, an index
// into the GDT, and the descriptor there gives the segment's base, limit
// and privilege level. This kernel uses the "flat" model: every segment
// starts at 0 and covers all 4 GiB, so addresses are not changed by
// segmentation at all and protection is left to paging (later). We still
// need separate code and data descriptors for ring 0 (the kernel) and
// ring 3 (user programs, later), and one slot for a task-state segment
// (TSS), which the CPU reads to find the kernel stack when an interrupt
// arrives from ring 3.
//
// A selector is (index << 3) | RPL: the low two bits are the privilege
// the selector is used with, so user selectors end in 3.
//
//     index  selector  descriptor
//       0     0x00     null (the CPU requires it; loading it faults)
//       1     0x08     kernel code, ring 0, execute/read
//       2     0x10     kernel data, ring 0, read/write
//       3     0x1B     user code,   ring 3, execute/read
//       4     0x23     user data,   ring 3, read/write
//       5     0x28     TSS (empty until a later assignment fills it)

internal import IA32

/// The GDT and its selectors.
package enum Gdt {
    /// Selector of the kernel's code segment (ring 0).
    package static let kernelCode: UInt16 = 0x08
    /// Selector of the kernel's data and stack segment (ring 0).
    package static let kernelData: UInt16 = 0x10
    /// Selector of user code (index 3, RPL 3).
    package static let userCode: UInt16 = 0x18 | 3
    /// Selector of user data and stack (index 4, RPL 3).
    package static let userData: UInt16 = 0x20 | 3
    /// Selector of the task-state segment slot (index 5).
    package static let taskState: UInt16 = 0x28
    /// Number of descriptors in the table.
    package static let count = 6

    /// The table itself, in the kernel's .bss: the CPU keeps reading it
    /// after lgdt, so it must never move.
    nonisolated(unsafe) static var table: InlineArray<6, UInt64> = .init(repeating: 0)

    // Access byte bits (bits 40-47 of a descriptor).
    static let present: UInt8 = 0x80         // P: the descriptor is valid
    static let codeOrData: UInt8 = 0x10      // S: code/data (not a system descriptor)
    static let executeRead: UInt8 = 0x0A     // type: code, readable
    static let readWrite: UInt8 = 0x02       // type: data, writable
    // Flag nibble (bits 52-55).
    static let pageGranular: UInt8 = 0x8     // G: limit counts 4 KiB pages
    static let operand32: UInt8 = 0x4        // D/B: 32-bit code and stack

    // excerpt: gdt-initialize
    /// Fills the table, loads it with lgdt and reloads every segment
    /// register so the CPU uses the new descriptors.
    ///
    /// Steps:
    /// 1. the null descriptor and the four flat segments; the TSS slot stays empty;
    /// 2. lgdt with the table's address and limit;
    /// 3. reload %cs (far return) and the data registers.
    static func initialize() {
        // 1.
        table[0] = 0
        table[1] = flat(privilege: 0, type: executeRead)
        table[2] = flat(privilege: 0, type: readWrite)
        table[3] = flat(privilege: 3, type: executeRead)
        table[4] = flat(privilege: 3, type: readWrite)
        table[5] = 0
        // 2.
        load()
        // 3.
        ia32_reload_segments(kernelCode, kernelData)
    }
    // end excerpt

    /// Writes descriptor `index` (a later assignment puts its TSS in slot 5
    /// with a system descriptor built by `descriptor`).
    package static func set(_ index: Int, _ value: UInt64) {
        table[index] = value
    }

    /// The descriptor currently in slot `index`.
    package static func get(_ index: Int) -> UInt64 {
        table[index]
    }

    /// The linear address of the table (what lgdt was given).
    package static func baseAddress() -> UInt32 {
        withUnsafeMutablePointer(to: &table) { UInt32(UInt(bitPattern: $0)) }
    }

    /// Points the CPU at the table.
    static func load() {
        ia32_lgdt(baseAddress(), UInt16(count * 8 - 1))
    }

    /// A flat segment (base 0, limit 4 GiB) of the given ring and type.
    static func flat(privilege: UInt8, type: UInt8) -> UInt64 {
        let access = present | (privilege << 5) | codeOrData | type
        return descriptor(base: 0, limit: 0xF_FFFF, access: access,
                          flags: pageGranular | operand32)
    }

    /// Encodes a segment descriptor. Its fields are scattered for
    /// historical reasons (the 80286 had 24-bit bases and 16-bit limits):
    ///
    ///     bits  0-15  limit 0-15        bits 40-47  access byte
    ///     bits 16-39  base 0-23         bits 48-51  limit 16-19
    ///     bits 52-55  flags             bits 56-63  base 24-31
    package static func descriptor(base: UInt32, limit: UInt32, access: UInt8, flags: UInt8) -> UInt64 {
        let base = UInt64(base), limit = UInt64(limit)
        var value = limit & 0xFFFF
        value |= (base & 0xFF_FFFF) << 16
        value |= UInt64(access) << 40
        value |= ((limit >> 16) & 0xF) << 48
        value |= UInt64(flags & 0xF) << 52
        value |= ((base >> 24) & 0xFF) << 56
        return value
    }
}
