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
    /// taken); 3. name the region; 4. store it and tell the machine.
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
            if options.contains(.forceAddress) {
                try checkFree(regions, address, size)
                start = address
            } else {
                guard let gap = try place(regions, size) else {
                    throw KernelError.exhausted
                }
                start = gap
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
    /// between the regions of `regions` (first fit); nil if none.
    ///
    /// Steps: 1. walk the regions in address order, keeping where the
    /// last one ended; 2. the first gap big enough before a region wins;
    /// 3. else the gap after the last region, up to the window's end.
    static func place(_ regions: ObjectSet<AddressSpaceManager.Store<Region>>, _ size: UInt64) throws(KernelError) -> UInt64? {
        // BEGIN ASSIGNMENT 03-region
        var cursor = RegionWindow.base
        var found: UInt64? = nil
        // 1.
        try regions.forEach { region in
            // 2.
            if found == nil && region.address - cursor >= size {
                found = cursor
            }
            cursor = region.end
        }
        if found != nil {
            return found
        }
        // 3.
        return RegionWindow.end - cursor >= size ? cursor : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
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
