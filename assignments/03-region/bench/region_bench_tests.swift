// assignments/03-region/bench/region_bench_tests.swift -- the region
// benchmark, in the kernel. Not graded: it prints a table and passes.
// Only images built with BENCH=1 hold it (make bench-regions).
//
// For n live regions in the kernel's space (1 page each, packed from the
// window's base, all mapping one page of one segment), in machine cycles
// per reserve + release pair (the time stamp counter; under qemu it
// follows the host clock):
//   first-fit  reserve without an address (the manager walks the regions
//              to the first gap: the end, here, so O(n)) then release
//   forced     reserve at a free forced address (one floor and one
//              ceiling: O(log n)) then release
// Each size is run twice and the second run is printed: the first pays
// for one-time costs (qemu translating the code, the heap growing).

import Kernel
import Machine

/// Cycles per reserve + release pair at `n` live regions: (first fit, forced).
func regionBenchRow(_ segment: Identifier, n: Int) throws(KernelError) -> (UInt64, UInt64) {
    let space = AddressSpaceManager.kernel
    for _ in 0..<n {
        _ = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize)
    }
    let rounds = 1_000
    // first fit
    var start = Machine.cycles()
    for _ in 0..<rounds {
        let region = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize)
        try RegionManager.release(space, region)
    }
    let firstFit = (Machine.cycles() - start) / UInt64(rounds)
    // forced, past the live regions
    let address = RegionWindow.end - pageSize
    start = Machine.cycles()
    for _ in 0..<rounds {
        let region = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize,
                                               options: .forceAddress, address: address)
        try RegionManager.release(space, region)
    }
    let forced = (Machine.cycles() - start) / UInt64(rounds)
    try RegionManager.flush(space)
    return (firstFit, forced)
}

/// Prints the cost of a region reserve + release at 10^2, 10^3 and 10^4
/// live regions.
func test_region_bench() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(1)
    print("bench " + padded("regions", 10, right: true) + padded("first-fit/op", 16, right: true)
          + padded("forced/op", 14, right: true))
    for n in [100, 1_000, 10_000] {
        let row = try expectSuccess("bench n=\(n)") { () throws(KernelError) in
            _ = try regionBenchRow(segment, n: n)
            return try regionBenchRow(segment, n: n)
        }
        print("bench " + padded("\(n)", 10, right: true) + padded("\(row.0)", 16, right: true)
              + padded("\(row.1)", 14, right: true))
    }
    try dropSegment(segment)
}
