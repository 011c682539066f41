// assignments/03-region/bench/paging_bench_tests.swift -- what mapping
// costs, per page. Not graded: it prints a table and passes. Only images
// built with BENCH=1 hold it:
//
//     make qemu ASSIGNMENT=03-region TEST=bench_paging BENCH=1
//
// For runs of 1, 16 and 256 pages, in machine cycles per page (the time
// stamp counter; under qemu it follows the host clock):
//   hook map / unmap     the machine alone: Machine.regionReserved and
//                        regionReleasing on the kernel's space, i.e. the
//                        page-table writes (and the invlpg of each unmap)
//   region map / unmap   the whole verb: RegionManager.reserve and
//                        release (checks, the space's set of regions,
//                        identifiers, statistics, then the same hooks)
// Each size is measured twice and the second run printed (the first pays
// for qemu translating the code and the first page table of the span).
// The host clock makes the figures noisy on a loaded host; for repeatable
// ones boot the image under `-icount shift=0,sleep=off` (the counter then
// follows the instructions executed). Measured so (hook map / unmap,
// region map / unmap, per page): 1 page 18568 / 14366, 25623 / 19262;
// 16 pages 1241 / 961, 1682 / 1267; 256 pages 158 / 123, 185 / 142. A
// lone page pays for a whole page table: allocated and zeroed by the
// map, given back by the unmap that empties it.

import Kernel
import Machine

/// Prints the table of mapping costs per page.
func test_bench_paging() throws(TestFailure) {
    try pagingStart()
    let kernel = AddressSpaceManager.kernel
    let segment = try pagingSegment(owner: kernel, pages: 256)
    let physical = try expectSuccess("get the segment") { () throws(KernelError) in
        try SegmentManager.get(segment).address
    }
    print("bench paging: cycles per page   pages  hook-map  hook-unmap  region-map  region-unmap")
    for pages: UInt64 in [1, 16, 256] {
        let rounds: UInt64 = pages == 256 ? 8 : (pages == 16 ? 64 : 512)
        var row = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        for _ in 0..<2 {
            row.0 = 0; row.1 = 0; row.2 = 0; row.3 = 0
            for _ in 0..<rounds {
                let hook = try benchHook(kernel, physical: physical, pages: pages)
                let region = try benchRegion(kernel, segment, pages: pages)
                row.0 += hook.map; row.1 += hook.unmap; row.2 += region.map; row.3 += region.unmap
            }
        }
        let count = rounds * pages
        print("bench paging: \(pages) \(row.0 / count) \(row.1 / count) \(row.2 / count) \(row.3 / count)")
    }
    try pagingReleaseSegment(segment)
}

/// Cycles to map then unmap `pages` pages with the machine's hooks alone.
func benchHook(_ space: Identifier, physical: UInt64, pages: UInt64) throws(TestFailure) -> (map: UInt64, unmap: UInt64) {
    var record = Machine.RegionRecord()
    let size = pagingBytes(pages)
    let start = Machine.cycles()
    try expectSuccess("map \(pages) pages") { () throws(KernelError) in
        try Machine.regionReserved(0, space: space, virtual: pagingBase, physical: physical, size: size,
                                   permissions: [.read, .write], privileged: false, record: &record)
    }
    let middle = Machine.cycles()
    try expectSuccess("unmap \(pages) pages") { () throws(KernelError) in
        try Machine.regionReleasing(0, space: space, virtual: pagingBase, size: size, record: &record)
    }
    return (middle - start, Machine.cycles() - middle)
}

/// Cycles to reserve then release a region of `pages` pages.
func benchRegion(_ space: Identifier, _ segment: Identifier, pages: UInt64) throws(TestFailure) -> (map: UInt64, unmap: UInt64) {
    let start = Machine.cycles()
    let region = try pagingRegion(space, segment, pages: pages, at: pagingBase)
    let middle = Machine.cycles()
    try pagingReleaseRegion(space, region)
    return (middle - start, Machine.cycles() - middle)
}
