// assignments/00-spine/tests/memory_tests.swift -- the loader's memory map
// makes sense, and the kernel and its heap sit in usable memory.

import IA32
import Kernel
import Machine

/// The memory map agrees with qemu's `-m 32` and with itself.
func test_memory_map() throws(TestFailure) {
    try expect(Multiboot.hasMemoryMap, "the loader gave no memory map")
    check("usable_total") { () throws(TestFailure) in
        let mib = Multiboot.usableBytes() >> 20
        try expect(mib >= 30 && mib <= 32, "usable memory is \(mib) MiB, qemu was given 32")
    }
    check("agrees_with_mem_upper") { () throws(TestFailure) in
        // The usable region at 1 MiB is exactly what mem_upper counts.
        guard let sizes = Multiboot.memorySizes else { throw TestFailure("no mem_lower/mem_upper") }
        let region = usableRegion(containing: 0x10_0000)
        try expect(region != nil, "no usable region at 1 MiB")
        try expectEqual(UInt32(region!.length >> 10), sizes.upper, "KiB above 1 MiB")
    }
    check("no_overlap") { () throws(TestFailure) in
        for a in Multiboot.memoryMap {
            try expect(a.length > 0, "an empty region at \(Boot.hex(UInt32(truncatingIfNeeded: a.base)))")
            for b in Multiboot.memoryMap where a.base != b.base {
                try expect(a.end <= b.base || b.end <= a.base,
                           "regions at \(Boot.hex(UInt32(truncatingIfNeeded: a.base))) and \(Boot.hex(UInt32(truncatingIfNeeded: b.base))) overlap")
            }
        }
    }
    check("kernel_in_usable_memory") { () throws(TestFailure) in
        try expect(insideUsable(ia32_kernel_start(), ia32_kernel_end()),
                   "the kernel image \(Boot.hex(ia32_kernel_start()))-\(Boot.hex(ia32_kernel_end())) is not in usable memory")
    }
    check("heap_in_usable_memory") { () throws(TestFailure) in
        try expect(insideUsable(Heap.start, Heap.end), "the heap is not in usable memory")
        try expect(Heap.start >= ia32_kernel_end(), "the heap overlaps the kernel image")
        var clear = true
        Multiboot.forEachLoaderRange { start, end in
            if start < Heap.end && end > Heap.start { clear = false }
        }
        try expect(clear, "the heap overlaps what the loader left in memory")
    }
    check("command_line") { () throws(TestFailure) in
        // The harness read it (this test runs: test=memory_map was there),
        // and the loader's copy, which held the nonce, is wiped.
        try expect(Harness.current.test == "memory_map", "the harness did not read test=memory_map")
        try expect(Multiboot.commandLine.isEmpty, "the loader's command line still reads '\(Multiboot.commandLine)'")
    }
}

/// The usable region containing `address`, if any.
func usableRegion(containing address: UInt64) -> MemoryRegion? {
    for region in Multiboot.memoryMap where region.isUsable && region.base <= address && address < region.end {
        return region
    }
    return nil
}

/// True when [start, end) lies inside one usable region.
func insideUsable(_ start: UInt32, _ end: UInt32) -> Bool {
    guard let region = usableRegion(containing: UInt64(start)) else { return false }
    return UInt64(end) <= region.end
}
