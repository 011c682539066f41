// assignments/03-region/tests/region_helpers_tests.swift -- what the
// region tests share.

import Kernel
import Machine

/// Starts the kernel's managers once per boot (the boot already tried:
/// this reports why it failed, if it did).
func startRegions() throws(TestFailure) {
    try startManagers()
    try expect(RegionManager.isRunning, "the region manager is not running after Kernel.initialize()")
}

/// The kernel's address space.
var kernelAS: Identifier { AddressSpaceManager.kernel }

/// `count` pages in bytes.
func regionPages(_ count: UInt64) -> UInt64 { count * pageSize }

/// A readable and writable segment of `count` pages owned by `space`
/// (the kernel's by default).
func mappableSegment(_ count: UInt64, in space: Identifier? = nil) throws(TestFailure) -> Identifier {
    let owner = space ?? AddressSpaceManager.kernel
    return try expectSuccess("reserve a segment of \(count) pages") { () throws(KernelError) in
        try SegmentManager.reserve(owner, size: count * pageSize, permissions: [.read, .write])
    }
}

/// Reserves a region that must succeed (first fit unless `address` is
/// given, then forced there).
func mapRegion(
    _ space: Identifier, _ segment: Identifier, offset: UInt64, pages count: UInt64, at address: UInt64? = nil
) throws(TestFailure) -> Identifier {
    try expectSuccess("reserve a region of \(count) pages at offset 0x\(hexadecimal(offset))") { () throws(KernelError) in
        if let address {
            return try RegionManager.reserve(space, segment: segment, offset: offset, size: count * pageSize,
                                             options: .forceAddress, address: address)
        }
        return try RegionManager.reserve(space, segment: segment, offset: offset, size: count * pageSize)
    }
}

/// The region `identifier` of `space`, which must exist.
func regionIn(_ space: Identifier, _ identifier: Identifier) throws(TestFailure) -> Region {
    try expectSuccess("get region 0x\(hexadecimal(identifier))") { () throws(KernelError) in
        try RegionManager.get(space, identifier)
    }
}

/// Releases the region `identifier` of `space`, which must succeed.
func unmapRegion(_ space: Identifier, _ identifier: Identifier) throws(TestFailure) {
    try expectSuccess("release region 0x\(hexadecimal(identifier))") { () throws(KernelError) in
        try RegionManager.release(space, identifier)
    }
}

/// Releases the segment `identifier`, which must succeed.
func dropSegment(_ identifier: Identifier) throws(TestFailure) {
    try expectSuccess("release segment 0x\(hexadecimal(identifier))") { () throws(KernelError) in
        try SegmentManager.release(identifier)
    }
}

/// The regions of `space`, as (address, size, segment, offset), in
/// address order: two listings are equal when a call changed nothing.
func regionLayout(_ space: Identifier) throws(TestFailure) -> [[UInt64]] {
    let all = try expectSuccess("list the regions") { () throws(KernelError) in try RegionManager.regions(in: space) }
    var layout: [[UInt64]] = []
    for region in all {
        layout.append([region.identifier, region.address, region.size, region.segment, region.offset])
    }
    return layout
}

/// Fails unless the regions of `space` are in address order, in the
/// window, page-aligned, never overlapping and inside their segments.
func expectRegionsSound(_ space: Identifier) throws(TestFailure) {
    let all = try expectSuccess("list the regions") { () throws(KernelError) in try RegionManager.regions(in: space) }
    var previousEnd = RegionWindow.base
    for region in all {
        try expect(region.address % pageSize == 0 && region.size % pageSize == 0 && region.size > 0,
                   "region 0x\(hexadecimal(region.identifier)) is not whole pages")
        try expect(region.address >= previousEnd, "region 0x\(hexadecimal(region.identifier)) overlaps the one before")
        try expect(region.end <= RegionWindow.end, "region 0x\(hexadecimal(region.identifier)) leaves the window")
        let segment = try expectSuccess("get its segment") { () throws(KernelError) in
            try SegmentManager.get(region.segment)
        }
        try expect(region.offset + region.size <= segment.size,
                   "region 0x\(hexadecimal(region.identifier)) maps past its segment's end")
        previousEnd = region.end
    }
}

/// Errors the statistics counted for the region manager's `function`.
func regionErrorsCounted(_ function: StaticString) -> UInt64 {
    StatisticsManager.get(manager: "region", function: function)?.errors ?? 0
}

/// `count` bytes of a pattern that depends on `seed` and the position.
func regionPattern(_ count: Int, seed: UInt8) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    for index in 0..<count {
        bytes.append(UInt8(truncatingIfNeeded: index &* 13 &+ Int(seed)))
    }
    return bytes
}
