// machine/ia32/paging_walk.swift -- the ia32 page tables: their format,
// the walk the MMU does, and where table pages come from.
//
// With paging on, the CPU translates every 32-bit virtual address in two
// steps, through two 4 KiB tables of 1024 entries of 4 bytes:
//
//     virtual  | directory index | table index |    offset    |
//              31            22 21          12 11            0
//
//     CR3 -> page directory --[directory index]--> page table
//            page table     --[table index]------> page frame + offset
//
// An entry holds the physical address of the next level (a table, or the
// page itself) in its top 20 bits and flags in the low 12:
//
//     bit 0  P    present: clear, the CPU raises a page fault (#PF)
//     bit 1  R/W  writable: clear, a write faults (in the kernel too,
//                 because paging_space.swift sets CR0.WP)
//     bit 2  U/S  user: clear, only ring 0 may touch the page
//     bit 5  A    accessed, bit 6 D dirty: set by the CPU, never by us
//
// A directory entry's flags and its table entry's flags both apply (the
// stricter wins), so directory entries of the user window are present,
// writable and user, and each table entry says what its page allows.
//
// Every page table comes from the kernel heap (one page, page-aligned)
// and is counted twice: in the heap's live blocks (so `expectNoLeak`
// sees a table left behind) and in `Paging.tablePages`.
//
// This file is the kit's in every assignment: the tests read the tables
// through `translate` and count them through `tablePages`, so neither
// may be the code under test. Mapping, unmapping and protecting a page
// (paging.swift) are the students' in 03-region.

internal import IA32

/// The bits of a page directory or page table entry.
package enum PageEntry {
    /// P: the entry is valid.
    package static let present: UInt32 = 1 << 0
    /// R/W: the page may be written.
    package static let writable: UInt32 = 1 << 1
    /// U/S: ring 3 may use the page.
    package static let user: UInt32 = 1 << 2
    /// A: the CPU went through this entry (set by the CPU).
    package static let accessed: UInt32 = 1 << 5
    /// D: the CPU wrote the page (set by the CPU, table entries only).
    package static let dirty: UInt32 = 1 << 6
    /// The physical address of a table or a page (the top 20 bits).
    package static let frame: UInt32 = 0xFFFF_F000
    /// The flags we choose (the CPU's own, A and D, are left out).
    package static let chosen: UInt32 = present | writable | user
}

/// One translation, as the tables hold it.
package struct Translation: Equatable {
    /// The physical address the virtual one maps to.
    package let physical: UInt32
    /// True when the page may be written.
    package let writable: Bool
    /// True when ring 3 may use the page.
    package let user: Bool
}

/// Page tables of one address space, edited through their physical
/// addresses (identity-mapped in every space).
package enum Paging {
    /// Entries in a directory or a table.
    static let entries: UInt32 = 1024
    /// Bytes covered by one directory entry (one page table): 4 MiB.
    package static let tableSpan: UInt32 = 4 << 20
    /// Page tables allocated and not yet given back (kernel ones included).
    nonisolated(unsafe) package private(set) static var tablePages = 0

    /// Index in the directory of `address`'s table.
    static func directoryIndex(_ address: UInt32) -> Int { Int(address >> 22) }
    /// Index in its table of `address`'s page.
    static func tableIndex(_ address: UInt32) -> Int { Int((address >> 12) & 0x3FF) }

    /// The 1024 entries at physical `address` (a directory or a table).
    static func entriesAt(_ address: UInt32) -> UnsafeMutablePointer<UInt32> {
        UnsafeMutablePointer<UInt32>(bitPattern: UInt(address))!
    }

    /// What the tables of the directory at `directory` say of the virtual
    /// `address` (its page, with the offset), or nil when a level is not
    /// present: the walk the MMU does, done in software.
    package static func translate(directory: UInt32, _ address: UInt32) -> Translation? {
        let directoryEntry = entriesAt(directory)[directoryIndex(address)]
        guard directoryEntry & PageEntry.present != 0 else { return nil }
        let entry = entriesAt(directoryEntry & PageEntry.frame)[tableIndex(address)]
        guard entry & PageEntry.present != 0 else { return nil }
        // Both levels apply: the stricter one wins.
        let flags = directoryEntry & entry
        return Translation(physical: (entry & PageEntry.frame) | (address & ~PageEntry.frame),
                           writable: flags & PageEntry.writable != 0, user: flags & PageEntry.user != 0)
    }

    /// The directory entry number `index` of the directory at `directory`.
    package static func directoryEntry(directory: UInt32, _ index: Int) -> UInt32 {
        entriesAt(directory)[index]
    }

    /// The page table holding `virtual`'s entry, if there is one.
    static func tableOf(_ space: SpaceTables, _ virtual: UInt32) -> UnsafeMutablePointer<UInt32>? {
        let entry = entriesAt(space.directory)[directoryIndex(virtual)]
        guard virtual >= KernelSpace.identityEnd, entry & PageEntry.present != 0 else { return nil }
        return entriesAt(entry & PageEntry.frame)
    }

    /// A zeroed page for a table or a directory, from the heap; `exhausted`
    /// (not a heap panic) when the heap has no free page left.
    static func allocateTable() throws(KernelError) -> UInt32 {
        guard Heap.freePageCount() > 0 else { throw KernelError.exhausted }
        let page = Heap.allocate(size: Heap.pageSize, alignment: Heap.pageSize)
        _ = memset(page, 0, Int(Heap.pageSize))
        tablePages += 1
        return UInt32(UInt(bitPattern: page))
    }

    /// Gives a table (or directory) page back to the heap.
    static func freeTable(_ address: UInt32) {
        Heap.free(address)
        tablePages -= 1
    }
}
