// Tests/SegmentBench/main.swift -- the segment benchmark on the host.
//
//     swift run -c release --scratch-path .build-sets segment-bench
//
// For n = 100, 1,000 and 10,000 live segments of one page, in
// nanoseconds (the host machine's `Machine.cycles()`) per reserve of one
// page followed by its release:
//   packed  the n segments side by side: the free memory is one area
//   holes   a free page after each live segment: n free areas
// The simulated memory is one range of 256 MiB (the default ranges hold
// 768 pages). Each row is measured three times and the smallest figure
// printed, as in set-bench. Then the same for regions: n live regions of
// one page in the kernel's space, first fit packed and with holes (the
// manager starts from the space's hint, region_reserve.swift), and a
// forced address past them. The figures are printed, never checked; the
// kernel's own runs are assignments/02-segment/bench/ and 03-region/bench/.

import Kernel
import Machine

/// The cost of one reserve+release of a page, over `probes` pairs.
func pairCost(_ probes: Int) throws(KernelError) -> UInt64 {
    let kernel = AddressSpaceManager.kernel
    let start = Machine.cycles()
    for _ in 0..<probes {
        let segment = try SegmentManager.reserve(kernel, size: pageSize, permissions: [.read, .write])
        try SegmentManager.release(segment)
    }
    return (Machine.cycles() - start) / UInt64(probes)
}

/// `n` live segments of one page, side by side, or each followed by a
/// free page (`holes`): reserves 2n and releases every other one.
func liveSegments(_ n: Int, holes: Bool) throws(KernelError) -> [Identifier] {
    var live: [Identifier] = []
    var gaps: [Identifier] = []
    for _ in 0..<n {
        live.append(try SegmentManager.reserve(AddressSpaceManager.kernel, size: pageSize, permissions: .read))
        if holes {
            gaps.append(try SegmentManager.reserve(AddressSpaceManager.kernel, size: pageSize, permissions: .read))
        }
    }
    for gap in gaps { try SegmentManager.release(gap) }
    return live
}

/// The best of three measures of `n` live segments laid out as `holes` says.
func segmentRow(_ n: Int, holes: Bool) throws(KernelError) -> UInt64 {
    let live = try liveSegments(n, holes: holes)
    var best = UInt64.max
    for _ in 0..<3 {
        best = min(best, try pairCost(1_000))
    }
    for segment in live { try SegmentManager.release(segment) }
    return best
}

/// The cost of one first-fit region reserve+release of a page mapping
/// `segment`, or at the forced `address`, over `probes` pairs.
func regionPairCost(_ segment: Identifier, _ probes: Int, at address: UInt64? = nil) throws(KernelError) -> UInt64 {
    let kernel = AddressSpaceManager.kernel
    let start = Machine.cycles()
    for _ in 0..<probes {
        let region = try RegionManager.reserve(kernel, segment: segment, offset: 0, size: pageSize,
                                               options: address == nil ? [] : .forceAddress, address: address ?? 0)
        try RegionManager.release(kernel, region)
    }
    return (Machine.cycles() - start) / UInt64(probes)
}

/// The best of three measures at `n` live regions mapping `segment`:
/// (first fit packed, first fit with a free page after each, forced).
func regionRow(_ segment: Identifier, _ n: Int) throws(KernelError) -> (UInt64, UInt64, UInt64) {
    let kernel = AddressSpaceManager.kernel
    var row = (UInt64.max, UInt64.max, UInt64.max)
    for holes in [false, true] {
        var gaps: [Identifier] = []
        for _ in 0..<n {
            _ = try RegionManager.reserve(kernel, segment: segment, offset: 0, size: pageSize)
            if holes { gaps.append(try RegionManager.reserve(kernel, segment: segment, offset: 0, size: pageSize)) }
        }
        for gap in gaps { try RegionManager.release(kernel, gap) }
        for _ in 0..<3 {
            if holes {
                row.1 = min(row.1, try regionPairCost(segment, 1_000))
            } else {
                row.0 = min(row.0, try regionPairCost(segment, 1_000))
                row.2 = min(row.2, try regionPairCost(segment, 1_000, at: RegionWindow.end - pageSize))
            }
        }
        try RegionManager.flush(kernel)
    }
    return row
}

/// Prints the region table and its 10^4 / 10^2 ratios.
func regionTable() throws(KernelError) {
    let segment = try SegmentManager.reserve(AddressSpaceManager.kernel, size: pageSize, permissions: [.read, .write])
    print("region-bench: nanoseconds per reserve+release of a one-page region, n live regions")
    print(padded("regions", 10) + padded("n", 8, right: true) + padded("packed", 10, right: true)
          + padded("holes", 10, right: true) + padded("forced", 10, right: true))
    var rows: [(UInt64, UInt64, UInt64)] = []
    for n in [100, 1_000, 10_000] {
        let row = try regionRow(segment, n)
        rows.append(row)
        print(padded("regions", 10) + padded("\(n)", 8, right: true) + padded("\(row.0)", 10, right: true)
              + padded("\(row.1)", 10, right: true) + padded("\(row.2)", 10, right: true))
    }
    func ratio(_ high: UInt64, _ low: UInt64) -> Double { Double(high) / Double(max(low, 1)) }
    print("region-bench: 10^4 / 10^2: packed \(ratio(rows[2].0, rows[0].0)), holes \(ratio(rows[2].1, rows[0].1)), "
          + "forced \(ratio(rows[2].2, rows[0].2))")
    try SegmentManager.release(segment)
}

do throws(KernelError) {
    Machine.simulatedRanges = [PhysicalRange(base: 0x0010_0000, size: 256 << 20)]
    try Kernel.initialize()
    print("segment-bench: nanoseconds per reserve+release of one page, n live segments")
    print(padded("segments", 10) + padded("n", 8, right: true) + padded("packed", 10, right: true)
          + padded("holes", 10, right: true))
    var rows: [(UInt64, UInt64)] = []
    for n in [100, 1_000, 10_000] {
        let row = (try segmentRow(n, holes: false), try segmentRow(n, holes: true))
        rows.append(row)
        print(padded("segments", 10) + padded("\(n)", 8, right: true) + padded("\(row.0)", 10, right: true)
              + padded("\(row.1)", 10, right: true))
    }
    let packed = Double(rows[2].0) / Double(max(rows[0].0, 1))
    let holes = Double(rows[2].1) / Double(max(rows[0].1, 1))
    print("segment-bench: 10^4 / 10^2: packed \(packed), holes \(holes)")
    try regionTable()
} catch {
    print("segment-bench: \(error.description)")
}
