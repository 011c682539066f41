// reference/segment/segment_shape.swift -- changing a segment's extent or
// owner: split, coalesce, resize, clone, give.
//
//     split at 0x2000          coalesce               resize (grow)
//     [A.........]             [A....][B....]         [A....][free..]
//     [A.][B.....]             [A...........]         [A.........][f]
//
// A split keeps the first part under the old identifier and names the
// second; a coalesce keeps the lower identifier. Resizing keeps the
// identifier too: it grows in place when the pages after the segment are
// free, otherwise it moves the segment (copying its bytes) to a free
// area the fit policy chooses, unless the segment is `noRelocate`.
//
// A segment that a region maps keeps its pages where they are: split,
// coalesce and resize refuse it (`busy`, reference/region/
// region_segment.swift); release its regions first.

import Machine

extension SegmentManager {
    /// Cuts the segment `identifier` in two at `offset` (whole pages,
    /// strictly inside); returns the identifier of the second part, which
    /// has the same owner, permissions and options.
    ///
    /// Steps: 1. check the offset; 2. shrink the first part and tell the
    /// machine; 3. store the second part (its own reserve hook); if that
    /// fails, give the first part its size back.
    public static func split(_ identifier: Identifier, at offset: UInt64) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(SegmentProbe.split) { () throws(KernelError) in
            try RegionManager.refuseMapped(identifier)
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            let whole = try segment(identifier)
            if offset == 0 || offset >= whole.size || !Pages.isAligned(offset) {
                throw KernelError.invalidArgument
            }
            // 2.
            try reshape(identifier, address: whole.address, size: offset)
            // 3.
            let second: Identifier
            do throws(KernelError) {
                second = try IdentifierManager.reserve(.segment)
            } catch {
                try? reshape(identifier, address: whole.address, size: whole.size)
                throw error
            }
            let tail = Segment(identifier: second, address: whole.address + offset, size: whole.size - offset,
                               owner: whole.owner, permissions: whole.permissions, options: whole.options)
            do throws(KernelError) {
                try storeCarved(tail)
            } catch {
                try? IdentifierManager.release(second)
                try? reshape(identifier, address: whole.address, size: whole.size)
                throw error
            }
            return second
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Joins the segments `first` and `second` into one (the lower
    /// identifier of the two in address order stays); they must touch
    /// and have the same owner, permissions and options.
    ///
    /// Steps: 1. check both and order them by address; 2. tell the
    /// machine the upper one goes; 3. drop it; 4. grow the lower one
    /// over it (if the machine refuses, put the upper one back).
    public static func coalesce(_ first: Identifier, _ second: Identifier) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(SegmentProbe.coalesce) { () throws(KernelError) in
            try RegionManager.refuseMapped(first)
            try RegionManager.refuseMapped(second)
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            let one = try segment(first)
            let two = try segment(second)
            let (lower, upper) = one.address < two.address ? (one, two) : (two, one)
            if first == second || lower.end != upper.address || lower.owner != upper.owner
                || lower.permissions != upper.permissions || lower.options != upper.options {
                throw KernelError.invalidArgument
            }
            // 2.
            var record = upper.machineRecord
            try Machine.segmentReleasing(upper.identifier, record: &record)
            // 3.
            try AddressSpaceManager.detach(upper.identifier, from: upper.owner)
            try segments().remove(upper.identifier)
            // 4.
            do throws(KernelError) {
                try reshape(lower.identifier, address: lower.address, size: lower.size + upper.size)
            } catch {
                try? storeCarved(upper)
                throw error
            }
            try IdentifierManager.release(upper.identifier)
            return lower.identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Makes the segment `identifier` `size` bytes long (whole pages),
    /// keeping its identifier and its bytes (up to the smaller size).
    ///
    /// Steps: 1. check the size; same size: nothing to do; 2. shrink:
    /// give the tail back; 3. grow in place when the pages after it are
    /// free; 4. otherwise refuse a `noRelocate` segment (`busy`); 5. or
    /// move it: take a new place, copy, free the old place.
    public static func resize(_ identifier: Identifier, to size: UInt64) throws(KernelError) {
        try StatisticsManager.measure(SegmentProbe.resize) { () throws(KernelError) in
            try RegionManager.refuseMapped(identifier)
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            try checkSize(size)
            let old = try segment(identifier)
            if size == old.size { return }
            if size < old.size {
                // 2.
                try reshape(identifier, address: old.address, size: size)
                try giveBack(old.address + size, old.size - size)
                return
            }
            let extra = size - old.size
            if try isFree(old.end, extra) {
                // 3.
                try take(old.end, extra)
                do throws(KernelError) {
                    try reshape(identifier, address: old.address, size: size)
                } catch {
                    try? giveBack(old.end, extra)
                    throw error
                }
                return
            }
            // 4.
            if old.options.contains(.noRelocate) {
                throw KernelError.busy
            }
            // 5.
            try move(old, size: size)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// A new segment with the same size, owner, permissions, options and
    /// bytes as `identifier`, placed by the fit policy.
    ///
    /// Steps: 1. reserve the copy; 2. copy the bytes (releasing the copy
    /// if the machine refuses).
    public static func clone(_ identifier: Identifier) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(SegmentProbe.clone) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            let original = try segment(identifier)
            let copy = try reserve(original.owner, size: original.size, permissions: original.permissions,
                                   options: original.options)
            // 2.
            do throws(KernelError) {
                let target = try segment(copy)
                try Machine.copyPhysical(from: original.address, to: target.address, count: original.size)
            } catch {
                try? release(copy)
                throw error
            }
            return copy
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    /// Gives the segment `identifier` to the address space `space`.
    ///
    /// Steps: 1. check both; 2. move it between the spaces' sets;
    /// 3. change its owner.
    public static func give(_ identifier: Identifier, to space: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SegmentProbe.give) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 02-segment
            // 1.
            let segment = try segment(identifier)
            if !AddressSpaceManager.exist(space) {
                throw KernelError.unknownIdentifier
            }
            if segment.owner == space { return }
            // 2.
            try AddressSpaceManager.attach(identifier, to: space)
            do throws(KernelError) {
                try AddressSpaceManager.detach(identifier, from: segment.owner)
            } catch {
                try? AddressSpaceManager.detach(identifier, from: space)
                throw error
            }
            // 3.
            try segments().update(identifier) { stored in stored.owner = space }
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
    }

    // MARK: helpers

    /// Sets the extent of the segment `identifier` and tells the machine;
    /// if the machine refuses, the old extent is back.
    static func reshape(_ identifier: Identifier, address: UInt64, size: UInt64) throws(KernelError) {
        let old = try segment(identifier)
        var record = old.machineRecord
        try segments().update(identifier) { stored in
            stored.address = address
            stored.size = size
        }
        do throws(KernelError) {
            try Machine.segmentResized(identifier, address: address, size: size, record: &record)
        } catch {
            try? segments().update(identifier) { stored in
                stored.address = old.address
                stored.size = old.size
            }
            throw error
        }
        try segments().update(identifier) { stored in stored.machineRecord = record }
    }

    /// Stores a segment whose pages are not free (they belonged to a
    /// segment already): like `store`, without giving pages back when
    /// the machine refuses.
    static func storeCarved(_ segment: Segment) throws(KernelError) {
        try segments().add(segment)
        var record = segment.machineRecord
        do throws(KernelError) {
            try AddressSpaceManager.attach(segment.identifier, to: segment.owner)
            try Machine.segmentReserved(
                segment.identifier, address: segment.address, size: segment.size, owner: segment.owner,
                permissions: segment.permissions, options: segment.options.rawValue, record: &record)
        } catch {
            try? AddressSpaceManager.detach(segment.identifier, from: segment.owner)
            try? segments().remove(segment.identifier)
            throw error
        }
        try segments().update(segment.identifier) { stored in stored.machineRecord = record }
    }

    /// Moves `old` to a new place of `size` bytes.
    ///
    /// Steps: 1. choose and take the new place; 2. copy the bytes;
    /// 3. point the segment there (the machine is told); 4. free the old
    /// place. A failure before 4 gives the new place back.
    static func move(_ old: Segment, size: UInt64) throws(KernelError) {
        // BEGIN ASSIGNMENT 02-segment
        // 1.
        guard let area = try place(size) else {
            throw KernelError.exhausted
        }
        try take(area.address, size)
        do throws(KernelError) {
            // 2.
            try Machine.copyPhysical(from: old.address, to: area.address, count: old.size)
            // 3.
            try reshape(old.identifier, address: area.address, size: size)
        } catch {
            try? giveBack(area.address, size)
            throw error
        }
        // 4.
        nextFitCursor = area.address + size
        try giveBack(old.address, old.size)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 02-segment
    }
}
