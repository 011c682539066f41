// assignments/03-region/bench/region_bench_tests.swift -- the region
// benchmark, in the kernel. Not graded: it prints a table and passes.
// Only images built with BENCH=1 hold it (make bench-regions).
//
// For n live regions in the kernel's space (1 page each, all mapping one
// page of one segment), in machine cycles per reserve + release pair (the
// time stamp counter; under qemu it follows the host clock):
//   first-fit  reserve without an address, then release, with the n
//              regions packed from the window's base: the manager starts
//              from the space's hint (the first free byte, the end here)
//   holes      the same with a free page after each live region: the
//              first hole fits, and the hint points at it
//   forced     reserve at a free forced address (one floor and one
//              ceiling: O(log n)) then release
// Each size is run twice and the second run is printed: the first pays
// for one-time costs (qemu translating the code, the heap growing).

import Kernel
import Machine

/// Cycles per first-fit reserve + release pair, over `rounds` pairs.
func regionPairCost(_ segment: Identifier, rounds: Int) throws(KernelError) -> UInt64 {
    let space = AddressSpaceManager.kernel
    let start = Machine.cycles()
    for _ in 0..<rounds {
        let region = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize)
        try RegionManager.release(space, region)
    }
    return (Machine.cycles() - start) / UInt64(rounds)
}

/// `n` live regions of one page, packed from the window's base or each
/// followed by a free page (`holes`: reserves 2n, releases every other).
func liveRegions(_ segment: Identifier, _ n: Int, holes: Bool) throws(KernelError) {
    let space = AddressSpaceManager.kernel
    var gaps: [Identifier] = []
    for _ in 0..<n {
        _ = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize)
        if holes { gaps.append(try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize)) }
    }
    for gap in gaps { try RegionManager.release(space, gap) }
}

/// Cycles per reserve + release pair at `n` live regions: (first fit
/// packed, first fit with holes, forced).
func regionBenchRow(_ segment: Identifier, n: Int) throws(KernelError) -> (UInt64, UInt64, UInt64) {
    let space = AddressSpaceManager.kernel
    let rounds = 1_000
    try liveRegions(segment, n, holes: false)
    let firstFit = try regionPairCost(segment, rounds: rounds)
    // forced, past the live regions
    let address = RegionWindow.end - pageSize
    let start = Machine.cycles()
    for _ in 0..<rounds {
        let region = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize,
                                               options: .forceAddress, address: address)
        try RegionManager.release(space, region)
    }
    let forced = (Machine.cycles() - start) / UInt64(rounds)
    try RegionManager.flush(space)
    try liveRegions(segment, n, holes: true)
    let holes = try regionPairCost(segment, rounds: rounds)
    try RegionManager.flush(space)
    return (firstFit, holes, forced)
}

/// Prints the cost of a region reserve + release at 10^2, 10^3 and 10^4
/// live regions.
func test_region_bench() throws(TestFailure) {
    try startRegions()
    let segment = try mappableSegment(1)
    print("bench " + padded("regions", 10, right: true) + padded("first-fit/op", 16, right: true)
          + padded("holes/op", 14, right: true) + padded("forced/op", 14, right: true))
    for n in [100, 1_000, 10_000] {
        let row = try expectSuccess("bench n=\(n)") { () throws(KernelError) in
            _ = try regionBenchRow(segment, n: n)
            return try regionBenchRow(segment, n: n)
        }
        print("bench " + padded("\(n)", 10, right: true) + padded("\(row.0)", 16, right: true)
              + padded("\(row.1)", 14, right: true) + padded("\(row.2)", 14, right: true))
    }
    try dropSegment(segment)
}
