// reference/region/region.swift -- the region manager: which virtual
// addresses of an address space show which physical memory.
//
// A segment is physical memory; a task reaches it only through a
// *region*: a run of whole pages of virtual addresses, in one address
// space, that maps part of one segment (from `offset`, `size` bytes).
// The machine turns each region into page-table entries (the hooks of
// `RegionMachine`, machine/shared/hooks.swift); the core keeps the
// regions, and checks every request before the machine hears of it.
//
//     as 0x..0c regions (ordered by virtual address):
//        region 0x..11 [0x40000000, 0x40003000) -> segment 0x..0d + 0x0000
//        region 0x..12 [0x40005000, 0x40006000) -> segment 0x..0d + 0x3000
//
// Each address space keeps its regions in its own set, ordered by
// virtual address (the region's key), so "which region holds this
// address" is one `floor`. Regions live only in the region window,
// `RegionWindow` [0x40000000, 0xC0000000): the machine keeps the rest of
// every space for the kernel (its identity mapping of physical memory).
//
// The rules every verb keeps, checking all its arguments before it
// changes anything (a bad call is a `KernelError`, counted by the
// statistics, and the state is as before):
//
// * regions are page-aligned and never empty; two regions of a space
//   never overlap;
// * a region maps only inside its segment: offset + size <= the
//   segment's size;
// * a privileged region (supervisor only) exists only in the kernel's
//   space;
// * a segment that a region maps cannot be released, split, coalesced or
//   resized (`busy`): release its regions first (region_segment.swift).
//   Its permissions may change: every region mapping it follows.
//
// The verbs are spread over four files: this one (starting, finding,
// printing), region_reserve.swift (reserve, release, flush, placing),
// region_shape.swift (split, resize, coalesce) and region_segment.swift
// (what the segment manager asks of regions).

import Machine

/// A region's options, chosen when it is reserved.
public struct RegionOptions: OptionSet, Sendable {
    /// The bits of the options.
    public let rawValue: UInt8

    /// Options from their bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The region starts at the address the caller gives (it must be
    /// free); otherwise the manager chooses (first fit).
    public static let forceAddress = RegionOptions(rawValue: 1 << 0)
    /// Supervisor only: the kernel's own mapping (kernel space only).
    public static let privileged = RegionOptions(rawValue: 1 << 1)
    /// Every option that exists: a bit outside these is refused.
    public static let all: RegionOptions = [.forceAddress, .privileged]
}

/// A run of virtual pages of one address space mapping part of a segment.
public struct Region: SetObject {
    /// Regions are objects of kind "region".
    public static var kind: StaticString { "region" }

    /// The region's identifier.
    public let identifier: Identifier
    /// The address space it belongs to.
    public let space: Identifier
    /// Virtual address of its first byte (page-aligned).
    public internal(set) var address: UInt64
    /// Its size in bytes (a non-zero number of pages).
    public internal(set) var size: UInt64
    /// The segment it maps.
    public let segment: Identifier
    /// Where in the segment it starts (page-aligned).
    public internal(set) var offset: UInt64
    /// Its options.
    public let options: RegionOptions
    /// What the machine keeps about this region (its hooks' record).
    public internal(set) var machineRecord = Machine.RegionRecord()

    /// Regions are ordered by virtual address.
    public var key: UInt64 { address }
    /// One past its last byte.
    public var end: UInt64 { address + size }
    /// True if the virtual `address` is inside the region.
    public func contains(_ address: UInt64) -> Bool {
        address >= self.address && address < end
    }

    /// Prints the region on one line: identifier, extent, segment and
    /// offset, and its options.
    public func show() {
        let flags = options.contains(.privileged) ? " privileged" : ""
        print("  region 0x\(hexadecimal(identifier)) [0x\(hexadecimal(address, digits: 8)), "
            + "0x\(hexadecimal(end, digits: 8))) -> segment 0x\(hexadecimal(segment)) "
            + "+ 0x\(hexadecimal(offset))\(flags)")
    }
}

/// Statistics probes of the region manager, reserved at `initialize`.
enum RegionProbe {
    static let reserve = StatisticsManager.reserve(manager: "region", function: "reserve")
    static let release = StatisticsManager.reserve(manager: "region", function: "release")
    static let get = StatisticsManager.reserve(manager: "region", function: "get")
    static let locate = StatisticsManager.reserve(manager: "region", function: "locate")
    static let split = StatisticsManager.reserve(manager: "region", function: "split")
    static let resize = StatisticsManager.reserve(manager: "region", function: "resize")
    static let coalesce = StatisticsManager.reserve(manager: "region", function: "coalesce")
    static let flush = StatisticsManager.reserve(manager: "region", function: "flush")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [reserve, release, get, locate, split, resize, coalesce, flush]
        _ = all.count
    }
}

/// Reserves, releases and reshapes the regions of every address space.
public enum RegionManager {
    /// True between `initialize` and `clean`.
    nonisolated(unsafe) public internal(set) static var isRunning = false

    /// Starts the manager. The regions live in the address spaces' sets
    /// (reserved with each space), so there is nothing else to build.
    ///
    /// Steps: 1. refuse a second start; 2. reserve the probes; 3. run.
    public static func initialize() throws(KernelError) {
        // 1.
        if isRunning {
            throw KernelError.busy
        }
        // 2.
        RegionProbe.reserveAll()
        // 3.
        isRunning = true
    }

    /// Stops the manager: releases every region of every space.
    ///
    /// Steps: 1. list the spaces; 2. release the regions of each (the
    /// machine hears of each); 3. stop.
    public static func clean() throws(KernelError) {
        guard isRunning else {
            return
        }
        // 1.
        var spaces: [Identifier] = []
        try AddressSpaceManager.container().forEach { space in spaces.append(space.identifier) }
        // 2.
        for space in spaces {
            try flush(space)
        }
        // 3.
        isRunning = false
    }

    /// The region `identifier` of the space `space`.
    public static func get(_ space: Identifier, _ identifier: Identifier) throws(KernelError) -> Region {
        try StatisticsManager.measure(RegionProbe.get) { () throws(KernelError) in
            try region(space, identifier)
        }
    }

    /// True if the space `space` holds a region named `identifier`.
    public static func exist(_ space: Identifier, _ identifier: Identifier) -> Bool {
        guard let regions = try? regions(of: space) else {
            return false
        }
        return regions.exist(identifier)
    }

    /// The space holding the region `identifier`, nil if none does (the
    /// machine's `objectExists` asks this: a region is named alone).
    public static func space(of identifier: Identifier) -> Identifier? {
        guard let all = AddressSpaceManager.spaces else {
            return nil
        }
        var found: Identifier? = nil
        try? all.forEach { space in
            if space.regions.exist(identifier) { found = space.identifier }
        }
        return found
    }

    /// The region of the space `space` holding the virtual `address`;
    /// `outOfRange` if no region does.
    ///
    /// Steps: 1. the region of greatest address at most `address`;
    /// 2. it holds the address if the address is below its end.
    public static func locate(_ space: Identifier, _ address: UInt64) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(RegionProbe.locate) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            guard let candidate = try regions(of: space).floor(address) else {
                throw KernelError.outOfRange
            }
            // 2.
            guard candidate.contains(address) else {
                throw KernelError.outOfRange
            }
            return candidate.identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// The regions of the space `space`, in virtual address order.
    public static func regions(in space: Identifier) throws(KernelError) -> [Region] {
        var all: [Region] = []
        try regions(of: space).forEach { region in all.append(region) }
        return all
    }

    /// Prints one region.
    public static func show(_ space: Identifier, _ identifier: Identifier) throws(KernelError) {
        try region(space, identifier).show()
    }

    /// Prints every address space's regions.
    public static func dump() {
        guard let all = AddressSpaceManager.spaces, isRunning else {
            print("regions: none (the region manager is not initialised)")
            return
        }
        do throws(KernelError) {
            try all.forEach { (space: AddressSpace) throws(KernelError) in
                print("regions of as 0x\(hexadecimal(space.identifier)): \(space.regions.storedCount)")
                try space.regions.forEach { region in region.show() }
            }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    // MARK: helpers

    /// The set of regions of the space `space`; `busy` before
    /// `initialize`, `unknownIdentifier` for an unknown space.
    static func regions(of space: Identifier) throws(KernelError) -> ObjectSet<AddressSpaceManager.Store<Region>> {
        guard isRunning else { throw KernelError.busy }
        return try AddressSpaceManager.get(space).regions
    }

    /// The region `identifier` of `space`, unmeasured (for the verbs).
    static func region(_ space: Identifier, _ identifier: Identifier) throws(KernelError) -> Region {
        try regions(of: space).get(identifier)
    }

    /// The physical address of the region's first byte: where its
    /// segment starts, plus its offset.
    static func physicalBase(_ region: Region) throws(KernelError) -> UInt64 {
        try SegmentManager.segment(region.segment).address + region.offset
    }

    /// Refuses a size or an offset that is not a whole number of pages
    /// (a size must not be zero either).
    static func checkPages(size: UInt64, offset: UInt64) throws(KernelError) {
        if size == 0 || !Pages.isAligned(size) || !Pages.isAligned(offset) {
            throw KernelError.invalidArgument
        }
    }
}
