// machine/ia32/physical.swift -- the physical memory the core may use.
//
// The loader's memory map lists the RAM; from its usable regions (below
// 1 GiB, where the user window starts) we take away
//
//   * everything below the end of the kernel image: the first MiB holds
//     the BIOS data, the video memory and page 0 (kept unused so that a
//     null pointer never reaches real data), and the image itself (code,
//     data, the boot stack in its .bss);
//   * the Swift heap (heap.swift), which the core never sees as segments;
//   * the loader's data (its information structure, the memory map, the
//     command line, the modules), which the machine still reads.
//
// What is left, cut to whole pages, is computed once, the first time the
// core asks (the heap is up by then: the list is a Swift array), and kept:
// reads and writes check their address against it. A physical address is
// a pointer: before paging trivially, and after it because every space
// maps all RAM below the user window at its own address
// (paging_space.swift); RAM above 1 GiB would not be mapped, so it is
// left out of the ranges.

internal import IA32

extension Machine {
    /// The ranges, once computed (nil before the first call).
    nonisolated(unsafe) static var usableRanges: [PhysicalRange]? = nil

    /// The usable pages left after the kernel image, the heap and the
    /// loader's data (see the top of this file).
    ///
    /// Steps: 1. the usable regions of the map, below 1 GiB (the user window), page-aligned
    /// inward; 2. without the kernel image and what lies below it;
    /// 3. without the heap; 4. without each loader range; 5. keep them.
    @export(interface)
    public static func physicalRanges() -> [PhysicalRange] {
        if let ranges = usableRanges { return ranges }
        // 1.
        var ranges: [PhysicalRange] = []
        for region in Multiboot.memoryMap where region.isUsable {
            let base = Pages.alignUp(region.base)
            let end = Pages.alignDown(min(region.end, UInt64(KernelSpace.userWindowStart)))
            if base < end { ranges.append(PhysicalRange(base: base, size: end - base)) }
        }
        // 2.
        ranges = Pages.subtract(0, UInt64(ia32_kernel_end()), from: ranges)
        // 3.
        ranges = Pages.subtract(UInt64(Heap.start), UInt64(Heap.end), from: ranges)
        // 4.
        Multiboot.forEachLoaderRange { start, end in
            ranges = Pages.subtract(UInt64(start), UInt64(end), from: ranges)
        }
        // 5.
        usableRanges = ranges
        return ranges
    }

    /// True if the `count` bytes from `address` lie inside one range.
    static func isUsable(_ address: UInt64, count: UInt64) -> Bool {
        for range in physicalRanges() where range.contains(address) {
            return count <= range.end - address
        }
        return false
    }

    /// The byte at physical `address` (identity-mapped).
    @export(interface)
    public static func physicalByte(at address: UInt64) throws(KernelError) -> UInt8 {
        guard isUsable(address, count: 1) else { throw KernelError.outOfRange }
        return UnsafePointer<UInt8>(bitPattern: UInt(address))!.pointee
    }

    /// Writes `value` at physical `address` (identity-mapped).
    @export(interface)
    public static func setPhysicalByte(at address: UInt64, to value: UInt8) throws(KernelError) {
        guard isUsable(address, count: 1) else { throw KernelError.outOfRange }
        UnsafeMutablePointer<UInt8>(bitPattern: UInt(address))!.pointee = value
    }

    /// `count` bytes from physical `address` (identity-mapped), copied
    /// once the whole run is checked.
    @export(interface)
    public static func physicalBytes(at address: UInt64, count: UInt64) throws(KernelError) -> [UInt8] {
        if count == 0 { return [] }
        guard isUsable(address, count: count) else { throw KernelError.outOfRange }
        let first = UnsafeRawPointer(bitPattern: UInt(address))!
        // One block copy into the new array's storage: `Array(buffer)`
        // here copied byte by byte, some six instructions a byte.
        return [UInt8](unsafeUninitializedCapacity: Int(count)) { storage, initialized in
            _ = memcpy(storage.baseAddress!, first, Int(count))
            initialized = Int(count)
        }
    }

    /// Writes `bytes` from physical `address` (identity-mapped), once the
    /// whole run is checked.
    @export(interface)
    public static func setPhysicalBytes(at address: UInt64, _ bytes: [UInt8]) throws(KernelError) {
        if bytes.isEmpty { return }
        guard isUsable(address, count: UInt64(bytes.count)) else { throw KernelError.outOfRange }
        let to = UnsafeMutableRawPointer(bitPattern: UInt(address))!
        bytes.withUnsafeBytes { from in
            _ = memmove(to, from.baseAddress!, from.count)
        }
    }

    /// Copies `count` bytes between two physical runs (memmove).
    @export(interface)
    public static func copyPhysical(from source: UInt64, to destination: UInt64, count: UInt64) throws(KernelError) {
        if count == 0 { return }
        guard isUsable(source, count: count), isUsable(destination, count: count) else {
            throw KernelError.outOfRange
        }
        let from = UnsafeRawPointer(bitPattern: UInt(source))!
        let to = UnsafeMutableRawPointer(bitPattern: UInt(destination))!
        _ = memmove(to, from, Int(count))
    }
}
