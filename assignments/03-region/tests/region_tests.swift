// assignments/03-region/tests/region_tests.swift -- the public tests of
// the region manager and of the address-space verbs that go through
// regions (one check per behaviour). They test the bookkeeping only:
// what the MMU does with the regions is tested in region_paging_*.

import Kernel
import Machine

/// Reserving places a region first fit in the window, over the slice of
/// the segment asked for, listed in its space; releasing forgets it.
func test_region_reserve() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(4)
    check("first_fit") { () throws(TestFailure) in
        let region = try mapRegion(kernelAS, segment, offset: regionPages(1), pages: 2)
        let stored = try regionIn(kernelAS, region)
        try expectEqual(stored.address, RegionWindow.base, "the first region's address")
        try expectEqual(stored.size, regionPages(2), "its size")
        try expectEqual(stored.offset, regionPages(1), "its offset in the segment")
        try expect(stored.segment == segment, "it names another segment")
        let second = try mapRegion(kernelAS, segment, offset: 0, pages: 1)
        try expectEqual(try regionIn(kernelAS, second).address, RegionWindow.base + regionPages(2),
                        "the second region's address (first fit, right after the first)")
        try unmapRegion(kernelAS, region)
        try unmapRegion(kernelAS, second)
    }
    check("exist") { () throws(TestFailure) in
        let region = try mapRegion(kernelAS, segment, offset: 0, pages: 4)
        try expect(RegionManager.exist(kernelAS, region), "exist says no for a new region")
        try expect(Kernel.objectExists(region), "the kernel does not know the new region")
        let layout = try regionLayout(kernelAS)
        try expect(layout.count == 1 && layout[0][0] == region, "the kernel's space does not list exactly its region")
        try unmapRegion(kernelAS, region)
        try expect(!RegionManager.exist(kernelAS, region), "exist says yes for a released region")
        try expect(!Kernel.objectExists(region), "the kernel still knows a released region")
    }
    check("reuse") { () throws(TestFailure) in
        let first = try mapRegion(kernelAS, segment, offset: 0, pages: 2)
        let second = try mapRegion(kernelAS, segment, offset: 0, pages: 2)
        let address = try regionIn(kernelAS, first).address
        try unmapRegion(kernelAS, first)
        let third = try mapRegion(kernelAS, segment, offset: regionPages(2), pages: 1)
        try expectEqual(try regionIn(kernelAS, third).address, address, "a region after a release (first fit)")
        try unmapRegion(kernelAS, second)
        try unmapRegion(kernelAS, third)
    }
    // First fit is the lowest gap big enough, wherever the search starts:
    // a gap too small is stepped over, and the pages a shrink frees are
    // found again.
    check("lowest_gap_that_fits") { () throws(TestFailure) in
        let big = try mapRegion(kernelAS, segment, offset: 0, pages: 2)
        var row: [Identifier] = []
        for _ in 0..<3 { row.append(try mapRegion(kernelAS, segment, offset: 0, pages: 1)) }
        try unmapRegion(kernelAS, row[1])
        let wide = try mapRegion(kernelAS, segment, offset: 0, pages: 2)
        try expectEqual(try regionIn(kernelAS, wide).address, RegionWindow.base + regionPages(5),
                        "two pages with a one-page hole below (the hole is too small)")
        let narrow = try mapRegion(kernelAS, segment, offset: 0, pages: 1)
        try expectEqual(try regionIn(kernelAS, narrow).address, RegionWindow.base + regionPages(3),
                        "one page, with that one-page hole free")
        try expectSuccess("shrink the first region from two pages to one") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, big, to: regionPages(1))
        }
        let tail = try mapRegion(kernelAS, segment, offset: 0, pages: 1)
        try expectEqual(try regionIn(kernelAS, tail).address, RegionWindow.base + regionPages(1),
                        "one page, with the page the shrink freed")
        for region in [big, row[0], row[2], wide, narrow, tail] { try unmapRegion(kernelAS, region) }
        try dropSegment(segment)
    }
}

/// A forced address is used as given; one that overlaps a region, or
/// leaves the window, is refused.
func test_region_forced() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(4)
    var region: Identifier = 0
    check("forced") { () throws(TestFailure) in
        region = try mapRegion(kernelAS, segment, offset: 0, pages: 3, at: 0x6000_0000)
        try expectEqual(try regionIn(kernelAS, region).address, UInt64(0x6000_0000), "the forced region's address")
        let below = try mapRegion(kernelAS, segment, offset: 0, pages: 1, at: 0x6000_0000 - pageSize)
        let above = try mapRegion(kernelAS, segment, offset: 0, pages: 1, at: 0x6000_3000)
        try unmapRegion(kernelAS, below)
        try unmapRegion(kernelAS, above)
    }
    check("overlap") { () throws(TestFailure) in
        let before = try regionLayout(kernelAS)
        try expectError(.busy, "a region ending inside another") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: regionPages(2),
                                      options: .forceAddress, address: 0x6000_0000 - pageSize)
        }
        try expectError(.busy, "a region starting inside another") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: regionPages(1),
                                      options: .forceAddress, address: 0x6000_2000)
        }
        try expectError(.busy, "a region covering another") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: regionPages(4),
                                      options: .forceAddress, address: 0x5FFF_F000)
        }
        let after = try regionLayout(kernelAS)
        try expect(after == before, "a refused reservation changed the regions")
    }
    check("window") { () throws(TestFailure) in
        try expectError(.outOfRange, "a region below the window") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: pageSize,
                                      options: .forceAddress, address: 0x0010_0000)
        }
        try expectError(.outOfRange, "a region across the window's end") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: regionPages(2),
                                      options: .forceAddress, address: RegionWindow.end - pageSize)
        }
        try expectError(.invalidArgument, "a forced address inside a page") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: pageSize,
                                      options: .forceAddress, address: 0x7000_0800)
        }
        try unmapRegion(kernelAS, region)
        try dropSegment(segment)
    }
}

/// Three regions on three slices of one segment: each sees its own slice
/// (bytes written through one are found at its offset in the segment).
func test_region_slices() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(6)
    var regions: [Identifier] = []
    check("three") { () throws(TestFailure) in
        regions.append(try mapRegion(kernelAS, segment, offset: regionPages(4), pages: 2))
        regions.append(try mapRegion(kernelAS, segment, offset: 0, pages: 1))
        regions.append(try mapRegion(kernelAS, segment, offset: regionPages(1), pages: 3))
        try expectRegionsSound(kernelAS)
        try expectEqual(try regionLayout(kernelAS).count, 3, "regions in the kernel's space")
    }
    check("bytes") { () throws(TestFailure) in
        for (index, region) in regions.enumerated() {
            let stored = try regionIn(kernelAS, region)
            let bytes = regionPattern(64, seed: UInt8(index * 50))
            try expectSuccess("write through region \(index)") { () throws(KernelError) in
                try AddressSpaceManager.write(kernelAS, at: stored.address + 100, bytes: bytes)
            }
            let seen = try expectSuccess("read the segment") { () throws(KernelError) in
                try SegmentManager.read(segment, offset: stored.offset + 100, count: 64)
            }
            try expect(seen == bytes, "bytes written through region \(index) are not at its offset in the segment")
        }
        for region in regions { try unmapRegion(kernelAS, region) }
        try dropSegment(segment)
    }
}

/// Resize grows and shrinks a region inside its segment and the free
/// virtual pages after it; anything else is refused.
func test_region_resize() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(6)
    let region = try mapRegion(kernelAS, segment, offset: regionPages(1), pages: 2, at: 0x5000_0000)
    check("valid") { () throws(TestFailure) in
        try expectSuccess("grow to 4 pages") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, region, to: regionPages(4))
        }
        try expectEqual(try regionIn(kernelAS, region).size, regionPages(4), "the size after growing")
        try expectEqual(try regionIn(kernelAS, region).address, UInt64(0x5000_0000), "the address after growing")
    }
    check("invalid") { () throws(TestFailure) in
        let wall = try mapRegion(kernelAS, segment, offset: 0, pages: 1, at: 0x5000_4000)
        try expectError(.busy, "grow into the next region") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, region, to: regionPages(5))
        }
        try unmapRegion(kernelAS, wall)
        try expectError(.outOfRange, "grow past the segment's end") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, region, to: regionPages(6))
        }
        try expectError(.invalidArgument, "resize to 0") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, region, to: 0)
        }
        try expectError(.invalidArgument, "resize to half a page") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, region, to: pageSize / 2)
        }
        try expectEqual(try regionIn(kernelAS, region).size, regionPages(4), "the size after the refusals")
    }
    check("twice") { () throws(TestFailure) in
        try expectSuccess("shrink to 1 page") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, region, to: pageSize)
        }
        try expectSuccess("grow to 5 pages") { () throws(KernelError) in
            try RegionManager.resize(kernelAS, region, to: regionPages(5))
        }
        try expectEqual(try regionIn(kernelAS, region).size, regionPages(5), "the size after two resizes")
        try expectRegionsSound(kernelAS)
        try unmapRegion(kernelAS, region)
        try dropSegment(segment)
    }
}

/// Split cuts a region in two over the same segment; coalesce joins two
/// neighbours over contiguous slices, and refuses anything else.
func test_region_split_coalesce() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(6)
    let region = try mapRegion(kernelAS, segment, offset: regionPages(1), pages: 4)
    var tail: Identifier = 0
    check("split") { () throws(TestFailure) in
        tail = try expectSuccess("split at 1 page") { () throws(KernelError) in
            try RegionManager.split(kernelAS, region, at: pageSize)
        }
        let first = try regionIn(kernelAS, region)
        let second = try regionIn(kernelAS, tail)
        try expectEqual(first.size, pageSize, "the first part's size")
        try expectEqual(second.address, first.end, "the second part's address")
        try expectEqual(second.size, regionPages(3), "the second part's size")
        try expectEqual(second.offset, regionPages(2), "the second part's offset in the segment")
        try expect(second.segment == segment, "the second part maps another segment")
        try expectError(.invalidArgument, "split at offset 0") { () throws(KernelError) in
            try RegionManager.split(kernelAS, region, at: 0)
        }
        try expectError(.invalidArgument, "split at the end") { () throws(KernelError) in
            try RegionManager.split(kernelAS, tail, at: regionPages(3))
        }
    }
    check("coalesce") { () throws(TestFailure) in
        let joined = try expectSuccess("coalesce the two parts") { () throws(KernelError) in
            try RegionManager.coalesce(kernelAS, tail, region)
        }
        try expect(joined == region, "coalesce did not keep the lower region")
        try expectEqual(try regionIn(kernelAS, region).size, regionPages(4), "the size after coalescing")
        try expect(!RegionManager.exist(kernelAS, tail), "the upper region still exists")
    }
    check("refused") { () throws(TestFailure) in
        let other = try mappableSegment(1)
        let neighbour = try mapRegion(kernelAS, other, offset: 0, pages: 1,
                                      at: try regionIn(kernelAS, region).end)
        try expectError(.invalidArgument, "coalesce regions of different segments") { () throws(KernelError) in
            try RegionManager.coalesce(kernelAS, region, neighbour)
        }
        try unmapRegion(kernelAS, neighbour)
        let far = try mapRegion(kernelAS, segment, offset: regionPages(5), pages: 1, at: 0x9000_0000)
        try expectError(.invalidArgument, "coalesce regions that do not touch") { () throws(KernelError) in
            try RegionManager.coalesce(kernelAS, region, far)
        }
        try unmapRegion(kernelAS, far)
        try unmapRegion(kernelAS, region)
        try dropSegment(segment)
        try dropSegment(other)
    }
}

/// Flush releases every region of a space; releasing a space releases
/// its regions first.
func test_region_flush() throws(TestFailure) {
    try startRegions()
    check("flush") { () throws(TestFailure) in
        let segment = try mappableSegment(4)
        for offset in UInt64(0)..<4 { _ = try mapRegion(kernelAS, segment, offset: regionPages(offset), pages: 1) }
        try expectSuccess("flush the kernel's space") { () throws(KernelError) in try RegionManager.flush(kernelAS) }
        try expectEqual(try regionLayout(kernelAS).count, 0, "regions left after the flush")
        try dropSegment(segment)
    }
    check("space_release") { () throws(TestFailure) in
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in
            try AddressSpaceManager.reserve(task: 0)
        }
        let segment = try mappableSegment(2, in: space)
        let region = try mapRegion(space, segment, offset: 0, pages: 2)
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
        try expect(!Kernel.objectExists(region), "a region of a released space still exists")
        try expect(!SegmentManager.exist(segment), "a segment of a released space still exists")
    }
}

/// Locate names the region holding a virtual address, and refuses an
/// address no region holds.
func test_region_locate() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(3)
    let low = try mapRegion(kernelAS, segment, offset: 0, pages: 2, at: 0x4400_0000)
    let high = try mapRegion(kernelAS, segment, offset: 0, pages: 1, at: 0x4400_3000)
    check("inside") { () throws(TestFailure) in
        for (address, expected) in [(UInt64(0x4400_0000), low), (0x4400_1FFF, low), (0x4400_3000, high), (0x4400_3FFF, high)] {
            let found = try expectSuccess("locate 0x\(hexadecimal(address))") { () throws(KernelError) in
                try RegionManager.locate(kernelAS, address)
            }
            try expect(found == expected, "locate(0x\(hexadecimal(address))) names the wrong region")
        }
    }
    check("outside") { () throws(TestFailure) in
        for address: UInt64 in [0x43FF_FFFF, 0x4400_2000, 0x4400_2FFF, 0x4400_4000, 0x1000] {
            try expectError(.outOfRange, "locate 0x\(hexadecimal(address))") { () throws(KernelError) in
                try RegionManager.locate(kernelAS, address)
            }
        }
        try unmapRegion(kernelAS, low)
        try unmapRegion(kernelAS, high)
        try dropSegment(segment)
    }
}

/// Bad calls are refused with the right error, counted by the
/// statistics, and change nothing.
func test_region_errors() throws(TestFailure) {
    try startRegions()
    let unknown: Identifier = 0x0400_0000_0000_7777
    let segment = try mappableSegment(2)
    let region = try mapRegion(kernelAS, segment, offset: 0, pages: 1)
    let before = try regionLayout(kernelAS)
    let errors = regionErrorsCounted("reserve")
    check("sizes") { () throws(TestFailure) in
        try expectError(.invalidArgument, "a region of 0 bytes") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: 0)
        }
        try expectError(.invalidArgument, "a region of 100 bytes") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 0, size: 100)
        }
        try expectError(.invalidArgument, "an offset inside a page") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: 12, size: pageSize)
        }
    }
    check("segment_end") { () throws(TestFailure) in
        try expectError(.outOfRange, "a region past its segment's end") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: pageSize, size: regionPages(2))
        }
        try expectError(.outOfRange, "an offset past the segment") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: segment, offset: regionPages(3), size: pageSize)
        }
    }
    check("unknown") { () throws(TestFailure) in
        try expectError(.unknownIdentifier, "a region of an unknown segment") { () throws(KernelError) in
            try RegionManager.reserve(kernelAS, segment: unknown, offset: 0, size: pageSize)
        }
        try expectError(.unknownIdentifier, "a region in an unknown space") { () throws(KernelError) in
            try RegionManager.reserve(unknown, segment: segment, offset: 0, size: pageSize)
        }
        try expectError(.unknownIdentifier, "release an unknown region") { () throws(KernelError) in
            try RegionManager.release(kernelAS, unknown)
        }
        try expectError(.unknownIdentifier, "split an unknown region") { () throws(KernelError) in
            try RegionManager.split(kernelAS, unknown, at: pageSize)
        }
    }
    check("counted") { () throws(TestFailure) in
        try expectEqual(regionErrorsCounted("reserve"), errors + 7, "errors the statistics counted for reserve")
    }
    check("unchanged") { () throws(TestFailure) in
        let after = try regionLayout(kernelAS)
        try expect(after == before, "the refused calls changed the regions")
        try unmapRegion(kernelAS, region)
        try dropSegment(segment)
    }
}

/// Translation goes both ways, byte by byte, over a multi-page region at
/// an offset in its segment.
func test_as_translate() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(5)
    let base = try expectSuccess("get the segment") { () throws(KernelError) in try SegmentManager.get(segment) }.address
    let region = try mapRegion(kernelAS, segment, offset: regionPages(2), pages: 3, at: 0x7000_0000)
    check("physical") { () throws(TestFailure) in
        var virtual: UInt64 = 0x7000_0000
        while virtual < 0x7000_3000 {
            let physical = try expectSuccess("physical address of 0x\(hexadecimal(virtual))") { () throws(KernelError) in
                try AddressSpaceManager.physicalAddress(of: virtual, in: kernelAS)
            }
            try expectEqual(physical, base + regionPages(2) + (virtual - 0x7000_0000), "physical address of 0x\(hexadecimal(virtual))")
            virtual += 1
        }
    }
    check("virtual") { () throws(TestFailure) in
        var physical = base + regionPages(2)
        while physical < base + regionPages(5) {
            let virtual = try expectSuccess("virtual address of 0x\(hexadecimal(physical))") { () throws(KernelError) in
                try AddressSpaceManager.virtualAddress(of: physical, in: kernelAS)
            }
            try expectEqual(virtual, 0x7000_0000 + (physical - base - regionPages(2)), "virtual address of 0x\(hexadecimal(physical))")
            physical += 1
        }
    }
    check("outside") { () throws(TestFailure) in
        try expectError(.outOfRange, "physical address of an unmapped virtual address") { () throws(KernelError) in
            try AddressSpaceManager.physicalAddress(of: 0x7000_3000, in: kernelAS)
        }
        try expectError(.outOfRange, "virtual address of a page before the region's slice") { () throws(KernelError) in
            try AddressSpaceManager.virtualAddress(of: base + regionPages(2) - 1, in: kernelAS)
        }
        try unmapRegion(kernelAS, region)
        try dropSegment(segment)
    }
}

/// Bytes written through virtual addresses come back, across touching
/// regions; a run with an unmapped byte moves nothing.
func test_as_read_write() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(4)
    // two touching regions over two separate slices of the segment
    let first = try mapRegion(kernelAS, segment, offset: regionPages(3), pages: 1, at: 0x5800_0000)
    let second = try mapRegion(kernelAS, segment, offset: 0, pages: 1, at: 0x5800_1000)
    check("round_trip") { () throws(TestFailure) in
        let bytes = regionPattern(200, seed: 9)
        try expectSuccess("write 200 bytes") { () throws(KernelError) in
            try AddressSpaceManager.write(kernelAS, at: 0x5800_0010, bytes: bytes)
        }
        let back = try expectSuccess("read them back") { () throws(KernelError) in
            try AddressSpaceManager.read(kernelAS, at: 0x5800_0010, count: 200)
        }
        try expect(back == bytes, "the bytes read differ from the bytes written")
    }
    check("across") { () throws(TestFailure) in
        let bytes = regionPattern(512, seed: 77)
        try expectSuccess("write across the two regions") { () throws(KernelError) in
            try AddressSpaceManager.write(kernelAS, at: 0x5800_1000 - 256, bytes: bytes)
        }
        let low = try expectSuccess("read the first slice") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: regionPages(4) - 256, count: 256)
        }
        let high = try expectSuccess("read the second slice") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: 0, count: 256)
        }
        try expect(low == Array(bytes[0..<256]), "the first half is not at the end of the first region's slice")
        try expect(high == Array(bytes[256...]), "the second half is not at the start of the second region's slice")
    }
    check("unmapped") { () throws(TestFailure) in
        let before = try expectSuccess("read the end of the second region") { () throws(KernelError) in
            try AddressSpaceManager.read(kernelAS, at: 0x5800_2000 - 8, count: 8)
        }
        try expectError(.outOfRange, "write across the end of the second region") { () throws(KernelError) in
            try AddressSpaceManager.write(kernelAS, at: 0x5800_2000 - 8, bytes: [UInt8](repeating: 0xEE, count: 16))
        }
        try expectError(.outOfRange, "read below the first region") { () throws(KernelError) in
            try AddressSpaceManager.read(kernelAS, at: 0x5800_0000 - 1, count: 2)
        }
        let after = try expectSuccess("read it again") { () throws(KernelError) in
            try AddressSpaceManager.read(kernelAS, at: 0x5800_2000 - 8, count: 8)
        }
        try expect(after == before, "a refused write changed some bytes")
        try unmapRegion(kernelAS, first)
        try unmapRegion(kernelAS, second)
        try dropSegment(segment)
    }
}
