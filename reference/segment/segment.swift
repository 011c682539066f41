// reference/segment/segment.swift -- the segment manager: who owns which
// pages of physical memory.
//
// A segment is a run of whole pages of physical memory, owned by one
// address space, with permissions (read, write, execute: what a mapping
// of it may allow) and options (system: the kernel's own, such as page
// tables; no-relocate: never move it). At start the manager takes every
// page the machine hands out (`Machine.physicalRanges`) as free memory;
// `reserve` carves segments out of it and `release` gives them back.
//
// The manager keeps two sets, both ordered by physical address (the
// objects' key), so that "which segment holds this address" and "is the
// memory after this segment free" are one `floor` or `ceiling` each:
//
//     used:  segment 0x..07 [0x00100000, 0x00103000)  owner as 0x..01 rw-
//            segment 0x..09 [0x00103000, 0x00104000)  owner as 0x..01 r--
//     free:  area [0x00104000, 0x00300000)
//            area [0x00340000, 0x00440000)
//
// Free areas never touch (giving pages back merges them with their
// neighbours), never overlap a segment, and together with the segments
// cover every page the machine handed out, exactly once.
//
// Which free area a new segment takes is the fit policy, one word below:
// first fit (the lowest area big enough), best fit (the smallest big
// enough), worst fit (the largest), next fit (first fit, starting where
// the last placement ended). The data structure of both sets is one word
// too (`Store`).
//
// Every verb checks all its arguments before it changes anything: a bad
// call is a `KernelError`, counted by the statistics, and the state is as
// before. The verbs are spread over four files: this one (starting,
// finding, printing), segment_reserve.swift (reserve, release, flush and
// the free memory), segment_shape.swift (split, coalesce, resize, clone,
// give) and segment_data.swift (read, write, copy, permissions).

import Machine

/// A segment's options, chosen when it is reserved.
public struct SegmentOptions: OptionSet, Sendable {
    /// The bits of the options.
    public let rawValue: UInt8

    /// Options from their bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The kernel's own memory (page tables, the kernel's data).
    public static let system = SegmentOptions(rawValue: 1 << 0)
    /// The segment never moves: `resize` grows it in place or fails.
    public static let noRelocate = SegmentOptions(rawValue: 1 << 1)
    /// Every option that exists: a bit outside these is refused.
    public static let all: SegmentOptions = [.system, .noRelocate]
}

/// A run of whole pages of physical memory and who owns it.
public struct Segment: SetObject {
    /// Segments are objects of kind "segment".
    public static var kind: StaticString { "segment" }

    /// The segment's identifier.
    public let identifier: Identifier
    /// Physical address of its first byte (page-aligned).
    public internal(set) var address: UInt64
    /// Its size in bytes (a non-zero number of pages).
    public internal(set) var size: UInt64
    /// The address space that owns it.
    public internal(set) var owner: Identifier
    /// What a mapping of it may allow.
    public internal(set) var permissions: SegmentPermissions
    /// Its options.
    public internal(set) var options: SegmentOptions
    /// What the machine keeps about this segment (its hooks' record).
    public internal(set) var machineRecord = Machine.SegmentRecord()

    /// Segments are ordered by physical address.
    public var key: UInt64 { address }
    /// One past its last byte.
    public var end: UInt64 { address + size }

    /// Prints the segment on one line: identifier, extent, owner,
    /// permissions and options.
    public func show() {
        let letters = (permissions.contains(.read) ? "r" : "-") + (permissions.contains(.write) ? "w" : "-")
            + (permissions.contains(.execute) ? "x" : "-")
        let flags = (options.contains(.system) ? " system" : "") + (options.contains(.noRelocate) ? " no-relocate" : "")
        print("  segment 0x\(hexadecimal(identifier)) [0x\(hexadecimal(address, digits: 8)), "
            + "0x\(hexadecimal(end, digits: 8))) owner 0x\(hexadecimal(owner)) \(letters)\(flags)")
    }
}

/// A run of free pages. Its identifier is its address: free areas never
/// overlap, so no two share one, and none needs the identifier manager.
public struct FreeArea: SetObject {
    /// Free areas are objects of kind "free".
    public static var kind: StaticString { "free" }

    /// Physical address of the first free byte (page-aligned).
    public let address: UInt64
    /// Number of free bytes (a non-zero number of pages).
    public let size: UInt64

    /// The area's identifier: its address.
    public var identifier: Identifier { address }
    /// Free areas are ordered by physical address.
    public var key: UInt64 { address }
    /// One past the last free byte.
    public var end: UInt64 { address + size }

    /// Prints the area on one line.
    public func show() {
        print("  free [0x\(hexadecimal(address, digits: 8)), 0x\(hexadecimal(end, digits: 8))) \(size >> 10) KiB")
    }
}

// excerpt: fit-policy
/// How `reserve` (and a relocating `resize`) chooses a free area.
public enum FitPolicy: Sendable {
    /// The area of lowest address that is big enough.
    case first
    /// The smallest area that is big enough (the lowest of equals).
    case best
    /// First fit, starting at the end of the last placement, wrapping.
    case next
    /// The largest area (the lowest of equals).
    case worst
}
// end excerpt

/// Statistics probes of the segment manager, reserved at `initialize`.
enum SegmentProbe {
    static let reserve = StatisticsManager.reserve(manager: "segment", function: "reserve")
    static let release = StatisticsManager.reserve(manager: "segment", function: "release")
    static let get = StatisticsManager.reserve(manager: "segment", function: "get")
    static let locate = StatisticsManager.reserve(manager: "segment", function: "locate")
    static let split = StatisticsManager.reserve(manager: "segment", function: "split")
    static let coalesce = StatisticsManager.reserve(manager: "segment", function: "coalesce")
    static let resize = StatisticsManager.reserve(manager: "segment", function: "resize")
    static let clone = StatisticsManager.reserve(manager: "segment", function: "clone")
    static let give = StatisticsManager.reserve(manager: "segment", function: "give")
    static let read = StatisticsManager.reserve(manager: "segment", function: "read")
    static let write = StatisticsManager.reserve(manager: "segment", function: "write")
    static let copy = StatisticsManager.reserve(manager: "segment", function: "copy")
    static let permissions = StatisticsManager.reserve(manager: "segment", function: "permissions")
    static let flush = StatisticsManager.reserve(manager: "segment", function: "flush")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [reserve, release, get, locate, split, coalesce, resize, clone, give, read, write,
                   copy, permissions, flush]
        _ = all.count
    }
}

/// Reserves, releases, reshapes and copies the segments of the kernel.
public enum SegmentManager {
    /// The data structure of both sets: change this one word to store
    /// the segments differently (it must keep key order: a tree, or a
    /// list or array reserved `.sorted`).
    public typealias Store<Object: SetObject> = BPlusTree<Object>

    /// The placement policy: change this one word to place differently.
    /// (A variable, so that the tests can try every policy.)
    nonisolated(unsafe) public static var fit = FitPolicy.first

    /// The segments, by address; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var used: ObjectSet<Store<Segment>>?
    /// The free areas, by address; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var free: ObjectSet<Store<FreeArea>>?
    /// Bytes of physical memory the manager took at `initialize`.
    nonisolated(unsafe) public internal(set) static var totalBytes: UInt64 = 0
    /// Where the last placement ended (next fit starts its search there).
    nonisolated(unsafe) static var nextFitCursor: UInt64 = 0

    /// Starts the manager with every page the machine hands out free.
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. reserve
    /// the two sets; 3. add every range to the free areas, merging ranges
    /// that touch (directly, not through `giveBack`: the kernel must start
    /// before the free memory's own functions are written); 4. if
    /// anything fails, release what was made.
    public static func initialize() throws(KernelError) {
        // 1.
        if used != nil {
            throw KernelError.busy
        }
        SegmentProbe.reserveAll()
        // 2.
        let segments = try SetManager.reserve(Store<Segment>.self, options: .sorted)
        let areas: ObjectSet<Store<FreeArea>>
        do throws(KernelError) {
            areas = try SetManager.reserve(Store<FreeArea>.self, options: .sorted)
        } catch {
            try? SetManager.release(segments)
            throw error
        }
        used = segments
        free = areas
        totalBytes = 0
        nextFitCursor = 0
        // 3.
        do throws(KernelError) {
            var pending: PhysicalRange? = nil
            for range in Machine.physicalRanges() where range.size > 0 {
                totalBytes += range.size
                if let run = pending, run.end == range.base {
                    pending = PhysicalRange(base: run.base, size: run.size + range.size)
                    continue
                }
                if let run = pending { try areas.add(FreeArea(address: run.base, size: run.size)) }
                pending = range
            }
            if let run = pending { try areas.add(FreeArea(address: run.base, size: run.size)) }
        } catch {
            // 4.
            try? SetManager.release(segments)
            try? SetManager.release(areas)
            used = nil
            free = nil
            throw error
        }
    }

    /// Stops the manager: releases every segment left, then both sets.
    ///
    /// Steps: 1. release every segment (the machine hears of each);
    /// 2. release the sets and forget them.
    public static func clean() throws(KernelError) {
        guard let segments = used, let areas = free else {
            return
        }
        // 1.
        var all: [Identifier] = []
        try segments.forEach { segment in all.append(segment.identifier) }
        for identifier in all {
            try release(identifier)
        }
        // 2.
        try SetManager.release(segments)
        try SetManager.release(areas)
        used = nil
        free = nil
        totalBytes = 0
    }

    /// The segment named `identifier`.
    public static func get(_ identifier: Identifier) throws(KernelError) -> Segment {
        try StatisticsManager.measure(SegmentProbe.get) { () throws(KernelError) in
            try segment(identifier)
        }
    }

    /// True if a segment is named `identifier`.
    public static func exist(_ identifier: Identifier) -> Bool {
        used?.exist(identifier) ?? false
    }

    /// The segment holding the physical byte `address`; `outOfRange` if
    /// no segment does (the address is free, or not memory at all).
    ///
    /// Steps: 1. the segment of greatest address at most `address`;
    /// 2. it holds the address if the address is below its end.
    public static func locate(_ address: UInt64) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(SegmentProbe.locate) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            guard let candidate = try segments().floor(address) else {
                throw KernelError.outOfRange
            }
            // 2.
            guard address < candidate.end else {
                throw KernelError.outOfRange
            }
            return candidate.identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Bytes of free memory.
    public static func freeBytes() throws(KernelError) -> UInt64 {
        var total: UInt64 = 0
        try areas().forEach { area in total += area.size }
        return total
    }

    /// Prints one segment.
    public static func show(_ identifier: Identifier) throws(KernelError) {
        try segment(identifier).show()
    }

    /// Prints the totals, every segment and every free area.
    public static func dump() {
        guard let segments = used, let areas = free else {
            print("segments: none (the segment manager is not initialised)")
            return
        }
        let freeTotal = (try? freeBytes()) ?? 0
        print("segments: \(segments.storedCount) used, \(areas.storedCount) free areas, "
            + "\(freeTotal >> 10) of \(totalBytes >> 10) KiB free")
        do throws(KernelError) {
            try segments.forEach { segment in segment.show() }
            try areas.forEach { area in area.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    // MARK: helpers

    /// The set of segments, or `busy` before `initialize`.
    static func segments() throws(KernelError) -> ObjectSet<Store<Segment>> {
        guard let segments = used else { throw KernelError.busy }
        return segments
    }

    /// The set of free areas, or `busy` before `initialize`.
    static func areas() throws(KernelError) -> ObjectSet<Store<FreeArea>> {
        guard let areas = free else { throw KernelError.busy }
        return areas
    }

    /// The segment named `identifier`, unmeasured (for the verbs).
    static func segment(_ identifier: Identifier) throws(KernelError) -> Segment {
        try segments().get(identifier)
    }

    /// Refuses a size that is zero or not a whole number of pages.
    static func checkSize(_ size: UInt64) throws(KernelError) {
        if size == 0 || !Pages.isAligned(size) {
            throw KernelError.invalidArgument
        }
    }
}
