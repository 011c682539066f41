// assignments/02-segment/hidden/segment_hidden_tests.swift -- hidden tests
// of the segment manager: every page and every heap byte back after
// release, more refused calls (each followed by a check of the whole
// state), and the bytes at the edges of a segment, each one checked.

import Kernel
import Machine

/// A bit of everything: reserve, split, coalesce, resize (in place and
/// moving), clone, give, write, copy; then every segment and the space
/// it made are released.
func workload() throws(TestFailure) {
    let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
    var segments: [Identifier] = []
    for pages in UInt64(1)...5 { segments.append(try reserveSegment(pageBytes(pages))) }
    let tail = try expectSuccess("split") { () throws(KernelError) in try SegmentManager.split(segments[4], at: pageBytes(2)) }
    _ = try expectSuccess("coalesce") { () throws(KernelError) in try SegmentManager.coalesce(segments[4], tail) }
    try writeBytes(segments[0], at: 0, pattern(100, seed: 4))
    try expectSuccess("grow by moving") { () throws(KernelError) in try SegmentManager.resize(segments[0], to: pageBytes(3)) }
    try expectSuccess("shrink") { () throws(KernelError) in try SegmentManager.resize(segments[2], to: pageBytes(1)) }
    segments.append(try expectSuccess("clone") { () throws(KernelError) in try SegmentManager.clone(segments[0]) })
    try expectSuccess("copy") { () throws(KernelError) in
        try SegmentManager.copy(to: segments[1], at: 0, from: segments[5], at: 0, count: 100)
    }
    try expectSuccess("give") { () throws(KernelError) in try SegmentManager.give(segments[3], to: space) }
    _ = try expectSuccess("reserve in the space") { () throws(KernelError) in
        try SegmentManager.reserve(space, size: pageBytes(2), permissions: .read)
    }
    for (index, segment) in segments.enumerated() where index != 3 { try releaseSegment(segment) }
    try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
}

/// Reserves a space, 20 segments in it, and releases the space.
func spaceWithSegments() throws(TestFailure) {
    let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
    for index in UInt64(0)..<20 {
        _ = try expectSuccess("reserve segment \(index) in the space") { () throws(KernelError) in
            try SegmentManager.reserve(space, size: pageBytes(index % 3 + 1), permissions: .read)
        }
    }
    try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
}

/// Every page and every heap byte comes back once everything is released.
func test_segment_leak() throws(TestFailure) {
    // After the workload released everything, the segments, the free
    // areas (merged back into the same areas) and the spaces are exactly
    // as before it.
    check("pages") { () throws(TestFailure) in
        try startMemory()
        let before = try memoryState()
        try workload()
        try expectState(before, "after the workload released every segment")
    }
    // The workload run a second time leaves the kernel heap as it found
    // it (the first run may grow the sets' structures once).
    check("heap") { () throws(TestFailure) in
        try startMemory()
        try workload()
        try expectNoLeak("the segment workload") { () throws(TestFailure) in try workload() }
    }
    // Releasing a space that owns segments gives back their pages and,
    // the second time (the first may grow the sets once), the heap.
    check("space") { () throws(TestFailure) in
        try startMemory()
        let before = try memoryState()
        try spaceWithSegments()
        try expectNoLeak("a space with 20 segments, the second time") { () throws(TestFailure) in try spaceWithSegments() }
        try expectState(before, "after releasing a space with 20 segments")
    }
}

/// More bad calls, each refused with its error, counted, the state as it was.
func test_segment_refusals() throws(TestFailure) {
    let kernel = AddressSpaceManager.kernel
    let unknown: Identifier = 0x0300_0000_0000_5555
    // Coalescing segments whose options differ (system, no-relocate) is
    // refused even when they touch and agree on owner and permissions.
    check("options") { () throws(TestFailure) in
        try startMemory()
        let plain = try reserveSegment(pageBytes(1))
        let system = try reserveSegment(pageBytes(1), .system)
        let fixed = try reserveSegment(pageBytes(1), .noRelocate)
        try expectRefused(.invalidArgument, "coalesce", "coalesce a plain and a system segment") { () throws(KernelError) in
            try SegmentManager.coalesce(plain, system)
        }
        try expectRefused(.invalidArgument, "coalesce", "coalesce a system and a no-relocate segment") { () throws(KernelError) in
            try SegmentManager.coalesce(system, fixed)
        }
        for segment in [plain, system, fixed] { try releaseSegment(segment) }
    }
    // A clone or a moving resize with no room is exhausted, and the
    // original keeps its place, its size and its bytes.
    check("exhausted") { () throws(TestFailure) in
        try startMemory()
        let big = try reserveSegment(try freeMemory() / 2 / pageSize * pageSize + pageSize)
        let wall = try reserveSegment(pageBytes(1))
        try writeBytes(big, at: 0, [9, 8, 7])
        try expectRefused(.exhausted, "clone", "clone a segment larger than the free memory") { () throws(KernelError) in
            try SegmentManager.clone(big)
        }
        let size = try segmentOf(big).size
        try expectRefused(.exhausted, "resize", "grow a segment that must move, with no room") { () throws(KernelError) in
            try SegmentManager.resize(big, to: size * 2)
        }
        try expectBytes(big, at: 0, [9, 8, 7], "the bytes of a segment whose clone and resize were refused")
        let rest = try freeMemory()
        try expectRefused(.exhausted, "reserve", "reserve a page more than the free memory") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: rest + pageSize, permissions: .read)
        }
        try releaseSegment(big)
        try releaseSegment(wall)
    }
    // Every verb refuses an identifier that names no segment (or no
    // space), and locate refuses a free address.
    check("unknown") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(2))
        try expectRefused(.unknownIdentifier, "split", "split an unknown segment") { () throws(KernelError) in
            try SegmentManager.split(unknown, at: pageSize)
        }
        try expectRefused(.unknownIdentifier, "coalesce", "coalesce with an unknown segment") { () throws(KernelError) in
            try SegmentManager.coalesce(segment, unknown)
        }
        try expectRefused(.unknownIdentifier, "copy", "copy into an unknown segment") { () throws(KernelError) in
            try SegmentManager.copy(to: unknown, at: 0, from: segment, at: 0, count: 1)
        }
        try expectRefused(.unknownIdentifier, "write", "write to an unknown segment") { () throws(KernelError) in
            try SegmentManager.write(unknown, offset: 0, bytes: [1])
        }
        try expectRefused(.unknownIdentifier, "permissions", "change an unknown segment's permissions") { () throws(KernelError) in
            try SegmentManager.permissions(unknown, .read)
        }
        try expectRefused(.unknownIdentifier, "flush", "flush an unknown space") { () throws(KernelError) in
            try SegmentManager.flush(unknown)
        }
        let end = try segmentOf(segment).end
        try expectRefused(.outOfRange, "locate", "locate a free address") { () throws(KernelError) in
            try SegmentManager.locate(end)
        }
        try releaseSegment(segment)
    }
    // A refused split or coalesce leaves both segments' fields, owners
    // and the spaces' lists as they were (checked field by field).
    check("fields") { () throws(TestFailure) in
        try startMemory()
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
        let low = try reserveSegment(pageBytes(3))
        let high = try reserveSegment(pageBytes(1))
        try expectSuccess("give the upper one away") { () throws(KernelError) in try SegmentManager.give(high, to: space) }
        try expectRefused(.invalidArgument, "coalesce", "coalesce across owners, upper first") { () throws(KernelError) in
            try SegmentManager.coalesce(high, low)
        }
        try expectRefused(.invalidArgument, "split", "split past the end") { () throws(KernelError) in
            try SegmentManager.split(low, at: pageBytes(4))
        }
        try expectRefused(.unknownIdentifier, "give", "give to a released space") { () throws(KernelError) in
            try SegmentManager.give(low, to: 0x0200_0000_0000_4444)
        }
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
        try expect(!SegmentManager.exist(high), "a segment outlived its space")
        try releaseSegment(low)
    }
}

/// Reads and writes at the edges of a segment: every byte of it and of
/// its neighbours checked.
func test_segment_bytes() throws(TestFailure) {
    // Runs that leave a page-long segment are refused (reads and writes,
    // state checked after each); the runs that end at its last byte
    // succeed; no byte of the two neighbours ever changes.
    check("edges") { () throws(TestFailure) in
        try startMemory()
        let below = try reserveSegment(pageBytes(1))
        let segment = try reserveSegment(pageBytes(1))
        let above = try reserveSegment(pageBytes(1))
        let guardBytes = pattern(Int(pageSize), seed: 200)
        try writeBytes(below, at: 0, guardBytes)
        try writeBytes(above, at: 0, guardBytes)
        try writeBytes(segment, at: 0, [UInt8](repeating: 0, count: Int(pageSize)))
        let bad: [(UInt64, UInt64)] = [(pageSize, 1), (pageSize - 1, 2), (0, pageSize + 1), (1, pageSize),
                                       (pageSize + 1, 0), (UInt64.max, 1), (1, UInt64.max)]
        for (offset, count) in bad {
            try expectRefused(.outOfRange, "read", "read \(count) bytes at offset \(offset)") { () throws(KernelError) in
                try SegmentManager.read(segment, offset: offset, count: count)
            }
            if count <= pageSize + 1 {
                try expectRefused(.outOfRange, "write", "write \(count) bytes at offset \(offset)") { () throws(KernelError) in
                    try SegmentManager.write(segment, offset: offset, bytes: [UInt8](repeating: 0xEE, count: Int(count)))
                }
            }
        }
        try writeBytes(segment, at: pageSize - 1, [0x44])
        try writeBytes(segment, at: pageSize, [])
        var expected = [UInt8](repeating: 0, count: Int(pageSize))
        expected[Int(pageSize) - 1] = 0x44
        try expectBytes(segment, at: 0, expected, "the segment after refused writes and one at its last byte")
        try expectBytes(below, at: 0, guardBytes, "the segment below")
        try expectBytes(above, at: 0, guardBytes, "the segment above")
        for identifier in [below, segment, above] { try releaseSegment(identifier) }
    }
    // Copy within one segment where the runs overlap moves the bytes as
    // if through a buffer, in both directions; a whole-page copy between
    // two segments copies every byte.
    check("overlap") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(1))
        let other = try reserveSegment(pageBytes(1))
        let bytes = pattern(300, seed: 11)
        try writeBytes(segment, at: 0, bytes)
        try expectSuccess("copy up over itself") { () throws(KernelError) in
            try SegmentManager.copy(to: segment, at: 100, from: segment, at: 0, count: 200)
        }
        try expectBytes(segment, at: 0, Array(bytes[0..<100]) + Array(bytes[0..<200]), "after copying 200 bytes up by 100")
        try writeBytes(segment, at: 0, bytes)
        try expectSuccess("copy down over itself") { () throws(KernelError) in
            try SegmentManager.copy(to: segment, at: 0, from: segment, at: 100, count: 200)
        }
        try expectBytes(segment, at: 0, Array(bytes[100..<300]) + Array(bytes[200..<300]), "after copying 200 bytes down by 100")
        let page = pattern(Int(pageSize), seed: 99)
        try writeBytes(segment, at: 0, page)
        try expectSuccess("copy a whole page") { () throws(KernelError) in
            try SegmentManager.copy(to: other, at: 0, from: segment, at: 0, count: pageSize)
        }
        try expectBytes(other, at: 0, page, "the page copied")
        try releaseSegment(segment)
        try releaseSegment(other)
    }
}
