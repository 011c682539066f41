// Tests/KernelCoreTests/RegionTestSupport.swift -- what the region tests
// share: a snapshot of every space's regions and of the simulated MMU,
// and the invariants that tie the two together.

import Testing
@testable import Kernel
@testable import Machine

/// Every region and every simulated page table, as plain values: two
/// snapshots are equal when a call changed nothing.
struct RegionSnapshot: Equatable, CustomStringConvertible {
    /// The memory managers (segments, free areas, spaces).
    var memory: MemorySnapshot
    /// Each region: space, identifier, address, size, segment, offset, options.
    var regions: [[UInt64]] = []
    /// Each space's simulated page table.
    var tables: [Identifier: [UInt64: PageEntry]] = [:]

    var description: String { "\(memory) regions \(regions) tables \(tables.mapValues(\.count))" }
}

/// The regions and the MMU now.
func regionSnapshot() throws -> RegionSnapshot {
    var snapshot = RegionSnapshot(memory: try memorySnapshot())
    try #require(AddressSpaceManager.spaces).forEach { (space: AddressSpace) throws(KernelError) in
        try space.regions.forEach { (region: Region) throws(KernelError) in
            snapshot.regions.append([space.identifier, region.identifier, region.address, region.size,
                                     region.segment, region.offset, UInt64(region.options.rawValue)])
        }
    }
    snapshot.tables = Machine.pageTables
    return snapshot
}

/// The page table the machine must hold for `space`, page by page, as
/// the regions say: the definition the simulated MMU is checked against.
func expectedTable(_ space: Identifier) throws -> [UInt64: PageEntry] {
    var table: [UInt64: PageEntry] = [:]
    for region in try RegionManager.regions(in: space) {
        let segment = try SegmentManager.get(region.segment)
        var offset: UInt64 = 0
        while offset < region.size {
            table[region.address + offset] = PageEntry(
                physical: segment.address + region.offset + offset,
                writable: segment.permissions.contains(.write), user: !region.options.contains(.privileged))
            offset += pageSize
        }
    }
    return table
}

/// Checks the invariants of regions: in each space, page-aligned, in the
/// window, in address order, never overlapping, inside their segment;
/// every space's simulated table equals what its regions say; the hooks
/// were never asked to map a page twice or unmap a missing one.
func expectRegionsConsistent(_ context: String = "") throws {
    let spaces = try #require(AddressSpaceManager.spaces)
    var identifiers: Set<Identifier> = []
    try spaces.forEach { (space: AddressSpace) throws(KernelError) in
        var previousEnd = RegionWindow.base
        try space.regions.forEach { (region: Region) throws(KernelError) in
            #expect(Pages.isAligned(region.address) && Pages.isAligned(region.size) && region.size > 0
                && Pages.isAligned(region.offset), "\(context): region \(region.identifier) unaligned")
            #expect(region.address >= previousEnd, "\(context): region \(region.identifier) overlaps")
            #expect(region.end <= RegionWindow.end, "\(context): region \(region.identifier) past the window")
            #expect(region.space == space.identifier)
            let segment = try SegmentManager.get(region.segment)
            #expect(region.offset + region.size <= segment.size, "\(context): region past its segment")
            #expect(identifiers.insert(region.identifier).inserted, "\(context): identifier used twice")
            #expect(IdentifierManager.kind(of: region.identifier) == .region)
            previousEnd = region.end
        }
    }
    for space in try memorySnapshot().spaces.map({ $0[0] }) {
        #expect(Machine.pageTables[space] == (try expectedTable(space)), "\(context): the MMU of 0x\(String(space, radix: 16)) differs")
    }
    #expect(Machine.pageTables.count == (try memorySnapshot().spaces.count), "\(context): tables of dead spaces")
    #expect(Machine.mmuErrors == [], "\(context): \(Machine.mmuErrors)")
}

/// Restarts the kernel, and forgets the MMU's complaints.
func restartRegions() throws {
    try restartMemory()
    Machine.mmuErrors = []
}

/// The errors counted so far for the region manager's `function`.
func regionErrors(_ function: StaticString) -> UInt64 {
    StatisticsManager.get(manager: "region", function: function)?.errors ?? 0
}

/// A readable and writable segment of `count` pages in `space`.
func segmentOfPages(_ count: UInt64, in space: Identifier = AddressSpaceManager.kernel,
                    permissions: SegmentPermissions = [.read, .write]) throws -> Identifier {
    try SegmentManager.reserve(space, size: pages(count), permissions: permissions)
}

/// How many region identifiers have been given out (they are never
/// reused: a refused call must not take one).
func regionSerial() -> UInt64 {
    IdentifierManager.lastSerial[Int(ObjectKind.region.rawValue)]
}
