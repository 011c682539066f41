// assignments/02-segment/bench/segment_bench_tests.swift -- the segment
// benchmark, in the kernel. Not graded: it prints a table and passes.
// Only images built with BENCH=1 hold it (make bench-segments); it needs
// more memory than the grader's 32 MiB (mk/segments.mk boots 128).
//
// For n = 100, 1,000 and 10,000 live segments of one page, in machine
// cycles per reserve of one page followed by its release (the time stamp
// counter; under qemu it follows the host clock):
//   packed  the n segments side by side: the free memory is one area
//           after them
//   holes   a free page after each live segment: n free areas, all big
//           enough, so the fit policy has n areas it could choose
// Every figure is the best of five runs of 200 pairs, after a warm-up
// run that pays for one-time costs (qemu translating the code, the heap
// growing): on a loaded host, qemu's clock counts the time other
// programs take, and the smallest run has the least of it.

import Kernel
import Machine

/// The cost of one reserve+release of a page, in cycles, over `probes` pairs.
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

/// One figure: `n` live segments laid out as `holes` says; after one
/// warm-up run, the best of five runs of 200 pairs.
func segmentRow(_ n: Int, holes: Bool) throws(KernelError) -> UInt64 {
    let live = try liveSegments(n, holes: holes)
    _ = try pairCost(200)
    var cost = UInt64.max
    for _ in 0..<5 {
        cost = min(cost, try pairCost(200))
    }
    for segment in live { try SegmentManager.release(segment) }
    return cost
}

/// Prints the cost of reserve+release at 100, 1,000 and 10,000 live
/// segments, packed and with holes, under the default fit policy and
/// set structure, and the ratio of the last row to the first.
func test_segment_bench() throws(TestFailure) {
    try startMemory()
    print("bench " + padded("segments", 10) + padded("n", 8, right: true) + padded("packed", 12, right: true)
          + padded("holes", 12, right: true))
    var first: (UInt64, UInt64) = (1, 1)
    var last: (UInt64, UInt64) = (0, 0)
    for n in [100, 1_000, 10_000] {
        let row = try expectSuccess("bench n=\(n)") { () throws(KernelError) in
            (try segmentRow(n, holes: false), try segmentRow(n, holes: true))
        }
        if n == 100 { first = row }
        last = row
        print("bench " + padded("segments", 10) + padded("\(n)", 8, right: true) + padded("\(row.0)", 12, right: true)
              + padded("\(row.1)", 12, right: true))
    }
    print("bench segments 10^4 / 10^2: packed \(ratio(last.0, first.0)), holes \(ratio(last.1, first.1))")
}

/// `a / b` with one decimal, as text.
func ratio(_ a: UInt64, _ b: UInt64) -> String {
    let tenths = a * 10 / max(b, 1)
    return "\(tenths / 10).\(tenths % 10)"
}
