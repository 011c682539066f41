// assignments/02-segment/tests/segment_tests.swift -- the public tests of
// the segment manager (one check per behaviour).

import Kernel
import Machine

/// Reserving gives disjoint page runs listed in their space; releasing
/// gives the pages back for later reserves.
func test_segment_reserve() throws(TestFailure) {
    check("one") { () throws(TestFailure) in
        try startMemory()
        let before = try freeMemory()
        let identifier = try reserveSegment(pageBytes(3))
        let segment = try segmentOf(identifier)
        try expect(segment.size == pageBytes(3), "the segment has \(segment.size) bytes, not 3 pages")
        try expect(segment.owner == AddressSpaceManager.kernel, "the segment's owner is not the kernel's space")
        try expectEqual(try freeMemory(), before - pageBytes(3), "free bytes after reserving 3 pages")
        let located = try expectSuccess("locate its last byte") { () throws(KernelError) in
            try SegmentManager.locate(segment.end - 1)
        }
        try expect(located == identifier, "locate(last byte) names another segment")
        try releaseSegment(identifier)
        try expectEqual(try freeMemory(), before, "free bytes after releasing it")
    }
    check("many_disjoint") { () throws(TestFailure) in
        try startMemory()
        var identifiers: [Identifier] = []
        var segments: [Segment] = []
        for index in UInt64(0)..<50 {
            let identifier = try reserveSegment(pageBytes(index % 7 + 1))
            identifiers.append(identifier)
            segments.append(try segmentOf(identifier))
        }
        try expectDisjoint(segments)
        for identifier in identifiers { try releaseSegment(identifier) }
    }
    check("in_space") { () throws(TestFailure) in
        try startMemory()
        let identifier = try reserveSegment(pageBytes(1))
        let owned = try expectSuccess("list the kernel space's segments") { () throws(KernelError) in
            try AddressSpaceManager.segments(of: AddressSpaceManager.kernel)
        }
        try expect(owned.contains(identifier), "the kernel's space does not list its new segment")
        try releaseSegment(identifier)
        let after = try expectSuccess("list them again") { () throws(KernelError) in
            try AddressSpaceManager.segments(of: AddressSpaceManager.kernel)
        }
        try expect(!after.contains(identifier), "the kernel's space still lists a released segment")
    }
    check("release_reuse") { () throws(TestFailure) in
        try startMemory()
        let first = try reserveSegment(pageBytes(4))
        let second = try reserveSegment(pageBytes(4))
        let address = try segmentOf(first).address
        try releaseSegment(first)
        let third = try reserveSegment(pageBytes(4))
        try expectEqual(try segmentOf(third).address, address, "the address of a reserve after a release (first fit)")
        try releaseSegment(second)
        try releaseSegment(third)
    }
}

/// Bad calls are refused with the right error and change nothing.
func test_segment_errors() throws(TestFailure) {
    try startMemory()
    let kernel = AddressSpaceManager.kernel
    let unknown: Identifier = 0x0300_0000_0000_7777
    let segment = try reserveSegment(pageBytes(2))
    let before = try freeMemory()
    check("sizes") { () throws(TestFailure) in
        try expectError(.invalidArgument, "reserve 0 bytes") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: 0, permissions: .read)
        }
        try expectError(.invalidArgument, "reserve 1000 bytes") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: 1000, permissions: .read)
        }
        try expectError(.invalidArgument, "resize to a page and a byte") { () throws(KernelError) in
            try SegmentManager.resize(segment, to: pageSize + 1)
        }
    }
    check("permissions") { () throws(TestFailure) in
        try expectError(.invalidArgument, "reserve with permission bit 7") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: pageSize, permissions: SegmentPermissions(rawValue: 0x80))
        }
        try expectError(.invalidArgument, "change to permission bit 3") { () throws(KernelError) in
            try SegmentManager.permissions(segment, SegmentPermissions(rawValue: 0x8))
        }
        try expectError(.invalidArgument, "reserve with option bit 5") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: pageSize, permissions: .read, options: SegmentOptions(rawValue: 0x20))
        }
    }
    check("unknown") { () throws(TestFailure) in
        try expectError(.unknownIdentifier, "release an unknown segment") { () throws(KernelError) in
            try SegmentManager.release(unknown)
        }
        try expectError(.unknownIdentifier, "get an unknown segment") { () throws(KernelError) in
            try SegmentManager.get(unknown)
        }
        try expectError(.unknownIdentifier, "reserve for an unknown space") { () throws(KernelError) in
            try SegmentManager.reserve(unknown, size: pageSize, permissions: .read)
        }
        try expectError(.unknownIdentifier, "give to an unknown space") { () throws(KernelError) in
            try SegmentManager.give(segment, to: unknown)
        }
    }
    check("offsets") { () throws(TestFailure) in
        try expectError(.outOfRange, "read past the end") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: pageBytes(2) - 2, count: 3)
        }
        try expectError(.outOfRange, "write at the end") { () throws(KernelError) in
            try SegmentManager.write(segment, offset: pageBytes(2), bytes: [1])
        }
        try expectError(.outOfRange, "read from offset 2^64 - 1") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: UInt64.max, count: 2)
        }
        try expectError(.invalidArgument, "split at offset 0") { () throws(KernelError) in
            try SegmentManager.split(segment, at: 0)
        }
    }
    check("unchanged") { () throws(TestFailure) in
        try expectEqual(try freeMemory(), before, "free bytes after the refused calls")
        try expectEqual(try segmentOf(segment).size, pageBytes(2), "the segment's size after the refused calls")
        try releaseSegment(segment)
    }
}

/// Bytes written come back; reads and writes stay inside the segment.
func test_segment_data() throws(TestFailure) {
    check("round_trip") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(2))
        let bytes = pattern(Int(pageBytes(2)), seed: 3)
        try expectSuccess("write two pages") { () throws(KernelError) in try SegmentManager.write(segment, offset: 0, bytes: bytes) }
        let back = try expectSuccess("read them") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: 0, count: pageBytes(2))
        }
        try expect(back == bytes, "the bytes read differ from the bytes written")
        try releaseSegment(segment)
    }
    check("bounds") { () throws(TestFailure) in
        try startMemory()
        let first = try reserveSegment(pageBytes(1))
        let second = try reserveSegment(pageBytes(1))
        try expectSuccess("fill the second") { () throws(KernelError) in
            try SegmentManager.write(second, offset: 0, bytes: [0x5A, 0x5A])
        }
        try expectError(.outOfRange, "a write that runs one byte past the first") { () throws(KernelError) in
            try SegmentManager.write(first, offset: pageSize - 1, bytes: [1, 2])
        }
        let neighbour = try expectSuccess("read the second") { () throws(KernelError) in
            try SegmentManager.read(second, offset: 0, count: 2)
        }
        try expect(neighbour == [0x5A, 0x5A], "a refused write changed the next segment")
        try releaseSegment(first)
        try releaseSegment(second)
    }
    check("copy") { () throws(TestFailure) in
        try startMemory()
        let source = try reserveSegment(pageBytes(1))
        let target = try reserveSegment(pageBytes(2))
        let bytes = pattern(100, seed: 9)
        try expectSuccess("write the source") { () throws(KernelError) in try SegmentManager.write(source, offset: 50, bytes: bytes) }
        try expectSuccess("copy") { () throws(KernelError) in
            try SegmentManager.copy(to: target, at: pageSize + 7, from: source, at: 50, count: 100)
        }
        let back = try expectSuccess("read the copy") { () throws(KernelError) in
            try SegmentManager.read(target, offset: pageSize + 7, count: 100)
        }
        try expect(back == bytes, "the copied bytes differ")
        try releaseSegment(source)
        try releaseSegment(target)
    }
}

/// Split then coalesce; coalescing what does not belong together fails.
func test_segment_split_coalesce() throws(TestFailure) {
    check("split") { () throws(TestFailure) in
        try startMemory()
        let whole = try reserveSegment(pageBytes(4))
        let start = try segmentOf(whole).address
        let second = try expectSuccess("split at 1 page") { () throws(KernelError) in
            try SegmentManager.split(whole, at: pageSize)
        }
        try expectEqual(try segmentOf(whole).size, pageSize, "the first part's size")
        try expectEqual(try segmentOf(second).address, start + pageSize, "the second part's address")
        try expectEqual(try segmentOf(second).size, pageBytes(3), "the second part's size")
        let joined = try expectSuccess("coalesce them") { () throws(KernelError) in
            try SegmentManager.coalesce(whole, second)
        }
        try expect(joined == whole, "coalesce should keep the first part's identifier")
        try expect(!SegmentManager.exist(second), "the second part still exists after the coalesce")
        try expectEqual(try segmentOf(whole).size, pageBytes(4), "the size after the coalesce")
        try releaseSegment(whole)
    }
    check("refused") { () throws(TestFailure) in
        try startMemory()
        let a = try reserveSegment(pageBytes(1))
        let b = try reserveSegment(pageBytes(1))
        let c = try reserveSegment(pageBytes(1))
        try expectSuccess("make b read-only") { () throws(KernelError) in try SegmentManager.permissions(b, .read) }
        try expectError(.invalidArgument, "coalesce segments of different permissions") { () throws(KernelError) in
            try SegmentManager.coalesce(a, b)
        }
        try expectError(.invalidArgument, "coalesce segments that do not touch") { () throws(KernelError) in
            try SegmentManager.coalesce(a, c)
        }
        for identifier in [a, b, c] { try releaseSegment(identifier) }
    }
}

/// Resize shrinks, grows in place, moves when it must (bytes kept), and
/// never moves a no-relocate segment.
func test_segment_resize() throws(TestFailure) {
    check("shrink_grow") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(3))
        let address = try segmentOf(segment).address
        try expectSuccess("shrink to 1 page") { () throws(KernelError) in try SegmentManager.resize(segment, to: pageSize) }
        try expectEqual(try segmentOf(segment).size, pageSize, "the size after shrinking")
        try expectSuccess("grow to 5 pages") { () throws(KernelError) in try SegmentManager.resize(segment, to: pageBytes(5)) }
        try expectEqual(try segmentOf(segment).address, address, "the address after growing in place")
        try releaseSegment(segment)
    }
    check("relocate") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(1))
        let wall = try reserveSegment(pageBytes(1))
        let bytes = pattern(Int(pageSize), seed: 77)
        try expectSuccess("fill it") { () throws(KernelError) in try SegmentManager.write(segment, offset: 0, bytes: bytes) }
        try expectSuccess("grow past its neighbour") { () throws(KernelError) in
            try SegmentManager.resize(segment, to: pageBytes(4))
        }
        let moved = try segmentOf(segment)
        try expectEqual(moved.size, pageBytes(4), "the size after moving")
        try expectDisjoint([moved, try segmentOf(wall)])
        let back = try expectSuccess("read it") { () throws(KernelError) in try SegmentManager.read(segment, offset: 0, count: pageSize) }
        try expect(back == bytes, "the bytes did not move with the segment")
        try releaseSegment(segment)
        try releaseSegment(wall)
    }
    check("no_relocate") { () throws(TestFailure) in
        try startMemory()
        let fixed = try reserveSegment(pageBytes(1), .noRelocate)
        let wall = try reserveSegment(pageBytes(1))
        let address = try segmentOf(fixed).address
        try expectError(.busy, "grow a no-relocate segment that must move") { () throws(KernelError) in
            try SegmentManager.resize(fixed, to: pageBytes(2))
        }
        try expectEqual(try segmentOf(fixed).address, address, "the address after the refusal")
        try expectEqual(try segmentOf(fixed).size, pageSize, "the size after the refusal")
        try releaseSegment(fixed)
        try releaseSegment(wall)
    }
}

/// Clone copies the bytes; give moves a segment to another space;
/// releasing a space releases its segments.
func test_segment_clone_give() throws(TestFailure) {
    check("clone") { () throws(TestFailure) in
        try startMemory()
        let original = try reserveSegment(pageBytes(2))
        let bytes = pattern(300, seed: 1)
        try expectSuccess("write") { () throws(KernelError) in try SegmentManager.write(original, offset: pageSize - 150, bytes: bytes) }
        let copy = try expectSuccess("clone") { () throws(KernelError) in try SegmentManager.clone(original) }
        try expectDisjoint([try segmentOf(original), try segmentOf(copy)])
        let back = try expectSuccess("read the clone") { () throws(KernelError) in
            try SegmentManager.read(copy, offset: pageSize - 150, count: 300)
        }
        try expect(back == bytes, "the clone's bytes differ")
        try releaseSegment(original)
        try releaseSegment(copy)
    }
    check("give") { () throws(TestFailure) in
        try startMemory()
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
        let segment = try reserveSegment(pageBytes(1))
        try expectSuccess("give it") { () throws(KernelError) in try SegmentManager.give(segment, to: space) }
        try expectEqual(try segmentOf(segment).owner, space, "the owner after give")
        let owned = try expectSuccess("list the space") { () throws(KernelError) in try AddressSpaceManager.segments(of: space) }
        try expect(owned == [segment], "the new space does not list the segment it was given")
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
        try expect(!SegmentManager.exist(segment), "a segment outlived its space")
    }
}

/// Reserving until memory runs out fails cleanly, and releasing recovers.
func test_segment_exhaustion() throws(TestFailure) {
    try startMemory()
    let chunk: UInt64 = 1 << 20
    var identifiers: [Identifier] = []
    check("exhausted") { () throws(TestFailure) in
        while true {
            do throws(KernelError) {
                identifiers.append(try SegmentManager.reserve(AddressSpaceManager.kernel, size: chunk, permissions: .read))
            } catch {
                try expect(error == .exhausted, "reserving past the end of memory: expected 'exhausted', got '\(error.description)'")
                break
            }
            try expect(identifiers.count < 4096, "4096 segments of 1 MiB reserved: memory never runs out")
        }
        try expect(identifiers.count >= 8, "only \(identifiers.count) MiB could be reserved")
    }
    check("recovery") { () throws(TestFailure) in
        let count = identifiers.count
        for identifier in identifiers { try releaseSegment(identifier) }
        identifiers = []
        for _ in 0..<count {
            identifiers.append(try reserveSegment(chunk))
        }
        for identifier in identifiers { try releaseSegment(identifier) }
    }
}
