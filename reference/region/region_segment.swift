// reference/region/region_segment.swift -- what the segment manager asks
// of the regions.
//
// A region names a segment and an offset in it; the machine mapped the
// segment's physical pages. So a segment that some region maps must keep
// its pages where they are: releasing, splitting, coalescing or resizing
// it is refused with `busy` (release the regions first). Its permissions
// may change: every region mapping it is told, so that the machine
// rewrites the bits of its pages.
//
// These functions walk every region of every space: a segment does not
// list the regions that map it (regions of several spaces may share one
// segment). They work before the region manager starts too (there is no
// region then), so the segment manager can call them unconditionally.

import Machine

extension RegionManager {
    /// Every region, in any space, that maps the segment `segment`.
    public static func mappings(of segment: Identifier) throws(KernelError) -> [Region] {
        guard let all = AddressSpaceManager.spaces else {
            return []
        }
        var found: [Region] = []
        try all.forEach { (space: AddressSpace) throws(KernelError) in
            try space.regions.forEach { region in
                if region.segment == segment { found.append(region) }
            }
        }
        return found
    }

    /// Refuses (`busy`) when a region maps the segment `segment`: the
    /// segment manager asks before it moves or frees a segment's pages.
    public static func refuseMapped(_ segment: Identifier) throws(KernelError) {
        if try !mappings(of: segment).isEmpty {
            throw KernelError.busy
        }
    }

    /// The segment `segment` has new permissions (already stored, the
    /// segment's hook already told); tells the machine for every region
    /// mapping it. If the machine refuses one, the regions already told
    /// and the segment get `previous` back, and the error is returned.
    ///
    /// Steps: 1. list the regions mapping it; 2. tell the machine about
    /// each, keeping its new record; 3. on a refusal, undo.
    public static func followPermissions(
        of segment: Identifier, previous: SegmentPermissions
    ) throws(KernelError) {
        // 1.
        let permissions = try SegmentManager.segment(segment).permissions
        let regions = try mappings(of: segment)
        var told: [Region] = []
        do throws(KernelError) {
            for region in regions {
                // 2.
                try tellPermissions(region, permissions)
                told.append(region)
            }
        } catch {
            // 3.
            for region in told {
                try? tellPermissions(try self.region(region.space, region.identifier), previous)
            }
            try? SegmentManager.restorePermissions(segment, previous)
            throw error
        }
    }

    /// Tells the machine that `region` now maps with `permissions`, and
    /// keeps the record it wrote.
    static func tellPermissions(_ region: Region, _ permissions: SegmentPermissions) throws(KernelError) {
        var record = region.machineRecord
        try Machine.regionPermissionsChanged(
            region.identifier, space: region.space, virtual: region.address, size: region.size,
            permissions: permissions, privileged: region.options.contains(.privileged), record: &record)
        try regions(of: region.space).update(region.identifier) { stored in stored.machineRecord = record }
    }
}
