// machine/ia32/gdt.swift -- the global descriptor table (GDT).
//
// In protected mode every memory access goes through a segment: the value
// in a segment register (%cs, %ds, %ss, ...) is a *selector*, an index
// into the GDT, and the descriptor there gives the segment's base, limit
// and privilege level. This kernel uses the "flat" model: every segment
// starts at 0 and covers all 4 GiB, so addresses are not changed by
// segmentation at all and protection is left to paging (later). We still
// need a code and a data descriptor for every ring a thread may run in --
// 0 for the kernel's own tasks, 1 for drivers, 2 for services, 3 for
// programs (machine/shared/execution.swift, `TaskClass`) -- and one slot
// for the task-state segment (tss.swift), where the CPU finds the kernel
// stack when an interrupt arrives from ring 1, 2 or 3.
//
// A selector is (index << 3) | RPL: the low two bits are the privilege
// the selector is used with, so a ring's selectors end in its number.
//
//     index  selector  descriptor
//       0     0x00     null (the CPU requires it; loading it faults)
//       1     0x08     kernel code, ring 0, execute/read
//       2     0x10     kernel data, ring 0, read/write
//       3     0x1B     program code, ring 3, execute/read
//       4     0x23     program data, ring 3, read/write
//       5     0x28     TSS (tss.swift fills it)
//       6     0x31     driver code, ring 1
//       7     0x39     driver data, ring 1
//       8     0x42     service code, ring 2
//       9     0x4A     service data, ring 2

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
    package static let count = 10

    /// The table itself, in the kernel's .bss: the CPU keeps reading it
    /// after lgdt, so it must never move.
    nonisolated(unsafe) static var table: InlineArray<10, UInt64> = .init(repeating: 0)

    // excerpt: gdt-rings
    /// The slot of ring `ring`'s code descriptor (its data is the next one).
    static func codeIndex(ring: UInt8) -> Int {
        switch ring {
        case 0: return 1
        case 1: return 6
        case 2: return 8
        default: return 3
        }
    }

    /// The selector of ring `ring`'s code segment, with RPL `ring`.
    package static func code(ring: UInt8) -> UInt16 {
        UInt16(codeIndex(ring: ring) << 3) | UInt16(ring & 3)
    }

    /// The selector of ring `ring`'s data and stack segment, with RPL `ring`.
    package static func data(ring: UInt8) -> UInt16 {
        UInt16((codeIndex(ring: ring) + 1) << 3) | UInt16(ring & 3)
    }
    // end excerpt

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
    /// 1. the null descriptor and a flat code and data segment per ring;
    ///    the TSS slot stays empty until tss.swift fills it;
    /// 2. lgdt with the table's address and limit;
    /// 3. reload %cs (far return) and the data registers.
    static func initialize() {
        // 1.
        table[0] = 0
        table[5] = 0
        for ring: UInt8 in 0...3 {
            table[codeIndex(ring: ring)] = flat(privilege: ring, type: executeRead)
            table[codeIndex(ring: ring) + 1] = flat(privilege: ring, type: readWrite)
        }
        // 2.
        load()
        // 3.
        ia32_reload_segments(kernelCode, kernelData)
    }
    // end excerpt

    /// Writes descriptor `index` (tss.swift puts the TSS in slot 5 with
    /// a system descriptor built by `descriptor`).
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
