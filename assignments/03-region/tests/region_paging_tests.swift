// assignments/03-region/tests/region_paging_tests.swift -- the page tables
// seen from the hardware: every access below goes through the MMU (a
// probe: machine/ia32/page_fault.swift), and every "walk" reads the real
// page directory and tables the machine built (Paging.translate), so a
// region manager that is right on paper but whose tables are wrong, or
// whose TLB is stale, fails here.

import Kernel
import Machine

/// Where these tests force their regions: inside the region window, far
/// from where first fit puts other regions.
let pagingBase: UInt64 = 0x6000_0000

/// The same segment mapped by two regions: a byte written through one is
/// read through the other, and the tables send both to the same pages.
func test_paging_shared_segment() throws(TestFailure) {
    check("same_pages") { () throws(TestFailure) in
        let fixture = try PagingFixture.twoViews()
        for page in UInt64(0)..<2 {
            let first = try pagingWalk(fixture.space, pagingBase + pagingBytes(page) + 0x10)
            let second = try pagingWalk(fixture.space, pagingBase + 0x10_0000 + pagingBytes(page) + 0x10)
            try expectEqual(second.physical, first.physical, "physical address of page \(page) through both regions")
        }
        try fixture.release()
    }
    check("write_one_read_other") { () throws(TestFailure) in
        let fixture = try PagingFixture.twoViews()
        try expectWrite(pagingBase + 0x123, 0xA5, "write through the first region")
        try expectEqual(try expectRead(pagingBase + 0x10_0000 + 0x123, "read through the second"), UInt8(0xA5),
                        "the byte read through the second region")
        try expectWrite(pagingBase + 0x10_0000 + pageSize + 7, 0x5A, "write through the second region")
        try expectEqual(try expectRead(pagingBase + pageSize + 7, "read through the first"), UInt8(0x5A),
                        "the byte read through the first region")
        let stored = try expectSuccess("read the segment") { () throws(KernelError) in
            try SegmentManager.read(fixture.segment, offset: pageSize + 7, count: 1)
        }
        try expectEqual(stored[0], UInt8(0x5A), "the byte in the segment itself")
        try fixture.release()
    }
}

/// Two spaces map different segments at the same virtual address; each
/// sees only its own, across CR3 switches, and the kernel's space sees
/// neither.
func test_paging_two_spaces() throws(TestFailure) {
    try pagingStart()
    let first = try pagingSpace()
    let second = try pagingSpace()
    let firstSegment = try pagingSegment(owner: first, pages: 1)
    let secondSegment = try pagingSegment(owner: second, pages: 1)
    _ = try pagingRegion(first, firstSegment, pages: 1, at: pagingBase)
    _ = try pagingRegion(second, secondSegment, pages: 1, at: pagingBase)
    check("cr3_follows") { () throws(TestFailure) in
        try pagingActivate(first)
        try expectEqual(KernelSpace.loadedDirectory(), try pagingDirectory(first), "CR3 after activating the first space")
        try pagingActivate(second)
        try expectEqual(KernelSpace.loadedDirectory(), try pagingDirectory(second), "CR3 after activating the second space")
        try pagingActivate(AddressSpaceManager.kernel)
        try expectEqual(KernelSpace.loadedDirectory(), try pagingDirectory(AddressSpaceManager.kernel),
                        "CR3 after activating the kernel's space again")
    }
    check("isolated") { () throws(TestFailure) in
        try pagingActivate(first)
        try expectWrite(pagingBase, 0x11, "write in the first space")
        try pagingActivate(second)
        try expectWrite(pagingBase, 0x22, "write in the second space")
        try expectEqual(try expectRead(pagingBase, "read in the second space"), UInt8(0x22), "the second space's byte")
        try pagingActivate(first)
        try expectEqual(try expectRead(pagingBase, "read in the first space"), UInt8(0x11),
                        "the first space's byte after the second wrote at the same address")
        try pagingActivate(AddressSpaceManager.kernel)
        let fault = try expectFault(at: pagingBase, write: false, "read in the kernel's space, which maps nothing there")
        try expect(!fault.pagePresent, "the kernel's space has a page at \(hexAddress(pagingBase)): \(fault.description)")
    }
    try pagingActivate(AddressSpaceManager.kernel)
    try pagingReleaseSpace(first)
    try pagingReleaseSpace(second)
}

/// A region of a read-only segment can be read, and a write faults on
/// the present page (a protection fault, at the written address).
func test_paging_read_only() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let segment = try pagingSegment(owner: kernel, pages: 2, permissions: [.read])
    let region = try pagingRegion(kernel, segment, pages: 2, at: pagingBase)
    check("entry_bits") { () throws(TestFailure) in
        let entry = try pagingWalk(kernel, pagingBase + pageSize)
        try expect(!entry.writable, "the page-table entry of a read-only region is writable")
    }
    check("read") { () throws(TestFailure) in
        _ = try expectRead(pagingBase + pageSize + 1, "read a read-only region")
    }
    check("write_faults") { () throws(TestFailure) in
        let address = pagingBase + pageSize + 0x321
        let fault = try expectFault(at: address, write: true, value: 9, "write to a read-only region")
        try expect(fault.pagePresent, "the write fault says the page was not present: \(fault.description)")
        try expect(!fault.user, "the fault came from user mode: \(fault.description)")
    }
    try pagingReleaseRegion(kernel, region)
    try pagingReleaseSegment(segment)
}

/// After a region is released, reading or writing through it faults
/// (page not present), and the tables no longer translate it.
func test_paging_released_region() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let segment = try pagingSegment(owner: kernel, pages: 3)
    let region = try pagingRegion(kernel, segment, pages: 3, at: pagingBase)
    try expectWrite(pagingBase + pagingBytes(2), 1, "write before the release")
    try pagingReleaseRegion(kernel, region)
    check("no_entry") { () throws(TestFailure) in
        for page in UInt64(0)..<3 {
            let entry = try pagingTranslation(kernel, pagingBase + pagingBytes(page))
            try expect(entry == nil, "page \(page) of a released region is still in the tables")
        }
    }
    check("read_faults") { () throws(TestFailure) in
        let fault = try expectFault(at: pagingBase + pagingBytes(2) + 5, write: false, "read through a released region")
        try expect(!fault.pagePresent, "the fault says the page is present: \(fault.description)")
    }
    check("write_faults") { () throws(TestFailure) in
        let fault = try expectFault(at: pagingBase + 8, write: true, "write through a released region")
        try expect(!fault.pagePresent, "the fault says the page is present: \(fault.description)")
    }
    try pagingReleaseSegment(segment)
}

/// A virtual page unmapped then mapped onto another segment shows the new
/// segment's bytes: the unmap flushed the old translation from the TLB.
/// (A fresh map needs no flush; a missing `invlpg` on unmap leaves the
/// TLB pointing at the old page, and the read returns its byte.)
func test_paging_stale_tlb() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let old = try pagingSegment(owner: kernel, pages: 4)
    let new = try pagingSegment(owner: kernel, pages: 4)
    for page in UInt64(0)..<4 {
        try pagingFill(old, page: page, with: 0xA0 + UInt8(page))
        try pagingFill(new, page: page, with: 0xB0 + UInt8(page))
    }
    check("remap_shows_new") { () throws(TestFailure) in
        let first = try pagingRegion(kernel, old, pages: 4, at: pagingBase)
        for page in UInt64(0)..<4 {
            try expectEqual(try expectRead(pagingBase + pagingBytes(page), "read the first mapping"), 0xA0 + UInt8(page),
                            "byte of page \(page) through the first mapping")
        }
        try pagingReleaseRegion(kernel, first)
        let second = try pagingRegion(kernel, new, pages: 4, at: pagingBase)
        for page in UInt64(0)..<4 {
            let byte = try expectRead(pagingBase + pagingBytes(page), "read the second mapping")
            try expect(byte != 0xA0 + UInt8(page), "page \(page) still shows the released segment's byte: "
                       + "a stale TLB entry (the unmap did not flush the page with invlpg)")
            try expectEqual(byte, 0xB0 + UInt8(page), "byte of page \(page) through the second mapping")
        }
        try pagingReleaseRegion(kernel, second)
    }
    try pagingReleaseSegment(old)
    try pagingReleaseSegment(new)
}

/// Over a whole multi-page region mapped at an offset of its segment,
/// the MMU (the real tables) and the core's translation agree, both ways.
func test_paging_translation() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let segment = try pagingSegment(owner: kernel, pages: 8)
    let region = try pagingRegion(kernel, segment, offset: pagingBytes(2), pages: 5, at: pagingBase + pagingBytes(16))
    let start = pagingBase + pagingBytes(16)
    check("virtual_to_physical") { () throws(TestFailure) in
        for page in UInt64(0)..<5 {
            for offset: UInt64 in [0, 1, 0x800, 0xFFF] {
                let address = start + pagingBytes(page) + offset
                let walked = try pagingWalk(kernel, address)
                let core = try expectSuccess("physicalAddress(of: \(hexAddress(address)))") { () throws(KernelError) in
                    try AddressSpaceManager.physicalAddress(of: address, in: kernel)
                }
                try expectEqual(UInt64(walked.physical), core, "physical address of \(hexAddress(address)) (tables vs core)")
            }
        }
    }
    check("physical_to_virtual") { () throws(TestFailure) in
        for page in UInt64(0)..<5 {
            let address = start + pagingBytes(page) + 0x44
            let physical = UInt64(try pagingWalk(kernel, address).physical)
            let back = try expectSuccess("virtualAddress(of: \(hexAddress(physical)))") { () throws(KernelError) in
                try AddressSpaceManager.virtualAddress(of: physical, in: kernel)
            }
            try expectEqual(back, address, "virtual address of physical \(hexAddress(physical))")
        }
    }
    check("bytes") { () throws(TestFailure) in
        for page in UInt64(0)..<5 {
            try expectWrite(start + pagingBytes(page) + page, 0x70 + UInt8(page), "write page \(page) through the MMU")
        }
        for page in UInt64(0)..<5 {
            let stored = try expectSuccess("read the segment") { () throws(KernelError) in
                try SegmentManager.read(segment, offset: pagingBytes(page + 2) + page, count: 1)
            }
            try expectEqual(stored[0], 0x70 + UInt8(page), "segment byte behind page \(page) of the region")
        }
        try pagingExpectUnmapped(kernel, start - pageSize, "the page below the region")
        try pagingExpectUnmapped(kernel, start + pagingBytes(5), "the page above the region")
    }
    try pagingReleaseRegion(kernel, region)
    try pagingReleaseSegment(segment)
}

/// The kernel is mapped in every space: the real directory entries of
/// the kernel's part agree between two spaces, are supervisor-only, map
/// RAM at its own address; page 0 is left out.
func test_paging_kernel_everywhere() throws(TestFailure) {
    try pagingStart()
    let other = try pagingSpace()
    let kernelDirectory = try pagingDirectory(AddressSpaceManager.kernel)
    let otherDirectory = try pagingDirectory(other)
    let kernelEntries = Int(KernelSpace.identityEnd / Paging.tableSpan)
    check("same_entries") { () throws(TestFailure) in
        try expect(kernelEntries > 0, "the kernel's part of the directory is empty")
        for index in 0..<kernelEntries {
            let entry = Paging.directoryEntry(directory: kernelDirectory, index)
            try expect(entry & PageEntry.present != 0, "directory entry \(index) of the kernel's space is not present")
            try expect(entry & PageEntry.user == 0, "directory entry \(index) of the kernel's space is user-accessible")
            try expectEqual(Paging.directoryEntry(directory: otherDirectory, index) & ~PageEntry.accessed,
                            entry & ~PageEntry.accessed, "directory entry \(index) of a new space")
        }
    }
    check("identity_supervisor") { () throws(TestFailure) in
        var address: UInt32 = 0x10_0000
        while address < KernelSpace.identityEnd {
            for directory in [kernelDirectory, otherDirectory] {
                guard let entry = Paging.translate(directory: directory, address) else {
                    throw TestFailure("kernel address \(hexAddress(UInt64(address))) is not mapped")
                }
                try expectEqual(entry.physical, address, "where kernel address \(hexAddress(UInt64(address))) maps")
                try expect(!entry.user, "kernel address \(hexAddress(UInt64(address))) is user-accessible")
            }
            address += 0x8_1000
        }
    }
    check("null_page") { () throws(TestFailure) in
        try expect(Paging.translate(directory: otherDirectory, 0) == nil, "page 0 is mapped")
        try pagingActivate(other)
        let fault = try expectFault(at: 0x10, write: false, "read near the null pointer")
        try expect(!fault.pagePresent, "page 0 is present: \(fault.description)")
        try pagingActivate(AddressSpaceManager.kernel)
    }
    try pagingActivate(AddressSpaceManager.kernel)
    try pagingReleaseSpace(other)
}

// MARK: what the paging tests share

/// Starts the kernel if the boot did not, makes the kernel's space the
/// active one (the machine must load its directory), and checks paging is on.
func pagingStart() throws(TestFailure) {
    if !Kernel.isInitialized {
        try expectSuccess("Kernel.initialize()") { () throws(KernelError) in try Kernel.initialize() }
    }
    try pagingActivate(AddressSpaceManager.kernel)
    try expect(KernelSpace.loadedDirectory() != 0,
               "paging is off: building the kernel's space must load CR3 and set CR0.PG")
}

/// `count` pages in bytes.
func pagingBytes(_ count: UInt64) -> UInt64 { count * pageSize }

/// A new address space (task 0).
func pagingSpace() throws(TestFailure) -> Identifier {
    try expectSuccess("reserve an address space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
}

/// A segment of `pages` pages owned by `owner`.
func pagingSegment(owner: Identifier, pages: UInt64, permissions: SegmentPermissions = [.read, .write]) throws(TestFailure) -> Identifier {
    try expectSuccess("reserve a segment of \(pages) pages") { () throws(KernelError) in
        try SegmentManager.reserve(owner, size: pagingBytes(pages), permissions: permissions)
    }
}

/// A region of `space` at the forced `address` mapping `pages` pages of
/// `segment` from `offset`.
func pagingRegion(
    _ space: Identifier, _ segment: Identifier, offset: UInt64 = 0, pages: UInt64, at address: UInt64,
    options: RegionOptions = []
) throws(TestFailure) -> Identifier {
    try expectSuccess("reserve a region at \(hexAddress(address))") { () throws(KernelError) in
        try RegionManager.reserve(space, segment: segment, offset: offset, size: pagingBytes(pages),
                                  options: options.union(.forceAddress), address: address)
    }
}

/// Releases a region, which must succeed.
func pagingReleaseRegion(_ space: Identifier, _ region: Identifier) throws(TestFailure) {
    try expectSuccess("release region \(region)") { () throws(KernelError) in try RegionManager.release(space, region) }
}

/// Releases a segment, which must succeed.
func pagingReleaseSegment(_ segment: Identifier) throws(TestFailure) {
    try expectSuccess("release segment \(segment)") { () throws(KernelError) in try SegmentManager.release(segment) }
}

/// Releases an address space (its regions and segments with it).
func pagingReleaseSpace(_ space: Identifier) throws(TestFailure) {
    try expectSuccess("release address space \(space)") { () throws(KernelError) in
        try AddressSpaceManager.release(space)
    }
}

/// Makes `space` the active one.
func pagingActivate(_ space: Identifier) throws(TestFailure) {
    try expectSuccess("activate address space \(space)") { () throws(KernelError) in
        try AddressSpaceManager.activate(space)
    }
}

/// The physical address of `space`'s page directory, from its record.
func pagingDirectory(_ space: Identifier) throws(TestFailure) -> UInt32 {
    let directory = try expectSuccess("get address space \(space)") { () throws(KernelError) in
        try AddressSpaceManager.get(space).machineRecord.directory
    }
    try expect(directory != 0, "address space \(space) has no page directory")
    return directory
}

/// What the real tables of `space` say of `address` (nil: not mapped).
func pagingTranslation(_ space: Identifier, _ address: UInt64) throws(TestFailure) -> Translation? {
    Paging.translate(directory: try pagingDirectory(space), UInt32(address))
}

/// Same, for an address that must be mapped.
func pagingWalk(_ space: Identifier, _ address: UInt64) throws(TestFailure) -> Translation {
    guard let entry = try pagingTranslation(space, address) else {
        throw TestFailure("\(hexAddress(address)) is not in the page tables")
    }
    return entry
}

/// Fails unless `address` is absent from `space`'s tables.
func pagingExpectUnmapped(_ space: Identifier, _ address: UInt64, _ what: String) throws(TestFailure) {
    if let entry = try pagingTranslation(space, address) {
        throw TestFailure("\(what), \(hexAddress(address)), is mapped (to \(hexAddress(UInt64(entry.physical))))")
    }
}

/// Fills page `page` of `segment` with `value` (the kernel's own write).
func pagingFill(_ segment: Identifier, page: UInt64, with value: UInt8) throws(TestFailure) {
    try expectSuccess("fill page \(page) of segment \(segment)") { () throws(KernelError) in
        try SegmentManager.write(segment, offset: pagingBytes(page), bytes: [UInt8](repeating: value, count: Int(pageSize)))
    }
}

/// One segment of two pages mapped twice in the kernel's space, at
/// `pagingBase` and 1 MiB above.
struct PagingFixture {
    let space: Identifier
    let segment: Identifier
    let regions: [Identifier]

    /// Reserves the segment and both regions.
    static func twoViews() throws(TestFailure) -> PagingFixture {
        try pagingStart()
        let space = AddressSpaceManager.kernel
        let segment = try pagingSegment(owner: space, pages: 2)
        let first = try pagingRegion(space, segment, pages: 2, at: pagingBase)
        let second = try pagingRegion(space, segment, pages: 2, at: pagingBase + 0x10_0000)
        return PagingFixture(space: space, segment: segment, regions: [first, second])
    }

    /// Releases the regions, then the segment.
    func release() throws(TestFailure) {
        for region in regions { try pagingReleaseRegion(space, region) }
        try pagingReleaseSegment(segment)
    }
}
