// assignments/02-segment/hidden/segment_seeded_tests.swift -- a test whose
// expected output depends on the run's seed: the grader computes the
// same line on the host (grader/Scripts/SeededOracle.swift,
// segment_seeded). Addresses depend on the memory map, so the line holds
// only what the seed decides: page counts and the bytes read back.

import Kernel
import Machine

/// 16 segments of seeded sizes, each with 64 seeded bytes at a seeded
/// offset; every other one released; the others cloned, and the bytes
/// read back from the clones summed; everything released.
func test_segment_seeded() throws(TestFailure) {
    try startMemory()
    let before = try freeMemory()
    var random = Random(state: Harness.seed | 1)
    var segments: [(identifier: Identifier, pages: UInt64, offset: UInt64)] = []
    // 1. reserve and fill
    for _ in 0..<16 {
        let pages = random.below(4) + 1
        let offset = random.below(pages * 4096 - 64)
        let fill = UInt8(truncatingIfNeeded: random.below(256))
        let identifier = try reserveSegment(pageBytes(pages))
        var bytes: [UInt8] = []
        for index in 0..<64 { bytes.append(fill &+ UInt8(index)) }
        try writeBytes(identifier, at: offset, bytes)
        segments.append((identifier, pages, offset))
    }
    // 2. release every other one
    for (index, segment) in segments.enumerated() where index % 2 == 1 { try releaseSegment(segment.identifier) }
    // 3. clone the others and read the clones
    var (live, pages, sum) = (0, UInt64(0), UInt64(0))
    for (index, segment) in segments.enumerated() where index % 2 == 0 {
        let copy = try expectSuccess("clone segment \(index)") { () throws(KernelError) in
            try SegmentManager.clone(segment.identifier)
        }
        let bytes = try expectSuccess("read the clone of segment \(index)") { () throws(KernelError) in
            try SegmentManager.read(copy, offset: segment.offset, count: 64)
        }
        for (position, byte) in bytes.enumerated() {
            sum = sum &+ UInt64(byte) &* UInt64(position + 1) &* UInt64(index + 1)
        }
        live += 1
        pages += try segmentOf(copy).size / pageSize
        try releaseSegment(copy)
        try releaseSegment(segment.identifier)
    }
    try expectEqual(try freeMemory(), before, "free bytes once every seeded segment is released")
    print("seeded segments: live=\(live) pages=\(pages) sum=\(sum)")
}
