// reference/as/as.swift -- the address-space manager.
//
// An address space is what a task sees of memory: the segments it owns
// (physical pages) and the regions through which it sees them (virtual
// addresses, reference/region/). The machine keeps its own part in the
// space's record (ia32, with paging: the page directory).
//
//     spaces:  as 0x..01 task 0x0 (the kernel)   segments {0x..07, 0x..09}
//                                               regions {0x..0a}
//              as 0x..0c task 0x..05             segments {0x..0d}
//                                               regions {0x..11, 0x..12}
//
// The kernel's own space is reserved at start (`kernel`) and is the
// active one (the space the processor translates through) until
// `activate` chooses another; until tasks exist, every space belongs to
// task 0. Releasing a space releases its regions, then its segments:
// nothing it owned survives it. Reading, writing and copying through
// virtual addresses is in as_memory.swift.

import Machine

/// A segment's identifier, as an address space lists it.
public struct SegmentReference: SetObject {
    /// Listed in a space's set of segments.
    public static var kind: StaticString { "segment" }
    /// The segment's identifier.
    public let identifier: Identifier
}

/// One address space.
public struct AddressSpace: SetObject {
    /// Address spaces are objects of kind "as".
    public static var kind: StaticString { "as" }

    /// The space's identifier.
    public let identifier: Identifier
    /// The task it belongs to (0: the kernel, until tasks exist).
    public let task: Identifier
    /// The segments it owns.
    public let segments: ObjectSet<AddressSpaceManager.Store<SegmentReference>>
    /// Its regions, by virtual address (the region manager's).
    public let regions: ObjectSet<AddressSpaceManager.Store<Region>>
    /// What the machine keeps about this space (its hooks' record).
    public internal(set) var machineRecord = Machine.AddressSpaceRecord()
    /// The region manager's hint for first fit: no byte of the region
    /// window below it is free, so the search for a gap starts there
    /// (region_reserve.swift keeps it).
    public internal(set) var regionHint: UInt64 = RegionWindow.base

    /// Prints the space on one line: identifier, task, its segments and
    /// its regions.
    public func show() {
        var line = "  as 0x\(hexadecimal(identifier)) task 0x\(hexadecimal(task)) segments"
        do throws(KernelError) {
            try segments.forEach { segment in line += " 0x\(hexadecimal(segment.identifier))" }
            line += " regions"
            try regions.forEach { region in line += " 0x\(hexadecimal(region.identifier))" }
        } catch {
            line += " (walk failed: \(error.description))"
        }
        print(line)
    }
}

/// Reserves, releases and lists the address spaces.
public enum AddressSpaceManager {
    /// The data structure of every set of this manager: one word.
    public typealias Store<Object: SetObject> = BPlusTree<Object>

    /// Every address space; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var spaces: ObjectSet<Store<AddressSpace>>?
    /// The kernel's own address space (0 before `initialize`).
    nonisolated(unsafe) public internal(set) static var kernel: Identifier = 0
    /// The space the processor translates through (the kernel's after
    /// `initialize`; see `activate`).
    nonisolated(unsafe) public internal(set) static var active: Identifier = 0

    /// Starts the manager and reserves the kernel's space.
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. reserve
    /// the set of spaces; 3. reserve the kernel's space (if that fails,
    /// release the set).
    public static func initialize() throws(KernelError) {
        // 1.
        if spaces != nil {
            throw KernelError.busy
        }
        AddressSpaceProbe.reserveAll()
        // 2.
        let all = try SetManager.reserve(Store<AddressSpace>.self)
        spaces = all
        // 3.
        do throws(KernelError) {
            kernel = try reserve(task: 0)
            active = kernel
        } catch {
            try? SetManager.release(all)
            spaces = nil
            throw error
        }
    }

    /// Stops the manager: releases every space, the kernel's last.
    ///
    /// Steps: 1. make the kernel's space active again, then release
    /// every other space; 2. the kernel's; 3. the set.
    public static func clean() throws(KernelError) {
        guard let all = spaces else {
            return
        }
        // 1.
        if active != kernel {
            try activate(kernel)
        }
        var others: [Identifier] = []
        try all.forEach { space in
            if space.identifier != kernel { others.append(space.identifier) }
        }
        for identifier in others {
            try release(identifier)
        }
        // 2.
        if all.exist(kernel) {
            try release(kernel)
        }
        // 3.
        try SetManager.release(all)
        spaces = nil
        kernel = 0
        active = 0
    }

    /// A new, empty address space for the task `task` (0: the kernel).
    ///
    /// Steps: 1. name it and reserve its sets of segments and regions;
    /// 2. store it; 3. tell the machine (if it refuses, undo 2 and 1).
    public static func reserve(task: Identifier) throws(KernelError) -> Identifier {
        guard let all = spaces else {
            throw KernelError.busy
        }
        // 1.
        let identifier = try IdentifierManager.reserve(.addressSpace)
        let segments: ObjectSet<Store<SegmentReference>>
        let regions: ObjectSet<Store<Region>>
        do throws(KernelError) {
            segments = try SetManager.reserve(Store<SegmentReference>.self)
        } catch {
            try? IdentifierManager.release(identifier)
            throw error
        }
        do throws(KernelError) {
            regions = try SetManager.reserve(Store<Region>.self, options: .sorted)
        } catch {
            try? SetManager.release(segments)
            try? IdentifierManager.release(identifier)
            throw error
        }
        var space = AddressSpace(identifier: identifier, task: task, segments: segments, regions: regions)
        do throws(KernelError) {
            // 2.
            try all.add(space)
            // 3.
            try Machine.addressSpaceReserved(identifier, task: task, record: &space.machineRecord)
            let record = space.machineRecord
            try all.update(identifier) { stored in stored.machineRecord = record }
        } catch {
            try? all.remove(identifier)
            try? SetManager.release(regions)
            try? SetManager.release(segments)
            try? IdentifierManager.release(identifier)
            throw error
        }
        return identifier
    }

    /// Releases the space `identifier`, every region in it and every
    /// segment it owns. The active space cannot go (`busy`): activate
    /// another first.
    ///
    /// Steps: 1. find it; refuse the active space; 2. release its
    /// regions, then its segments (a segment another space still maps
    /// stops the release: `busy`); 3. tell the machine; 4. release its
    /// sets (if that is refused, the space stays whole); 5. drop it and
    /// its identifier.
    public static func release(_ identifier: Identifier) throws(KernelError) {
        // 1.
        let all = try container()
        _ = try all.get(identifier)
        if identifier == active && identifier != kernel {
            throw KernelError.busy
        }
        // 2.
        if try all.get(identifier).regions.size() > 0 {
            try RegionManager.flush(identifier)
        }
        try SegmentManager.flush(identifier)
        // 3.
        var space = try all.get(identifier)
        try Machine.addressSpaceReleasing(identifier, record: &space.machineRecord)
        // (kept at once: the machine gave its tables back, and a stored
        // record still naming them would point at freed pages if step 4
        // were refused)
        let record = space.machineRecord
        try all.update(identifier) { stored in stored.machineRecord = record }
        // 4. (the regions' set first: if the machine refuses it, the
        // space is still whole; if it refuses the second, the space keeps
        // its segments' set and a released, empty regions' set)
        try SetManager.release(space.regions)
        try SetManager.release(space.segments)
        // 5.
        try all.remove(identifier)
        try IdentifierManager.release(identifier)
    }

    /// Makes the space `identifier` the one the processor translates
    /// through (the machine switches its page tables).
    ///
    /// Steps: 1. find it; 2. tell the machine (it may refuse: the old
    /// space stays active); 3. remember it.
    public static func activate(_ identifier: Identifier) throws(KernelError) {
        // 1.
        var space = try get(identifier)
        // 2.
        try Machine.addressSpaceActivate(identifier, record: &space.machineRecord)
        let record = space.machineRecord
        try container().update(identifier) { stored in stored.machineRecord = record }
        // 3.
        active = identifier
    }

    /// The address space named `identifier`.
    public static func get(_ identifier: Identifier) throws(KernelError) -> AddressSpace {
        try container().get(identifier)
    }

    /// True if an address space is named `identifier`.
    public static func exist(_ identifier: Identifier) -> Bool {
        spaces?.exist(identifier) ?? false
    }

    /// The identifiers of the segments the space `identifier` owns.
    public static func segments(of identifier: Identifier) throws(KernelError) -> [Identifier] {
        var owned: [Identifier] = []
        try get(identifier).segments.forEach { segment in owned.append(segment.identifier) }
        return owned
    }

    /// Prints one address space.
    public static func show(_ identifier: Identifier) throws(KernelError) {
        try get(identifier).show()
    }

    /// Prints every address space.
    public static func dump() {
        guard let all = spaces else {
            print("address spaces: none (the manager is not initialised)")
            return
        }
        print("address spaces: \(all.storedCount), kernel 0x\(hexadecimal(kernel))")
        do throws(KernelError) {
            try all.forEach { space in space.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    // MARK: for the segment manager

    /// Lists the segment `segment` in the space `space`.
    static func attach(_ segment: Identifier, to space: Identifier) throws(KernelError) {
        try get(space).segments.add(SegmentReference(identifier: segment))
    }

    /// Drops the segment `segment` from the space `space`.
    static func detach(_ segment: Identifier, from space: Identifier) throws(KernelError) {
        try get(space).segments.remove(segment)
    }

    /// The set of spaces, or `busy` before `initialize`.
    static func container() throws(KernelError) -> ObjectSet<Store<AddressSpace>> {
        guard let all = spaces else { throw KernelError.busy }
        return all
    }
}
