// machine/ia32/paging_space.swift -- one page directory per address
// space, the kernel in every one of them, CR3 and turning paging on.
//
// Every space's directory has two parts:
//
//     virtual 0 ............ identityEnd ............ 0x40000000 ........ 0xC0000000 ... 4 GiB
//             | the kernel: all RAM, identity |  (unused)   | user window: regions |  (unused)
//             | supervisor, writable           |             | the region decides   |
//
// * The kernel part maps every byte of RAM at its own address (virtual =
//   physical), supervisor-only: the kernel image, its stack, the heap,
//   the loader's data and every page the segment manager hands out. So
//   code that ran before paging keeps running after it, a physical
//   address is still a pointer (physical.swift, the heap, the panic
//   report), and the machine edits any space's tables through it. Page 0
//   stays unmapped: a null pointer faults. Its page tables are built
//   once and *shared*: every directory's kernel entries point at the same
//   tables, so the kernel is mapped in every space, identically, and a
//   space switch never loses it.
// * Above, regions map their segments (map and unmap in paging.swift);
//   the region manager's default window is 0x40000000..<0xC0000000.
//
// The kernel's own space is the first one reserved; building it loads
// CR3 and turns paging on. Releasing it (Kernel.clean) turns paging off.
// What these functions leave behind (each space's SpaceTables, the list
// of spaces, the kernel's directory) is declared in paging_state.swift.

internal import IA32

extension KernelSpace {
    // excerpt: kernel-tables
    /// Builds the kernel's page tables, once: every page of
    /// [4096, identityEnd) mapped to itself, present, writable,
    /// supervisor-only. They live as long as the machine.
    ///
    /// Steps: 1. how far RAM goes; 2. one table per 4 MiB, each entry
    /// the page of the same address; 3. page 0 left out (null pointers).
    static func buildTables() throws(KernelError) {
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
        if !tables.isEmpty { return }
        // 1.
        let end = ramTop()
        var address: UInt32 = 0
        while address < end {
            // 2.
            let table = try Paging.allocateTable()
            let entries = Paging.entriesAt(table)
            for index in 0..<Int(Paging.entries) {
                let page = address + UInt32(index) * 4096
                entries[index] = page | PageEntry.present | PageEntry.writable
            }
            tables.append(table)
            address += Paging.tableSpan
        }
        // 3.
        Paging.entriesAt(tables[0])[0] = 0
        identityEnd = end
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

    // excerpt: space-create
    /// A new space's tables: a zeroed directory whose kernel entries
    /// point at the shared kernel tables, and its book, in the list.
    ///
    /// Steps: 1. the kernel tables, the first time; 2. the directory page
    /// and the book page; 3. the kernel entries (supervisor, writable);
    /// 4. the book filled and put first in the list.
    static func create(_ identifier: Identifier) throws(KernelError) -> SpaceTables {
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
        // 1.
        try buildTables()
        // 2.
        guard Heap.freePageCount() >= 2 else { throw KernelError.exhausted }
        let directory = try Paging.allocateTable()
        let book = try Paging.allocateTable()
        // 3.
        let entries = Paging.entriesAt(directory)
        for (index, table) in tables.enumerated() {
            entries[index] = table | PageEntry.present | PageEntry.writable
        }
        // 4.
        Paging.entriesAt(book + 2060)[0] = directory
        let space = SpaceTables(book: book)
        space.identifier.pointee = identifier
        space.next.pointee = books
        books = book
        return space
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 03-region
    }

    /// Gives back a space's tables: every page table of its own part
    /// (the shared kernel ones stay), its book (out of the list first),
    /// its directory.
    static func destroy(_ space: SpaceTables) {
        // BEGIN ASSIGNMENT 03-region
        let entries = Paging.entriesAt(space.directory)
        for index in tables.count..<Int(Paging.entries) where entries[index] & PageEntry.present != 0 {
            Paging.freeTable(entries[index] & PageEntry.frame)
            entries[index] = 0
        }
        if books == space.book {
            books = space.next.pointee
        } else {
            var previous = SpaceTables(book: books)
            while previous.next.pointee != space.book { previous = SpaceTables(book: previous.next.pointee) }
            previous.next.pointee = space.next.pointee
        }
        Paging.freeTable(space.book)
        Paging.freeTable(space.directory)
        // ELSE
        // // Not written yet: the tables stay.
        // END ASSIGNMENT 03-region
    }

    // excerpt: paging-on
    /// Makes `space` the kernel's and turns paging on with it.
    ///
    /// Steps: 1. CR3 = its directory (the CPU reads it as soon as PG is
    /// set); 2. set PG and WP. This code keeps running because it is
    /// identity-mapped: the next instruction's address means the same
    /// thing with paging on as off.
    static func turnOn(_ space: SpaceTables) {
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
        directory = space.directory
        // 1.
        ia32_load_cr3(space.directory)
        // 2.
        ia32_set_cr0(ia32_cr0() | pagingBit | writeProtectBit)
        // ELSE
        // // Not written yet: paging stays off.
        // END ASSIGNMENT 03-region
    }

    /// Turns paging off (the kernel's space is going): addresses are
    /// physical again, which the identity mapping made them already.
    static func turnOff() {
        // BEGIN ASSIGNMENT 03-region
        ia32_set_cr0(ia32_cr0() & ~pagingBit)
        directory = 0
        // ELSE
        // // Not written yet.
        // END ASSIGNMENT 03-region
    }

    // excerpt: space-switch
    /// Makes the CPU translate through `directory` from now on.
    ///
    /// Loading CR3 also empties the TLB: every translation of the old
    /// space is forgotten, which is what we want (the new space may map
    /// the same virtual page elsewhere). The kernel's part, shared by
    /// all directories, stays the same across the switch, so the code
    /// and stack doing it do not move.
    package static func load(directory: UInt32) {
        // end excerpt
        // BEGIN ASSIGNMENT 03-region
        ia32_load_cr3(directory)
        // ELSE
        // // Not written yet: CR3 stays as it is.
        // END ASSIGNMENT 03-region
    }
}

extension Machine {
    /// A new address space gets its directory; the first one is the
    /// kernel's, and paging goes on with it.
    ///
    /// Steps: 1. build its tables; 2. keep them in its record; 3. the
    /// first space (no kernel space yet) is the kernel's: paging on.
    @export(interface)
    public static func addressSpaceReserved(
        _ identifier: Identifier, task: Identifier, record: inout AddressSpaceRecord
    ) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        // 1.
        let space = try KernelSpace.create(identifier)
        // 2.
        record.directory = space.directory
        record.book = space.book
        // 3.
        if KernelSpace.directory == 0 {
            KernelSpace.turnOn(space)
        }
        // ELSE
        // // Not written yet: spaces get no tables, and paging stays off.
        // END ASSIGNMENT 03-region
    }

    /// A space goes: the CPU must not be using its tables any more.
    ///
    /// Steps: 1. loaded and not the kernel's: switch to the kernel's;
    /// 2. the kernel's own: paging off; 3. give its tables back.
    @export(interface)
    public static func addressSpaceReleasing(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError) {
        // BEGIN ASSIGNMENT 03-region
        guard let space = record.tables else { return }
        // 1.
        let isKernel = space.directory == KernelSpace.directory
        if space.isLoaded && !isKernel {
            KernelSpace.load(directory: KernelSpace.directory)
        }
        // 2.
        if isKernel {
            KernelSpace.turnOff()
        }
        // 3.
        KernelSpace.destroy(space)
        record = AddressSpaceRecord()
        // ELSE
        // // Not written yet: a space has no tables to give back.
        // END ASSIGNMENT 03-region
    }
}
