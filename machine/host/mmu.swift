// machine/host/mmu.swift -- a simulated MMU: the host machine's page
// tables, kept by the region hooks.
//
// ia32 keeps, per address space, a page directory and page tables that
// the processor walks on every access. The host machine keeps the same
// facts in a plain table per space, virtual page -> (physical page,
// writable, user), and `access` walks it the way the processor would,
// reporting a simulated page fault instead of taking one. The region
// hooks (machine/shared/hooks.swift, "What each region hook must do")
// keep the tables; the host tests compare them, page by page, with what
// the region manager says, so a core that forgets to tell the machine
// something (or tells it wrong) fails on the host before it ever boots.
//
// The hooks also check themselves: mapping a page that is already
// mapped, or unmapping one that is not, is written in `mmuErrors` (the
// core must never ask for either).

/// One entry of a simulated page table.
public struct PageEntry: Equatable, Sendable {
    /// The physical page the virtual page maps (page-aligned).
    public let physical: UInt64
    /// Writes are allowed.
    public let writable: Bool
    /// User code may reach it (false: supervisor only).
    public let user: Bool

    /// An entry mapping onto `physical` with these bits.
    public init(physical: UInt64, writable: Bool, user: Bool) {
        self.physical = physical
        self.writable = writable
        self.user = user
    }
}

/// A page fault the simulated MMU reports instead of taking it.
public struct SimulatedFault: Error, Equatable, Sendable {
    /// Why the access faulted.
    public enum Kind: Equatable, Sendable {
        /// No page is mapped there.
        case notPresent
        /// A write to a read-only page.
        case writeProtected
        /// A user access to a supervisor-only page.
        case supervisorOnly
        /// The address space has no table (it does not exist).
        case noSuchSpace
    }

    /// The faulting virtual address (ia32: CR2).
    public let address: UInt64
    /// Why it faulted.
    public let kind: Kind
}

extension Machine {
    /// Every address space's table: space -> virtual page -> entry.
    nonisolated(unsafe) public internal(set) static var pageTables: [Identifier: [UInt64: PageEntry]] = [:]

    /// The space the simulated processor translates through (0: none).
    nonisolated(unsafe) public internal(set) static var activeSpace: Identifier = 0

    /// What the hooks were asked and must never be (see the top).
    nonisolated(unsafe) public static var mmuErrors: [String] = []

    /// The physical address an access to `virtual` in `space` reaches,
    /// or the fault it takes.
    ///
    /// Steps: 1. find the space's table; 2. find the page's entry;
    /// 3. check the access against its bits; 4. add the offset.
    public static func access(
        space: Identifier, virtual: UInt64, write: Bool, user: Bool = true
    ) throws(SimulatedFault) -> UInt64 {
        // 1.
        guard let table = pageTables[space] else {
            throw SimulatedFault(address: virtual, kind: .noSuchSpace)
        }
        // 2.
        guard let entry = table[Pages.alignDown(virtual)] else {
            throw SimulatedFault(address: virtual, kind: .notPresent)
        }
        // 3.
        if user && !entry.user {
            throw SimulatedFault(address: virtual, kind: .supervisorOnly)
        }
        if write && !entry.writable {
            throw SimulatedFault(address: virtual, kind: .writeProtected)
        }
        // 4.
        return entry.physical + (virtual - Pages.alignDown(virtual))
    }

    /// Records a region reservation and maps its pages.
    public static func regionReserved(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {
        let arguments = "space=0x\(String(space, radix: 16)) virtual=0x\(String(virtual, radix: 16))"
            + " physical=0x\(String(physical, radix: 16)) size=0x\(String(size, radix: 16))"
            + " permissions=0x\(String(permissions.rawValue, radix: 16)) privileged=\(privileged)"
        let call = try self.record("regionReserved", identifier, arguments, existed: upcalls.objectExists(identifier))
        record.reservedBy = call
        record.lastCall = call
        map(space, virtual, physical, size, permissions, privileged)
    }

    /// Records a region release (the region is still there) and unmaps
    /// its pages.
    public static func regionReleasing(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64, record: inout RegionRecord
    ) throws(KernelError) {
        let arguments = "space=0x\(String(space, radix: 16)) virtual=0x\(String(virtual, radix: 16))"
            + " size=0x\(String(size, radix: 16))"
        record.lastCall = try self.record(
            "regionReleasing", identifier, arguments, existed: upcalls.objectExists(identifier))
        unmap(space, virtual, size)
    }

    /// Records a region's new size and maps or unmaps the difference.
    public static func regionResized(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        previousSize: UInt64, permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {
        let arguments = "space=0x\(String(space, radix: 16)) virtual=0x\(String(virtual, radix: 16))"
            + " size=0x\(String(size, radix: 16)) previous=0x\(String(previousSize, radix: 16))"
        record.lastCall = try self.record(
            "regionResized", identifier, arguments, existed: upcalls.objectExists(identifier))
        if size < previousSize {
            unmap(space, virtual + size, previousSize - size)
        } else if size > previousSize {
            map(space, virtual + previousSize, physical + previousSize, size - previousSize, permissions, privileged)
        }
    }

    /// Records new permissions of a region and rewrites its entries.
    public static func regionPermissionsChanged(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {
        let arguments = "space=0x\(String(space, radix: 16)) virtual=0x\(String(virtual, radix: 16))"
            + " permissions=0x\(String(permissions.rawValue, radix: 16))"
        record.lastCall = try self.record(
            "regionPermissionsChanged", identifier, arguments, existed: upcalls.objectExists(identifier))
        var page = virtual
        while page < virtual + size {
            if let entry = pageTables[space]?[page] {
                pageTables[space]?[page] = PageEntry(
                    physical: entry.physical, writable: permissions.contains(.write), user: !privileged)
            } else {
                mmuErrors.append("new permissions for unmapped page 0x\(String(page, radix: 16))")
            }
            page += pageSize
        }
    }

    /// Enters `size` bytes of pages from `virtual` onto `physical`.
    static func map(
        _ space: Identifier, _ virtual: UInt64, _ physical: UInt64, _ size: UInt64,
        _ permissions: SegmentPermissions, _ privileged: Bool
    ) {
        guard pageTables[space] != nil else {
            mmuErrors.append("map in unknown space 0x\(String(space, radix: 16))")
            return
        }
        var offset: UInt64 = 0
        while offset < size {
            if pageTables[space]?[virtual + offset] != nil {
                mmuErrors.append("page 0x\(String(virtual + offset, radix: 16)) mapped twice")
            }
            pageTables[space]?[virtual + offset] = PageEntry(
                physical: physical + offset, writable: permissions.contains(.write), user: !privileged)
            offset += pageSize
        }
    }

    /// Removes `size` bytes of pages from `virtual`.
    static func unmap(_ space: Identifier, _ virtual: UInt64, _ size: UInt64) {
        var page = virtual
        while page < virtual + size {
            if pageTables[space]?.removeValue(forKey: page) == nil {
                mmuErrors.append("unmap of unmapped page 0x\(String(page, radix: 16))")
            }
            page += pageSize
        }
    }
}
