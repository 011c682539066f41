// reference/region/region_reserve.swift -- reserving and releasing
// regions, and finding room for them in the region window.
//
// A space's regions are ordered by virtual address, so the free room of
// the window is the gaps between them:
//
//     window  0x40000000                                      0xC0000000
//             [region A][gap.....][region B][gap...................]
//
// First fit walks the regions in order and takes the first gap big
// enough; a forced address is free if the region just below it ends at
// or before it (`floor`) and the one just above starts at or after its
// end (`ceiling`).
//
// The walk does not start at the window's base. Each space keeps a hint
// (`AddressSpace.regionHint`): no byte of the window below it is free.
// Regions are mostly reserved and released at the top, so the hint sits
// near the end and a reserve costs a few steps instead of one per live
// region (the kernel's free-area cache of mmap works the same way):
//
//     [A][B][C][D][gap..][E][gap.........................]
//                 ^ hint: everything below is taken
//
// Placing a region at the first free byte moves the hint past it;
// releasing or shrinking a region lowers it to the freed bytes; splits,
// coalesces and forced reserves free nothing, so they leave it alone.

import Machine

extension RegionManager {
    /// A new region of the space `space` mapping `size` bytes of the
    /// segment `segment` from `offset`; at `address` with the option
    /// `forceAddress` (otherwise `address` must be 0 and the manager
    /// chooses, first fit). Returns its identifier.
    ///
    /// Steps: 1. check the sizes, the options, the space and the
    /// segment (the run must lie inside it); 2. choose the virtual
    /// address (`exhausted` if no gap fits, `busy` if a forced one is
    /// taken); 3. name the region; 4. store it and tell the machine,
    /// then move the space's hint (not before: a refusal leaves it).
    public static func reserve(
        _ space: Identifier, segment: Identifier, offset: UInt64, size: UInt64,
        options: RegionOptions = [], address: UInt64 = 0
    ) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(RegionProbe.reserve) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            try checkPages(size: size, offset: offset)
            try checkOptions(options, space: space, address: address)
            let regions = try regions(of: space)
            let mapped = try SegmentManager.segment(segment)
            if offset > mapped.size || size > mapped.size - offset {
                throw KernelError.outOfRange
            }
            // 2.
            let start: UInt64
            var nextHint: UInt64?
            if options.contains(.forceAddress) {
                try checkFree(regions, address, size)
                start = address
            } else {
                let hint = try AddressSpaceManager.get(space).regionHint
                guard let gap = try place(regions, size, from: hint) else {
                    throw KernelError.exhausted
                }
                start = gap.address
                nextHint = gap.hint
            }
            // 3.
            let identifier = try IdentifierManager.reserve(.region)
            let region = Region(identifier: identifier, space: space, address: start, size: size,
                                segment: segment, offset: offset, options: options)
            // 4.
            do throws(KernelError) {
                try store(region)
            } catch {
                try? IdentifierManager.release(identifier)
                throw error
            }
            // (the hint moves only now: a refusal above leaves it as it
            // was; a hint left lower than it could be is still true)
            if let nextHint {
                try? setHint(space, nextHint)
            }
            return identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// Releases the region `identifier` of the space `space`: its
    /// virtual addresses are free again (the segment stays).
    ///
    /// Steps: 1. find it; 2. tell the machine first (it may refuse);
    /// 3. drop it and its identifier.
    public static func release(_ space: Identifier, _ identifier: Identifier) throws(KernelError) {
        try StatisticsManager.measure(RegionProbe.release) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            var region = try region(space, identifier)
            // 2.
            try Machine.regionReleasing(identifier, space: space, virtual: region.address, size: region.size,
                                        record: &region.machineRecord)
            // 3.
            try regions(of: space).remove(identifier)
            try IdentifierManager.release(identifier)
            try lowerHint(space, to: region.address)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// Releases every region of the space `space`.
    ///
    /// Steps: 1. list its regions (an unknown space is refused);
    /// 2. release each (the first refusal stops the flush with its error).
    public static func flush(_ space: Identifier) throws(KernelError) {
        try StatisticsManager.measure(RegionProbe.flush) { () throws(KernelError) in
            // 1.
            var all: [Identifier] = []
            try regions(of: space).forEach { region in all.append(region.identifier) }
            // 2.
            for identifier in all {
                try release(space, identifier)
            }
        }
    }

    // MARK: placing and storing

    /// The lowest virtual address of the window where `size` bytes fit
    /// between the regions of `regions` (first fit), searched from
    /// `hint` (no byte below it is free), with the space's next hint;
    /// nil if no gap fits.
    ///
    /// Steps: 1. start at the hint, or past a region that grew across
    /// it; 2. walk the regions at or above it in address order, noting
    /// the first free byte met; the first gap big enough wins; 3. else the
    /// gap after the last region, up to the window's end; 4. the next
    /// hint is that first free byte, or past the new region if it is
    /// placed right there.
    static func place(
        _ regions: ObjectSet<AddressSpaceManager.Store<Region>>, _ size: UInt64, from hint: UInt64
    ) throws(KernelError) -> (address: UInt64, hint: UInt64)? {
        // BEGIN ASSIGNMENT 03-region
        // 1.
        var cursor = max(hint, RegionWindow.base)
        if let below = try regions.floor(cursor), below.end > cursor {
            cursor = below.end
        }
        var firstFree: UInt64? = nil
        var found: UInt64? = nil
        // 2.
        var position: ObjectSet<AddressSpaceManager.Store<Region>>.Position? = nil
        if let first = try regions.ceiling(cursor) {
            position = try regions.locate(first.identifier)
        }
        while let current = position {
            let region = try regions.object(at: current)
            if region.address > cursor {
                if firstFree == nil { firstFree = cursor }
                if region.address - cursor >= size {
                    found = cursor
                    break
                }
            }
            cursor = region.end
            position = try regions.next(current)
        }
        // 3.
        if found == nil {
            if cursor < RegionWindow.end, firstFree == nil { firstFree = cursor }
            guard RegionWindow.end - cursor >= size else { return nil }
            found = cursor
        }
        // 4.
        guard let address = found, let free = firstFree else { return nil }
        return (address, free == address ? address + size : free)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

    /// Sets the first-fit hint of `space` to `hint`.
    static func setHint(_ space: Identifier, _ hint: UInt64) throws(KernelError) {
        try AddressSpaceManager.container().update(space) { stored in stored.regionHint = hint }
    }

    /// Lowers the first-fit hint of `space` to `address` (bytes freed
    /// there); a hint already lower stays.
    static func lowerHint(_ space: Identifier, to address: UInt64) throws(KernelError) {
        if address < (try AddressSpaceManager.get(space).regionHint) {
            try setHint(space, address)
        }
    }

    /// Refuses [address, address + size) unless it lies in the window and
    /// no region of `regions` meets it.
    ///
    /// Steps: 1. inside the window (`outOfRange`); 2. the region below
    /// ends by `address`, the one above starts at the end (`busy`).
    static func checkFree(
        _ regions: ObjectSet<AddressSpaceManager.Store<Region>>, _ address: UInt64, _ size: UInt64
    ) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        // 1.
        if address < RegionWindow.base || address > RegionWindow.end || size > RegionWindow.end - address {
            throw KernelError.outOfRange
        }
        // 2.
        if let below = try regions.floor(address), below.end > address {
            throw KernelError.busy
        }
        if let above = try regions.ceiling(address), above.address < address + size {
            throw KernelError.busy
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

    /// Refuses option bits that do not exist, a privileged region outside
    /// the kernel's space (`permissionDenied`), a forced address that is
    /// not page-aligned, and an address given without `forceAddress`.
    static func checkOptions(_ options: RegionOptions, space: Identifier, address: UInt64) throws(KernelError) {
        if !RegionOptions.all.isSuperset(of: options) || !Pages.isAligned(address) {
            throw KernelError.invalidArgument
        }
        if !options.contains(.forceAddress) && address != 0 {
            throw KernelError.invalidArgument
        }
        if options.contains(.privileged) && space != AddressSpaceManager.kernel {
            throw KernelError.permissionDenied
        }
    }

    /// Adds `region` to its space's set, then tells the machine and keeps
    /// the record it wrote; takes the region out again if the machine
    /// refuses.
    static func store(_ region: Region) throws(KernelError) {
        let regions = try regions(of: region.space)
        let mapped = try SegmentManager.segment(region.segment)
        try regions.add(region)
        var record = region.machineRecord
        do throws(KernelError) {
            try Machine.regionReserved(
                region.identifier, space: region.space, virtual: region.address,
                physical: mapped.address + region.offset, size: region.size, permissions: mapped.permissions,
                privileged: region.options.contains(.privileged), record: &record)
        } catch {
            try? regions.remove(region.identifier)
            throw error
        }
        try regions.update(region.identifier) { stored in stored.machineRecord = record }
    }
}
