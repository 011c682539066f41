// machine/ia32/paging.swift -- mapping, unmapping and protecting one page.
//
// paging_walk.swift says what the tables hold (two levels, the entry
// bits); here are the three edits the region hooks (paging_region.swift)
// make, page by page.
//
// The TLB. The CPU caches translations in its TLB and does not watch the
// tables: after we change an entry that was present, it may go on using
// the old translation until told to forget it (`invlpg`, or a CR3 load,
// which forgets everything). Which changes need it, and why, is written
// at each one below. A space's tables are edited through the kernel's
// identity mapping of physical memory (paging_space.swift), whichever
// space is loaded; only the loaded one can have entries in the TLB.
//
// A space keeps, beside its directory, the number of present entries in
// each of its tables (paging_state.swift), so that the last unmap gives
// the table back.

internal import IA32

extension Paging {
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
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
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
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

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
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
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
        // ELSE
        // // Not written yet: the page stays mapped.
        // END ASSIGNMENT 03-region
    }

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
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
        // 1.
        guard let table = tableOf(space, virtual) else { throw KernelError.outOfRange }
        let index = tableIndex(virtual)
        guard table[index] & PageEntry.present != 0 else { throw KernelError.outOfRange }
        // 2.
        table[index] = (table[index] & PageEntry.frame) | (flags & PageEntry.chosen) | PageEntry.present
        // 3.
        if space.isLoaded { ia32_invlpg(virtual) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }
}
