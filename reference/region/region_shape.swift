// reference/region/region_shape.swift -- changing a region's extent:
// split, resize, coalesce.
//
//     split at 0x2000          coalesce                 resize (grow)
//     [A.........]             [A....][B....]           [A....][gap..]
//     [A.][B.....]             [A...........]           [A.........][]
//
// A region's start (virtual and in its segment) never moves: split and
// coalesce keep the first region's identifier and start, and resize
// grows or shrinks the end. So the machine only ever maps or unmaps the
// pages at the end of a region (`regionResized`), and the order of the
// hooks never leaves a page mapped twice: a split shrinks the first
// region before it reserves the second; a coalesce releases the second
// before it grows the first.

import Machine

extension RegionManager {
    /// Cuts the region `identifier` of `space` in two at `offset` (whole
    /// pages, strictly inside); returns the identifier of the second
    /// part, which maps the rest of the same segment with the same
    /// options.
    ///
    /// Steps: 1. check the offset; 2. shrink the first part (the machine
    /// unmaps its tail); 3. name and store the second part (the machine
    /// maps it); if that fails, give the first part its size back.
    public static func split(_ space: Identifier, _ identifier: Identifier, at offset: UInt64) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(RegionProbe.split) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            let whole = try region(space, identifier)
            if offset == 0 || offset >= whole.size || !Pages.isAligned(offset) {
                throw KernelError.invalidArgument
            }
            // 2.
            try reshape(whole, size: offset)
            // 3.
            let second: Identifier
            do throws(KernelError) {
                second = try IdentifierManager.reserve(.region)
            } catch {
                try? reshape(try region(space, identifier), size: whole.size)
                throw error
            }
            let tail = Region(identifier: second, space: space, address: whole.address + offset,
                              size: whole.size - offset, segment: whole.segment, offset: whole.offset + offset,
                              options: whole.options)
            do throws(KernelError) {
                try store(tail)
            } catch {
                try? IdentifierManager.release(second)
                try? reshape(try region(space, identifier), size: whole.size)
                throw error
            }
            return second
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// Makes the region `identifier` of `space` `size` bytes long (whole
    /// pages), keeping its start. It must still lie inside its segment
    /// (`outOfRange`), and a growing region must find the virtual pages
    /// after it free (`busy` if a region is there, `outOfRange` past the
    /// window).
    ///
    /// Steps: 1. check the size against the segment; same size: nothing
    /// to do; 2. growing: check the pages after it; 3. change the size
    /// (the machine maps or unmaps the difference).
    public static func resize(_ space: Identifier, _ identifier: Identifier, to size: UInt64) throws(KernelError) {
        try StatisticsManager.measure(RegionProbe.resize) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            try checkPages(size: size, offset: 0)
            let old = try region(space, identifier)
            let mapped = try SegmentManager.segment(old.segment)
            if size > mapped.size - old.offset {
                throw KernelError.outOfRange
            }
            if size == old.size { return }
            // 2.
            if size > old.size {
                try checkFree(try regions(of: space), old.end, size - old.size)
            }
            // 3.
            try reshape(old, size: size)
            try lowerHint(space, to: old.address + size)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    /// Joins the regions `first` and `second` of `space` into one (the
    /// one of lower address stays). They must touch, map the same
    /// segment with contiguous offsets, and have the same options.
    ///
    /// Steps: 1. check both and order them by address; 2. release the
    /// upper one (the machine unmaps it); 3. grow the lower one over it
    /// (the machine maps it again); if that is refused, put the upper
    /// one back.
    public static func coalesce(_ space: Identifier, _ first: Identifier, _ second: Identifier) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(RegionProbe.coalesce) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 03-region
            // 1.
            let one = try region(space, first)
            let two = try region(space, second)
            let (lower, upper) = one.address < two.address ? (one, two) : (two, one)
            if first == second || lower.end != upper.address || lower.segment != upper.segment
                || lower.offset + lower.size != upper.offset || lower.options != upper.options {
                throw KernelError.invalidArgument
            }
            // 2.
            var record = upper.machineRecord
            try Machine.regionReleasing(upper.identifier, space: space, virtual: upper.address, size: upper.size,
                                        record: &record)
            try regions(of: space).remove(upper.identifier)
            // 3.
            do throws(KernelError) {
                try reshape(lower, size: lower.size + upper.size)
            } catch {
                try? store(upper)
                throw error
            }
            try IdentifierManager.release(upper.identifier)
            return lower.identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 03-region
        }
    }

    // MARK: helpers

    /// Gives `region` (as stored now) the size `size` and tells the
    /// machine; if the machine refuses, the old size is back.
    static func reshape(_ region: Region, size: UInt64) throws(KernelError) {
        let regions = try regions(of: region.space)
        let mapped = try SegmentManager.segment(region.segment)
        var record = region.machineRecord
        try regions.update(region.identifier) { stored in stored.size = size }
        do throws(KernelError) {
            try Machine.regionResized(
                region.identifier, space: region.space, virtual: region.address,
                physical: mapped.address + region.offset, size: size, previousSize: region.size,
                permissions: mapped.permissions, privileged: region.options.contains(.privileged),
                record: &record)
        } catch {
            try? regions.update(region.identifier) { stored in stored.size = region.size }
            throw error
        }
        try regions.update(region.identifier) { stored in stored.machineRecord = record }
    }
}
