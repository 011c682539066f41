// machine/ia32/boot.swift -- bringing the PC up.
//
// boot/multiboot.S gives us a stack and calls kernel_main (in the
// harness, grader/harness/entry.swift) with the two values the loader left
// in %eax and %ebx; kernel_main's first step is `Machine.start` below.
// From there the order matters: each step needs the ones before it.
// docs/book/01-spine.md tells the whole story from power-on.

internal import IA32

extension Machine {
    // excerpt: machine-start
    /// Brings the PC up, from the serial port to the heap; the harness's
    /// `kernel_main` (grader/harness/entry.swift) calls it first.
    ///
    /// Steps:
    /// 1. the serial console, so that everything after can report;
    /// 2. our own GDT (the loader's may be anywhere, even overwritten
    ///    later) and the TSS in it;
    /// 3. the IDT, so that any fault from now on gives a panic report; the
    ///    PIC remapped away from the exception vectors; the timer programmed
    ///    (interrupts stay off: the CPU's interrupt flag is clear);
    /// 4. the boot information (memory map, command line, modules);
    /// 5. the heap, in usable memory after the kernel: Swift may allocate from here on;
    /// 6. the one-line boot banner.
    package static func start(magic: UInt32, info: UInt32) {
        Serial.initialize()                           // 1.
        Gdt.initialize()                              // 2.
        Tss.initialize()
        Idt.initialize()                              // 3.
        Pic.initialize()
        Pit.initialize()
        Multiboot.parse(magic: magic, info: info)     // 4.
        Heap.initialize()                             // 5.
        print(Boot.banner())                          // 6.
    }
    // end excerpt
}

/// What the kernel says about itself when it starts.
package enum Boot {
    /// The boot banner, for example
    /// `spine: ia32 up, 31 MiB usable, heap 8192 KiB at 0x00129000, timer 100 Hz`.
    package static func banner() -> String {
        let usable = Multiboot.usableBytes() >> 20
        let heap = (Heap.end - Heap.start) >> 10
        return "spine: ia32 up, \(usable) MiB usable, heap \(heap) KiB at \(hex(Heap.start)), timer \(Pit.rate) Hz"
    }

    /// `value` as "0x" and eight hexadecimal digits.
    package static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    // excerpt: show-memory-map
    /// Prints where the loader's information is, the memory map, one
    /// region a line, and the modules.
    package static func showMemoryMap() {
        print("multiboot: information at \(hex(Multiboot.info)), flags \(hex(Multiboot.flags))")
        guard Multiboot.hasMemoryMap else {
            print("memory map: absent (the loader gave none)")
            return
        }
        for region in Multiboot.memoryMap {
            let base = UInt32(truncatingIfNeeded: region.base)
            let end = UInt32(truncatingIfNeeded: min(region.end, 1 << 32) - 1)
            let kind = region.isUsable ? "usable" : "reserved (type \(region.type))"
            print("memory map: \(hex(base))-\(hex(end)) \(region.length >> 10) KiB \(kind)")
        }
        print("modules: \(Multiboot.modules.count)")
        for module in Multiboot.modules {
            print("module: \(hex(module.start))-\(hex(module.end)) \(module.string)")
        }
    }
    // end excerpt
}
