// assignments/03-region/hidden/region_paging_hidden_tests.swift -- hidden
// tests of the page tables (helpers in tests/region_paging_tests.swift).

import Kernel
import Machine

/// New permissions of a segment are enforced at once on the pages of the
/// regions mapping it: a write that went through faults after the
/// segment became read-only (the TLB's writable entry was flushed), and
/// goes through again once it is writable.
func test_paging_permission_change() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let segment = try pagingSegment(owner: kernel, pages: 2)
    let region = try pagingRegion(kernel, segment, pages: 2, at: pagingBase)
    try expectWrite(pagingBase + pageSize + 3, 1, "write while the segment is writable")
    try expectSuccess("make the segment read-only") { () throws(KernelError) in
        try SegmentManager.permissions(segment, [.read])
    }
    check("entries_read_only") { () throws(TestFailure) in
        for page in UInt64(0)..<2 {
            try expect(!(try pagingWalk(kernel, pagingBase + pagingBytes(page))).writable,
                       "page \(page) is still writable in the tables")
        }
    }
    check("write_faults") { () throws(TestFailure) in
        let fault = try expectFault(at: pagingBase + pageSize + 3, write: true,
                                    "write after the segment became read-only (a stale writable TLB entry lets it through)")
        try expect(fault.pagePresent, "the fault says the page is not present: \(fault.description)")
        _ = try expectRead(pagingBase + pageSize + 3, "read after the change")
    }
    check("writable_again") { () throws(TestFailure) in
        try expectSuccess("make the segment writable again") { () throws(KernelError) in
            try SegmentManager.permissions(segment, [.read, .write])
        }
        try expectWrite(pagingBase + 9, 2, "write once the segment is writable again")
    }
    try pagingReleaseRegion(kernel, region)
    try pagingReleaseSegment(segment)
}

/// The user bit follows the region's privileged option, and split and
/// resize keep the tables exactly on the regions' pages.
func test_paging_bits_and_shapes() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let segment = try pagingSegment(owner: kernel, pages: 4)
    check("user_bit") { () throws(TestFailure) in
        let privileged = try pagingRegion(kernel, segment, pages: 1, at: pagingBase, options: .privileged)
        let plain = try pagingRegion(kernel, segment, pages: 1, at: pagingBase + pagingBytes(8))
        try expect(!(try pagingWalk(kernel, pagingBase)).user, "a privileged region's page is user-accessible")
        try expect((try pagingWalk(kernel, pagingBase + pagingBytes(8))).user, "an ordinary region's page is supervisor-only")
        try pagingReleaseRegion(kernel, privileged)
        try pagingReleaseRegion(kernel, plain)
    }
    check("split_resize") { () throws(TestFailure) in
        let region = try pagingRegion(kernel, segment, pages: 4, at: pagingBase)
        let before = try pagingWalk(kernel, pagingBase).physical
        let second = try expectSuccess("split the region at 2 pages") { () throws(KernelError) in
            try RegionManager.split(kernel, region, at: pagingBytes(2))
        }
        for page in UInt64(0)..<4 {
            try expectEqual(try pagingWalk(kernel, pagingBase + pagingBytes(page)).physical,
                            before + UInt32(pagingBytes(page)), "page \(page) after the split")
        }
        try expectSuccess("shrink the first part to 1 page") { () throws(KernelError) in
            try RegionManager.resize(kernel, region, to: pageSize)
        }
        try pagingExpectUnmapped(kernel, pagingBase + pageSize, "the page a shrink gave up")
        let fault = try expectFault(at: pagingBase + pageSize + 1, write: false, "read the page a shrink gave up")
        try expect(!fault.pagePresent, "the page a shrink gave up is present: \(fault.description)")
        try expectSuccess("grow the first part back to 2 pages") { () throws(KernelError) in
            try RegionManager.resize(kernel, region, to: pagingBytes(2))
        }
        try expectEqual(try pagingWalk(kernel, pagingBase + pageSize).physical, before + UInt32(pageSize),
                        "the page a grow mapped again")
        try pagingReleaseRegion(kernel, region)
        try pagingReleaseRegion(kernel, second)
    }
    try pagingReleaseSegment(segment)
}

/// Page tables are given back: regions spread over several 4 MiB spans
/// and a whole address space come and go, and the machine's count of
/// table pages and the heap are back where they were.
func test_paging_tables_given_back() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let tablesBefore = Paging.tablePages
    check("kernel_space") { () throws(TestFailure) in
        let segment = try pagingSegment(owner: kernel, pages: 2)
        var regions: [Identifier] = []
        for span in UInt64(0)..<5 {
            regions.append(try pagingRegion(kernel, segment, pages: 2, at: pagingBase + span * UInt64(Paging.tableSpan) - pageSize))
        }
        try expect(Paging.tablePages >= tablesBefore + 5, "5 regions across 6 page tables added only "
                   + "\(Paging.tablePages - tablesBefore) table pages")
        for region in regions { try pagingReleaseRegion(kernel, region) }
        try pagingReleaseSegment(segment)
        try expectEqual(Paging.tablePages, tablesBefore, "page tables in use once every region is released")
    }
    check("whole_space") { () throws(TestFailure) in
        // Once unmeasured, so that the kernel's own containers have
        // grown to what a space needs; then measured.
        try pagingSpaceRoundTrip()
        try expectNoLeak("an address space with regions, reserved then released") { () throws(TestFailure) in
            try pagingSpaceRoundTrip()
        }
        try expectEqual(Paging.tablePages, tablesBefore, "page tables in use once the space is released")
    }
}

/// Reserves a space with a segment mapped by two regions in two page
/// tables, then releases the space.
func pagingSpaceRoundTrip() throws(TestFailure) {
    let space = try pagingSpace()
    let segment = try pagingSegment(owner: space, pages: 3)
    _ = try pagingRegion(space, segment, pages: 3, at: pagingBase)
    _ = try pagingRegion(space, segment, offset: pageSize, pages: 1, at: pagingBase + UInt64(Paging.tableSpan))
    try pagingReleaseSpace(space)
}
