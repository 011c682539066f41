// Tests/KernelCoreTests/SegmentTestSupport.swift -- what the segment and
// address-space tests share: a snapshot of the memory managers, the
// invariants of physical memory, and a seeded generator.

import Testing
@testable import Kernel
@testable import Machine

/// Everything the memory managers hold, as plain values: two snapshots
/// are equal when a call changed nothing.
struct MemorySnapshot: Equatable, CustomStringConvertible {
    /// Each segment: identifier, address, size, owner, permissions, options.
    var segments: [[UInt64]] = []
    /// Each free area: address, size.
    var free: [[UInt64]] = []
    /// Each address space: identifier, task, then its segments.
    var spaces: [[UInt64]] = []

    var description: String { "segments \(segments) free \(free) spaces \(spaces)" }
}

/// The memory managers' state now.
func memorySnapshot() throws -> MemorySnapshot {
    var snapshot = MemorySnapshot()
    let used = try #require(SegmentManager.used)
    let free = try #require(SegmentManager.free)
    let spaces = try #require(AddressSpaceManager.spaces)
    try used.forEach { (segment: Segment) throws(KernelError) in
        snapshot.segments.append([segment.identifier, segment.address, segment.size, segment.owner,
                                  UInt64(segment.permissions.rawValue), UInt64(segment.options.rawValue)])
    }
    try free.forEach { (area: FreeArea) throws(KernelError) in snapshot.free.append([area.address, area.size]) }
    try spaces.forEach { (space: AddressSpace) throws(KernelError) in
        var row = [space.identifier, space.task]
        try space.segments.forEach { (segment: SegmentReference) throws(KernelError) in row.append(segment.identifier) }
        snapshot.spaces.append(row)
    }
    return snapshot
}

/// Checks the invariants of physical memory: segments and free areas in
/// address order, page-aligned, never overlapping, free areas never
/// touching, and together exactly the machine's ranges (no page lost,
/// none counted twice); every segment listed once, in its owner's space.
func expectMemoryConsistent(_ context: String = "") throws {
    let snapshot = try memorySnapshot()
    // 1. free areas: aligned, increasing, never touching.
    for (index, area) in snapshot.free.enumerated() {
        #expect(Pages.isAligned(area[0]) && Pages.isAligned(area[1]) && area[1] > 0, "\(context): free area \(area)")
        if index > 0 {
            let previous = snapshot.free[index - 1]
            #expect(previous[0] + previous[1] < area[0], "\(context): free areas \(previous) and \(area) touch")
        }
    }
    // 2. segments and free areas together tile the ranges.
    var pieces = snapshot.segments.map { ($0[1], $0[2]) } + snapshot.free.map { ($0[0], $0[1]) }
    pieces.sort { $0.0 < $1.0 }
    var merged: [PhysicalRange] = []
    for (address, size) in pieces {
        #expect(Pages.isAligned(address) && Pages.isAligned(size) && size > 0, "\(context): piece \(address) \(size)")
        if let last = merged.last {
            #expect(last.end <= address, "\(context): overlap at 0x\(String(address, radix: 16))")
            if last.end == address {
                merged[merged.count - 1] = PhysicalRange(base: last.base, size: last.size + size)
                continue
            }
        }
        merged.append(PhysicalRange(base: address, size: size))
    }
    #expect(merged == Machine.physicalRanges(), "\(context): pages lost or invented: \(merged)")
    let used = snapshot.segments.reduce(0) { $0 + $1[2] }
    #expect(used + (try SegmentManager.freeBytes()) == SegmentManager.totalBytes, "\(context)")
    // 3. every segment in its owner's space, once; nothing else there.
    var listed: [UInt64: UInt64] = [:]
    for space in snapshot.spaces {
        for segment in space.dropFirst(2) {
            #expect(listed[segment] == nil, "\(context): segment \(segment) listed twice")
            listed[segment] = space[0]
        }
    }
    #expect(listed.count == snapshot.segments.count, "\(context): spaces list \(listed.count) segments")
    for segment in snapshot.segments {
        #expect(listed[segment[0]] == segment[3], "\(context): segment \(segment[0]) not in its owner's space")
    }
}

/// A small, seeded generator (SplitMix64): the same seed, the same run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `pages` pages in bytes.
func pages(_ count: UInt64) -> UInt64 { count * pageSize }

/// The kernel's address space.
var kernelSpace: Identifier { AddressSpaceManager.kernel }

/// Restarts the kernel with the host's default physical memory and the
/// first-fit policy.
func restartMemory() throws {
    try Kernel.clean()
    Machine.simulatedRanges = Machine.defaultRanges
    SegmentManager.fit = .first
    Machine.refusal = nil
    try Kernel.initialize()
}
