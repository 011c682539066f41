// machine/ia32/paging_state.swift -- what the machine knows of every
// address space's tables: where they are, which space is loaded, how far
// the kernel's part goes.
//
// paging_space.swift builds and destroys the tables (the students' in
// 03-region); this file holds the state they leave and the questions
// the tests ask of it (`loadedDirectory`, `identityEnd`), so the kit's
// tests never ask the code under test about itself.

internal import IA32

/// The tables of one address space, as paging.swift edits them: its
/// directory, and a bookkeeping page of the machine's:
///
///     book + 0     1024 counts (UInt16): present entries in each page table
///     book + 2048  the space's identifier (UInt64)
///     book + 2056  the next space's book (UInt32, 0 at the end of the list)
///     book + 2060  the directory (UInt32)
///
/// The region hooks name a space by its identifier only, so the machine
/// keeps every space's book in a list it can search (`KernelSpace.find`).
struct SpaceTables {
    /// Physical address of the page directory (what CR3 holds).
    let directory: UInt32
    /// Physical address of the bookkeeping page.
    let book: UInt32

    /// Present entries in each page table, by directory index.
    var counts: UnsafeMutablePointer<UInt16> {
        UnsafeMutablePointer<UInt16>(bitPattern: UInt(book))!
    }
    /// The space's identifier.
    var identifier: UnsafeMutablePointer<UInt64> {
        UnsafeMutablePointer<UInt64>(bitPattern: UInt(book + 2048))!
    }
    /// The next book of the list of spaces.
    var next: UnsafeMutablePointer<UInt32> {
        UnsafeMutablePointer<UInt32>(bitPattern: UInt(book + 2056))!
    }

    /// The tables whose book is at `book`.
    init(book: UInt32) {
        self.book = book
        self.directory = UnsafeMutablePointer<UInt32>(bitPattern: UInt(book + 2060))!.pointee
    }

    /// True when this space is the one the CPU translates through now:
    /// only then can the TLB hold its translations.
    var isLoaded: Bool {
        KernelSpace.pagingIsOn && ia32_cr3() & PageEntry.frame == directory
    }
}

/// The kernel's part of every space, and the kernel's own space.
package enum KernelSpace {
    /// The start of the user window; RAM is identity-mapped below it
    /// only (more RAM than this is left unused: physical.swift).
    package static let userWindowStart: UInt32 = 0x4000_0000
    /// The end of the user window (the region manager's default).
    package static let userWindowEnd: UInt32 = 0xC000_0000
    /// CR0.PG: paging on. CR0.WP: the kernel, too, may not write a
    /// read-only page (without it ring 0 ignores R/W).
    static let pagingBit: UInt32 = 1 << 31
    static let writeProtectBit: UInt32 = 1 << 16

    /// One past the last identity-mapped byte: RAM's top, rounded up to
    /// a whole page table (0 until the kernel tables are built).
    nonisolated(unsafe) package internal(set) static var identityEnd: UInt32 = 0
    /// The kernel's page tables, shared by every directory.
    nonisolated(unsafe) static var tables: [UInt32] = []
    /// The kernel space's directory (0 when there is none).
    nonisolated(unsafe) package internal(set) static var directory: UInt32 = 0

    /// True once the kernel's space is built and CR0.PG is set.
    static var pagingIsOn: Bool { ia32_cr0() & pagingBit != 0 }

    /// The top of RAM below the user window, rounded up to 4 MiB.
    static func ramTop() -> UInt32 {
        var top: UInt64 = 0
        for region in Multiboot.memoryMap where region.isUsable {
            top = max(top, min(region.end, UInt64(userWindowStart)))
        }
        let span = UInt64(Paging.tableSpan)
        return UInt32(min((top + span - 1) / span * span, UInt64(userWindowStart)))
    }

    /// The first book of the list of spaces (0: none).
    nonisolated(unsafe) static var books: UInt32 = 0

    /// The tables of the space `identifier`; `unknownIdentifier` if the
    /// machine never built them.
    static func find(_ identifier: Identifier) throws(KernelError) -> SpaceTables {
        var book = books
        while book != 0 {
            let space = SpaceTables(book: book)
            if space.identifier.pointee == identifier { return space }
            book = space.next.pointee
        }
        throw KernelError.unknownIdentifier
    }

    /// The directory CR3 holds now (0 while paging is off).
    package static func loadedDirectory() -> UInt32 {
        pagingIsOn ? ia32_cr3() & PageEntry.frame : 0
    }
}
