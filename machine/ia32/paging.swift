// machine/ia32/paging.swift -- the ia32 page tables: their format, and
// mapping, unmapping and protecting one page.
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
// The TLB. The CPU caches translations in its TLB and does not watch the
// tables: after we change an entry that was present, it may go on using
// the old translation until told to forget it (`invlpg`, or a CR3 load,
// which forgets everything). Which changes need it, and why, is written
// at each one below. A space's tables are edited through the kernel's
// identity mapping of physical memory (paging_space.swift), whichever
// space is loaded; only the loaded one can have entries in the TLB.
//
// Every page table comes from the kernel heap (one page, page-aligned)
// and is counted twice: in the heap's live blocks (so `expectNoLeak`
// sees a table left behind) and in `Paging.tablePages`. A space keeps,
// beside its directory, the number of present entries in each of its
// tables, so that the last unmap gives the table back.

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

    // excerpt: paging-map
    /// Maps the page at virtual `virtual` to the physical page `physical`
    /// with `flags` (writable, user) in the space `space`.
    ///
    /// Steps:
    /// 1. refuse unaligned addresses and the kernel's part of the space;
    /// 2. find the page table, or make one (a zeroed page, entered in the
    ///    directory as present, writable and user: its entries decide);
    /// 3. refuse a page that is already mapped (unmap it first);
    /// 4. write the entry and count it in its table.
    ///
    /// No TLB flush: the entry was not present, and the CPU never caches
    /// a translation that does not exist, so there is nothing stale to
    /// forget. The next access walks the tables and finds the new entry.
    static func map(_ space: SpaceTables, virtual: UInt32, physical: UInt32, flags: UInt32) throws(KernelError) {
        // 1.
        guard virtual & ~PageEntry.frame == 0, physical & ~PageEntry.frame == 0 else {
            throw KernelError.invalidArgument
        }
        guard virtual >= KernelSpace.identityEnd else { throw KernelError.outOfRange }
        // 2.
        let directory = entriesAt(space.directory)
        let slot = directoryIndex(virtual)
        if directory[slot] & PageEntry.present == 0 {
            let table = try allocateTable()
            directory[slot] = table | PageEntry.present | PageEntry.writable | PageEntry.user
        }
        let table = entriesAt(directory[slot] & PageEntry.frame)
        // 3.
        let index = tableIndex(virtual)
        guard table[index] & PageEntry.present == 0 else { throw KernelError.busy }
        // 4.
        table[index] = physical | (flags & PageEntry.chosen) | PageEntry.present
        space.counts[slot] += 1
    }
    // end excerpt

    // excerpt: paging-unmap
    /// Unmaps the page at virtual `virtual` in the space `space`; a page
    /// that is not mapped is left alone.
    ///
    /// Steps:
    /// 1. find the entry (no table or no entry: nothing to do);
    /// 2. clear it and uncount it; the table's last entry gone, clear the
    ///    directory entry too;
    /// 3. flush the page from the TLB if the space is loaded;
    /// 4. only then give an empty table back to the heap.
    ///
    /// Why 3: the TLB may still hold the old translation, and the CPU
    /// would go on reading and writing the old page through it -- a page
    /// that may belong to someone else by now. A space that is not loaded
    /// has nothing in the TLB (loading CR3 emptied it), so no flush.
    /// Why 3 before 4: the CPU also caches directory entries; `invlpg`
    /// drops those too. Freed first, the table's page could be reused by
    /// the heap while a cached directory entry still pointed at it, and
    /// the CPU would read heap data as page-table entries.
    static func unmap(_ space: SpaceTables, virtual: UInt32) {
        // 1.
        let directory = entriesAt(space.directory)
        let slot = directoryIndex(virtual)
        guard virtual >= KernelSpace.identityEnd, directory[slot] & PageEntry.present != 0 else { return }
        let tableAddress = directory[slot] & PageEntry.frame
        let table = entriesAt(tableAddress)
        let index = tableIndex(virtual)
        guard table[index] & PageEntry.present != 0 else { return }
        // 2.
        table[index] = 0
        space.counts[slot] -= 1
        let empty = space.counts[slot] == 0
        if empty { directory[slot] = 0 }
        // 3.
        if space.isLoaded { ia32_invlpg(virtual) }
        // 4.
        if empty { freeTable(tableAddress) }
    }
    // end excerpt

    // excerpt: paging-protect
    /// Gives the mapped page at `virtual` the flags `flags` (writable,
    /// user); `outOfRange` if it is not mapped.
    ///
    /// Steps: 1. find the entry; 2. rewrite its flags, keeping its page;
    /// 3. flush the page from the TLB if the space is loaded.
    ///
    /// Why 3: the TLB keeps the flags with the translation. Without the
    /// flush a page made read-only could still be written through the
    /// cached, writable translation, until something else evicted it.
    static func protect(_ space: SpaceTables, virtual: UInt32, flags: UInt32) throws(KernelError) {
        // 1.
        guard let table = tableOf(space, virtual) else { throw KernelError.outOfRange }
        let index = tableIndex(virtual)
        guard table[index] & PageEntry.present != 0 else { throw KernelError.outOfRange }
        // 2.
        table[index] = (table[index] & PageEntry.frame) | (flags & PageEntry.chosen) | PageEntry.present
        // 3.
        if space.isLoaded { ia32_invlpg(virtual) }
    }
    // end excerpt

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
