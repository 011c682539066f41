// reference/segment/segment_reserve.swift -- reserving and releasing
// segments, and the free memory under them.
//
// Free memory is a set of free areas ordered by address. Taking pages
// out of it (`take`) splits an area in up to two; giving pages back
// (`giveBack`) merges them with the area just below and the one just
// above when they touch, found with `floor` and `ceiling`. So two free
// areas never touch, and a released segment's pages are one area again
// with their neighbours, ready for a larger request.

import Machine

extension SegmentManager {
    /// A new segment of `size` bytes (whole pages) owned by the address
    /// space `owner`, placed by the fit policy.
    ///
    /// Steps: 1. check the size, the permission and option bits, and
    /// the owner; 2. choose a free area (`exhausted` if none fits);
    /// 3. name the segment and take its pages; 4. store it and tell its
    /// address space; 5. tell the machine (if it refuses, undo 4 and 3).
    public static func reserve(
        _ owner: Identifier, size: UInt64, permissions: SegmentPermissions,
        options: SegmentOptions = []
    ) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(SegmentProbe.reserve) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            try checkSize(size)
            try checkBits(permissions, options)
            if !AddressSpaceManager.exist(owner) {
                throw KernelError.unknownIdentifier
            }
            // 2.
            guard let area = try place(size) else {
                throw KernelError.exhausted
            }
            // 3.
            let identifier = try IdentifierManager.reserve(.segment)
            let segment = Segment(identifier: identifier, address: area.address, size: size, owner: owner,
                                  permissions: permissions, options: options)
            do throws(KernelError) {
                try take(area.address, size)
                nextFitCursor = segment.end
                // 4. and 5.
                try store(segment)
            } catch {
                try? IdentifierManager.release(identifier)
                throw error
            }
            return identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Releases the segment `identifier`: its pages are free again. A
    /// segment that a region maps is refused (`busy`).
    ///
    /// Steps: 1. find it; 2. tell the machine first (it may refuse);
    /// 3. drop it from its space and the set; 4. free its pages and
    /// its identifier.
    public static func release(_ identifier: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SegmentProbe.release) { () throws(KernelError) in
            try RegionManager.refuseMapped(identifier)
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            var segment = try segment(identifier)
            // 2.
            try Machine.segmentReleasing(identifier, record: &segment.machineRecord)
            // 3.
            try AddressSpaceManager.detach(identifier, from: segment.owner)
            try segments().remove(identifier)
            // 4.
            try giveBack(segment.address, segment.size)
            try IdentifierManager.release(identifier)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Releases every segment of the address space `space`.
    ///
    /// Steps: 1. refuse an unknown space; 2. list its segments; 3.
    /// release each (the first refusal stops the flush with its error).
    public static func flush(_ space: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SegmentProbe.flush) { () throws(KernelError) in
            // 1. and 2.
            let owned = try AddressSpaceManager.segments(of: space)
            // 3.
            for identifier in owned {
                try release(identifier)
            }
        }
    }

    // MARK: placing and storing

    /// The free area the fit policy chooses for `size` bytes, nil if
    /// none is big enough.
    ///
    /// Steps: 1. walk the areas in address order; 2. keep the one the
    /// policy prefers among those big enough (next fit: the first at or
    /// after the cursor, else the first of all).
    static func place(_ size: UInt64) throws(KernelError) -> FreeArea? {
        // BEGIN ASSIGNMENT 02-segment
        var chosen: FreeArea? = nil
        var firstOfAll: FreeArea? = nil
        // 1.
        try areas().forEach { area in
            guard area.size >= size else { return }
            if firstOfAll == nil { firstOfAll = area }
            // 2.
            guard let best = chosen else {
                if fit != .next || area.address >= nextFitCursor { chosen = area }
                return
            }
            switch fit {
            case .first, .next: break
            case .best: if area.size < best.size { chosen = area }
            case .worst: if area.size > best.size { chosen = area }
            }
        }
        return chosen ?? firstOfAll
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 02-segment
    }

    // excerpt: segment-store
    /// Adds `segment` to the set and to its space, then tells the
    /// machine and keeps the record it wrote; undoes the first two if
    /// the machine refuses. The pages must already be taken.
    static func store(_ segment: Segment) throws(KernelError) {
        do throws(KernelError) {
            try segments().add(segment)
        } catch {
            try? giveBack(segment.address, segment.size)
            throw error
        }
        do throws(KernelError) {
            try AddressSpaceManager.attach(segment.identifier, to: segment.owner)
        } catch {
            try? segments().remove(segment.identifier)
            try? giveBack(segment.address, segment.size)
            throw error
        }
        var record = segment.machineRecord
        do throws(KernelError) {
            try Machine.segmentReserved(
                segment.identifier, address: segment.address, size: segment.size, owner: segment.owner,
                permissions: segment.permissions, options: segment.options.rawValue, record: &record)
        } catch {
            try? AddressSpaceManager.detach(segment.identifier, from: segment.owner)
            try? segments().remove(segment.identifier)
            try? giveBack(segment.address, segment.size)
            throw error
        }
        try segments().update(segment.identifier) { stored in stored.machineRecord = record }
    }
    // end excerpt

    /// Refuses permission or option bits that do not exist.
    static func checkBits(_ permissions: SegmentPermissions, _ options: SegmentOptions) throws(KernelError) {
        if !SegmentPermissions.all.isSuperset(of: permissions) || !SegmentOptions.all.isSuperset(of: options) {
            throw KernelError.invalidArgument
        }
    }

    // MARK: free memory

    /// Takes the `size` bytes from `address` out of the free area that
    /// holds them all; `exhausted` if no single area does.
    ///
    /// Steps: 1. the area at or below `address`, which must hold the
    /// whole run; 2. remove it; 3. put back what lies before and after.
    static func take(_ address: UInt64, _ size: UInt64) throws(KernelError) {
        // BEGIN ASSIGNMENT 02-segment
        let areas = try areas()
        // 1.
        guard let area = try areas.floor(address), address + size <= area.end else {
            throw KernelError.exhausted
        }
        // 2.
        try areas.remove(area.identifier)
        // 3.
        if address > area.address {
            try areas.add(FreeArea(address: area.address, size: address - area.address))
        }
        if address + size < area.end {
            try areas.add(FreeArea(address: address + size, size: area.end - (address + size)))
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 02-segment
    }

    /// True if the `size` bytes from `address` are all free.
    static func isFree(_ address: UInt64, _ size: UInt64) throws(KernelError) -> Bool {
        // BEGIN ASSIGNMENT 02-segment
        guard let area = try areas().floor(address) else { return false }
        return address + size <= area.end
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 02-segment
    }

    /// Gives the `size` bytes from `address` back to the free memory,
    /// merged with the areas they touch.
    ///
    /// Steps: 1. merge with the area just below if it ends here; 2. with
    /// the area just above if it starts at our end; 3. add the result.
    static func giveBack(_ address: UInt64, _ size: UInt64) throws(KernelError) {
        // BEGIN ASSIGNMENT 02-segment
        let areas = try areas()
        var start = address
        var end = address + size
        // 1.
        if let below = try areas.floor(address), below.end == address {
            try areas.remove(below.identifier)
            start = below.address
        }
        // 2.
        if let above = try areas.ceiling(end), above.address == end {
            try areas.remove(above.identifier)
            end = above.end
        }
        // 3.
        try areas.add(FreeArea(address: start, size: end - start))
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 02-segment
    }
}
