// assignments/02-segment/tests/segment_helpers_tests.swift -- what the
// segment tests share.

import Kernel
import Machine

/// Starts the kernel's managers once per boot (the boot already tried:
/// this reports why it failed, if it did).
func startMemory() throws(TestFailure) {
    if Kernel.isInitialized {
        return
    }
    do throws(KernelError) {
        try Kernel.initialize()
    } catch {
        throw TestFailure("Kernel.initialize() failed: \(error.description). The segment manager starts "
                          + "with the kernel: SegmentManager.initialize must take every usable range")
    }
}

/// `count` pages in bytes.
func pageBytes(_ count: UInt64) -> UInt64 { count * pageSize }

/// Reserves `size` bytes readable and writable in the kernel's space.
func reserveSegment(_ size: UInt64, _ options: SegmentOptions = []) throws(TestFailure) -> Identifier {
    try expectSuccess("reserve \(size) bytes") { () throws(KernelError) in
        try SegmentManager.reserve(AddressSpaceManager.kernel, size: size, permissions: [.read, .write], options: options)
    }
}

/// The segment `identifier`, which must exist.
func segmentOf(_ identifier: Identifier) throws(TestFailure) -> Segment {
    try expectSuccess("get segment \(identifier)") { () throws(KernelError) in try SegmentManager.get(identifier) }
}

/// Releases `identifier`, which must succeed.
func releaseSegment(_ identifier: Identifier) throws(TestFailure) {
    try expectSuccess("release segment \(identifier)") { () throws(KernelError) in try SegmentManager.release(identifier) }
}

/// Bytes of free physical memory.
func freeMemory() throws(TestFailure) -> UInt64 {
    try expectSuccess("count the free memory") { () throws(KernelError) in try SegmentManager.freeBytes() }
}

/// `count` bytes of a pattern that depends on `seed` and the position.
func pattern(_ count: Int, seed: UInt8) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    for index in 0..<count {
        bytes.append(UInt8(truncatingIfNeeded: index &* 31 &+ Int(seed)))
    }
    return bytes
}

/// Fails unless no two of `segments` share a byte and each lies inside
/// one of the machine's ranges, on page boundaries.
func expectDisjoint(_ segments: [Segment]) throws(TestFailure) {
    let ranges = Machine.physicalRanges()
    for (index, segment) in segments.enumerated() {
        try expect(segment.address % pageSize == 0 && segment.size % pageSize == 0,
                   "segment \(index) is not page-aligned")
        var inside = false
        for range in ranges where range.base <= segment.address && segment.end <= range.end { inside = true }
        try expect(inside, "segment \(index) lies outside the usable physical memory")
        for other in segments[(index + 1)...] {
            try expect(segment.end <= other.address || other.end <= segment.address,
                       "two segments overlap: 0x\(hexadecimal(segment.address)) and 0x\(hexadecimal(other.address))")
        }
    }
}
