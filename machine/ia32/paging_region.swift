// machine/ia32/paging_region.swift -- the region hooks: keeping the page
// tables in step with the region manager.
//
// A region maps a run of virtual pages of one space onto a run of
// physical pages (machine/shared/hooks.swift says what each hook must
// do). Here each hook becomes page-by-page calls to paging.swift, which
// flushes the TLB where it must. The bits of each entry:
//
//     present   always
//     writable  when the segment's permissions contain .write
//     user      unless the region is privileged (the kernel's)
//
// (read and execute have no bit on ia32 without PAE). A hook that fails
// halfway undoes the pages it did, so the tables are as they were.

internal import IA32

extension Machine {
    // excerpt: entry-bits
    /// The flags of a region's entries.
    static func pageFlags(_ permissions: SegmentPermissions, privileged: Bool) -> UInt32 {
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
        var flags: UInt32 = 0
        if permissions.contains(.write) { flags |= PageEntry.writable }
        if !privileged { flags |= PageEntry.user }
        return flags
        // ELSE
        // return 0
        // END ASSIGNMENT 03-region
    }

    /// Maps `size` bytes from `virtual` onto `physical` in `space`; if a
    /// page fails, unmaps those already done and fails.
    static func mapRun(_ space: SpaceTables, _ virtual: UInt64, _ physical: UInt64, _ size: UInt64, _ flags: UInt32) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        guard virtual + size <= UInt64(UInt32.max) + 1, physical + size <= UInt64(UInt32.max) + 1 else {
            throw KernelError.outOfRange
        }
        var offset: UInt64 = 0
        do throws(KernelError) {
            while offset < size {
                try Paging.map(space, virtual: UInt32(virtual + offset), physical: UInt32(physical + offset), flags: flags)
                offset += pageSize
            }
        } catch {
            unmapRun(space, virtual, offset)
            throw error
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

    /// Unmaps `size` bytes from `virtual` in `space` (and flushes them).
    static func unmapRun(_ space: SpaceTables, _ virtual: UInt64, _ size: UInt64) {
        // BEGIN ASSIGNMENT 03-region
        var offset: UInt64 = 0
        while offset < size && virtual + offset <= UInt64(UInt32.max) {
            Paging.unmap(space, virtual: UInt32(virtual + offset))
            offset += pageSize
        }
        // ELSE
        // // Not written yet: the pages stay mapped.
        // END ASSIGNMENT 03-region
    }

    /// Maps the new region's pages.
    @export(interface)
    public static func regionReserved(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        try mapRun(try KernelSpace.find(space), virtual, physical, size, pageFlags(permissions, privileged: privileged))
        // ELSE
        // // Not written yet: the region exists in the books only (no page is mapped).
        // END ASSIGNMENT 03-region
    }

    /// Unmaps the region's pages (paging.swift flushes them).
    @export(interface)
    public static func regionReleasing(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64, record: inout RegionRecord
    ) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        unmapRun(try KernelSpace.find(space), virtual, size)
        // ELSE
        // // Not written yet: no page was mapped.
        // END ASSIGNMENT 03-region
    }

    /// Unmaps the lost tail, or maps the new one.
    @export(interface)
    public static func regionResized(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        previousSize: UInt64, permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        let tables = try KernelSpace.find(space)
        if size < previousSize {
            unmapRun(tables, virtual + size, previousSize - size)
        } else if size > previousSize {
            try mapRun(tables, virtual + previousSize, physical + previousSize, size - previousSize,
                       pageFlags(permissions, privileged: privileged))
        }
        // ELSE
        // // Not written yet: no page is mapped or unmapped.
        // END ASSIGNMENT 03-region
    }

    /// Rewrites the bits of every page of the region (paging.swift
    /// flushes each one).
    ///
    /// Steps: 1. every page must be mapped (else refuse, nothing
    /// changed); 2. rewrite them.
    @export(interface)
    public static func regionPermissionsChanged(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        let tables = try KernelSpace.find(space)
        guard virtual + size <= UInt64(UInt32.max) + 1 else { throw KernelError.outOfRange }
        // 1.
        var offset: UInt64 = 0
        while offset < size {
            guard Paging.translate(directory: tables.directory, UInt32(virtual + offset)) != nil else {
                throw KernelError.outOfRange
            }
            offset += pageSize
        }
        // 2.
        offset = 0
        while offset < size {
            try Paging.protect(tables, virtual: UInt32(virtual + offset), flags: pageFlags(permissions, privileged: privileged))
            offset += pageSize
        }
        // ELSE
        // // Not written yet: no entry changes.
        // END ASSIGNMENT 03-region
    }

    /// Loads the space's directory in CR3 (KernelSpace.load says why
    /// that is enough).
    @export(interface)
    public static func addressSpaceActivate(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        guard let tables = record.tables, KernelSpace.pagingIsOn else { throw KernelError.machineRefused }
        KernelSpace.load(directory: tables.directory)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }
}
