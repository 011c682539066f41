// assignments/02-segment/tests/segment_tests.swift -- the public tests of
// the segment manager (one check per behaviour).

import Kernel
import Machine

/// Reserving gives disjoint page runs listed in their space; releasing
/// gives the pages back for later reserves.
func test_segment_reserve() throws(TestFailure) {
    // One reserve gives a segment of the size asked, owned by the space
    // asked, that locate finds; releasing it gives every byte back.
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
    // Fifty reserves of 1 to 7 pages never share a byte, lie in usable
    // memory, and take exactly their pages from the free memory.
    check("many_disjoint") { () throws(TestFailure) in
        try startMemory()
        let before = try freeMemory()
        var identifiers: [Identifier] = []
        var segments: [Segment] = []
        var taken: UInt64 = 0
        for index in UInt64(0)..<50 {
            let identifier = try reserveSegment(pageBytes(index % 7 + 1))
            identifiers.append(identifier)
            segments.append(try segmentOf(identifier))
            taken += pageBytes(index % 7 + 1)
        }
        try expectDisjoint(segments)
        try expectEqual(try freeMemory(), before - taken, "free bytes after 50 reserves")
        for identifier in identifiers { try releaseSegment(identifier) }
        try expectEqual(try freeMemory(), before, "free bytes after releasing the 50")
    }
    // A reserve of half the free memory is one segment of that size whose
    // first and last bytes hold what is written there.
    check("large") { () throws(TestFailure) in
        try startMemory()
        let before = try freeMemory()
        let size = before / 2 / pageSize * pageSize
        let identifier = try reserveSegment(size)
        let segment = try segmentOf(identifier)
        try expectEqual(segment.size, size, "the size of a segment of half the free memory")
        try expectDisjoint([segment])
        try expectEqual(try freeMemory(), before - size, "free bytes after the large reserve")
        try writeBytes(identifier, at: 0, [0xA1])
        try writeBytes(identifier, at: size - 1, [0xB2])
        try expectBytes(identifier, at: 0, [0xA1], "its first byte")
        try expectBytes(identifier, at: size - 1, [0xB2], "its last byte")
        try releaseSegment(identifier)
        try expectEqual(try freeMemory(), before, "free bytes after releasing it")
    }
    // The owner's address space lists the segment while it lives, and no
    // longer once it is released.
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
    // Under first fit (the default), a reserve after a release takes the
    // released pages again: they went back to the free memory.
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

/// Bad calls are refused with the right error, counted by the statistics,
/// and change nothing: after each one the test compares every segment,
/// every free area and every space's list with what they were.
func test_segment_errors() throws(TestFailure) {
    try startMemory()
    let kernel = AddressSpaceManager.kernel
    let unknown: Identifier = 0x0300_0000_0000_7777
    let segment = try reserveSegment(pageBytes(2))
    let other = try reserveSegment(pageBytes(1))
    // Sizes and offsets that are zero or not whole pages: invalidArgument.
    check("sizes") { () throws(TestFailure) in
        try expectRefused(.invalidArgument, "reserve", "reserve 0 bytes") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: 0, permissions: .read)
        }
        try expectRefused(.invalidArgument, "reserve", "reserve 1000 bytes") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: 1000, permissions: .read)
        }
        try expectRefused(.invalidArgument, "reserve", "reserve a page and a byte") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: pageSize + 1, permissions: .read)
        }
        try expectRefused(.invalidArgument, "resize", "resize to 0 bytes") { () throws(KernelError) in
            try SegmentManager.resize(segment, to: 0)
        }
        try expectRefused(.invalidArgument, "resize", "resize to a page and a byte") { () throws(KernelError) in
            try SegmentManager.resize(segment, to: pageSize + 1)
        }
        try expectRefused(.invalidArgument, "split", "split at offset 100") { () throws(KernelError) in
            try SegmentManager.split(segment, at: 100)
        }
    }
    // Permission and option bits that do not exist: invalidArgument.
    check("bits") { () throws(TestFailure) in
        try expectRefused(.invalidArgument, "reserve", "reserve with permission bit 7") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: pageSize, permissions: SegmentPermissions(rawValue: 0x80))
        }
        try expectRefused(.invalidArgument, "reserve", "reserve with option bit 5") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: pageSize, permissions: .read, options: SegmentOptions(rawValue: 0x20))
        }
        try expectRefused(.invalidArgument, "permissions", "change to permission bit 3") { () throws(KernelError) in
            try SegmentManager.permissions(segment, SegmentPermissions(rawValue: 0x8))
        }
    }
    // Identifiers that name no segment or no space: unknownIdentifier.
    check("unknown") { () throws(TestFailure) in
        try expectRefused(.unknownIdentifier, "release", "release an unknown segment") { () throws(KernelError) in
            try SegmentManager.release(unknown)
        }
        try expectRefused(.unknownIdentifier, "get", "get an unknown segment") { () throws(KernelError) in
            try SegmentManager.get(unknown)
        }
        try expectRefused(.unknownIdentifier, "reserve", "reserve for an unknown space") { () throws(KernelError) in
            try SegmentManager.reserve(unknown, size: pageSize, permissions: .read)
        }
        try expectRefused(.unknownIdentifier, "give", "give to an unknown space") { () throws(KernelError) in
            try SegmentManager.give(segment, to: unknown)
        }
        try expectRefused(.unknownIdentifier, "give", "give an unknown segment") { () throws(KernelError) in
            try SegmentManager.give(unknown, to: kernel)
        }
        try expectRefused(.unknownIdentifier, "resize", "resize an unknown segment") { () throws(KernelError) in
            try SegmentManager.resize(unknown, to: pageSize)
        }
        try expectRefused(.unknownIdentifier, "read", "read an unknown segment") { () throws(KernelError) in
            try SegmentManager.read(unknown, offset: 0, count: 1)
        }
        try expectRefused(.unknownIdentifier, "clone", "clone an unknown segment") { () throws(KernelError) in
            try SegmentManager.clone(unknown)
        }
    }
    // Runs that leave the segment: outOfRange, and no byte moves.
    check("offsets") { () throws(TestFailure) in
        try writeBytes(other, at: 0, [7, 7, 7])
        try expectRefused(.outOfRange, "read", "read past the end") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: pageBytes(2) - 2, count: 3)
        }
        try expectRefused(.outOfRange, "write", "write at the end") { () throws(KernelError) in
            try SegmentManager.write(segment, offset: pageBytes(2), bytes: [1])
        }
        try expectRefused(.outOfRange, "read", "read from offset 2^64 - 1") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: UInt64.max, count: 2)
        }
        try expectRefused(.outOfRange, "copy", "copy a source run that leaves its segment") { () throws(KernelError) in
            try SegmentManager.copy(to: segment, at: 0, from: other, at: 1, count: pageSize)
        }
        try expectRefused(.outOfRange, "copy", "copy into a run that leaves its segment") { () throws(KernelError) in
            try SegmentManager.copy(to: other, at: 1, from: segment, at: 0, count: pageSize)
        }
        try expectBytes(other, at: 0, [7, 7, 7], "the bytes of a segment after refused copies into it")
    }
    // Reshaping that cannot be done: invalidArgument (split at an end,
    // coalesce with itself) or exhausted (more memory than there is).
    check("reshape") { () throws(TestFailure) in
        try expectRefused(.invalidArgument, "split", "split at offset 0") { () throws(KernelError) in
            try SegmentManager.split(segment, at: 0)
        }
        try expectRefused(.invalidArgument, "split", "split at the segment's size") { () throws(KernelError) in
            try SegmentManager.split(segment, at: pageBytes(2))
        }
        try expectRefused(.invalidArgument, "coalesce", "coalesce a segment with itself") { () throws(KernelError) in
            try SegmentManager.coalesce(segment, segment)
        }
        let total = SegmentManager.totalBytes
        try expectRefused(.exhausted, "reserve", "reserve more than all the memory") { () throws(KernelError) in
            try SegmentManager.reserve(kernel, size: total + pageSize, permissions: .read)
        }
        try expectRefused(.exhausted, "resize", "grow a segment past all the memory") { () throws(KernelError) in
            try SegmentManager.resize(segment, to: total + pageSize)
        }
    }
}

/// Bytes written come back; reads and writes stay inside the segment.
func test_segment_data() throws(TestFailure) {
    // Two pages written byte by byte read back byte by byte.
    check("round_trip") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(2))
        let bytes = pattern(Int(pageBytes(2)), seed: 3)
        try expectSuccess("write two pages") { () throws(KernelError) in try SegmentManager.write(segment, offset: 0, bytes: bytes) }
        let back = try expectSuccess("read them") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: 0, count: pageBytes(2))
        }
        try expectEqual(back.count, bytes.count, "bytes read")
        try expectBytes(segment, at: 0, bytes, "the two pages written")
        try releaseSegment(segment)
    }
    // A write that would run one byte past a segment is refused and
    // changes neither the segment nor the next one; the last byte itself
    // can be written.
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
        try expect(neighbour == [0x5A, 0x5A], "a refused write changed the next segment: expected [90, 90], got \(neighbour)")
        try writeBytes(first, at: pageSize - 1, [0x33])
        try expectBytes(first, at: pageSize - 1, [0x33], "the last byte of the first segment")
        try expectBytes(second, at: 0, [0x5A, 0x5A], "the second segment after a write to the first's last byte")
        try releaseSegment(first)
        try releaseSegment(second)
    }
    // Copy moves exactly the bytes asked, from one offset of the source
    // to another offset of the target, and no byte around them.
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
        try expectEqual(back.count, bytes.count, "bytes read")
        try expectBytes(target, at: pageSize + 7, bytes, "the copied bytes")
        try expectBytes(target, at: pageSize + 6, [0], "the byte before the copy")
        try expectBytes(target, at: pageSize + 107, [0], "the byte after the copy")
        try releaseSegment(source)
        try releaseSegment(target)
    }
}

/// Split then coalesce; coalescing what does not belong together fails.
func test_segment_split_coalesce() throws(TestFailure) {
    // A split makes two touching segments with the same owner, permissions
    // and options; coalescing them gives the whole back, under the first
    // identifier, and no page changes hands.
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
        try expect(try segmentOf(second).owner == AddressSpaceManager.kernel, "the second part's owner is not the first's")
        try expectEqual(try segmentOf(second).permissions.rawValue, SegmentPermissions([.read, .write]).rawValue,
                        "the second part's permissions")
        let joined = try expectSuccess("coalesce them") { () throws(KernelError) in
            try SegmentManager.coalesce(whole, second)
        }
        try expect(joined == whole, "coalesce should keep the first part's identifier")
        try expect(!SegmentManager.exist(second), "the second part still exists after the coalesce")
        try expectEqual(try segmentOf(whole).size, pageBytes(4), "the size after the coalesce")
        try releaseSegment(whole)
    }
    // Coalescing segments that differ in permissions or owner, or that do
    // not touch, is refused and changes nothing.
    check("refused") { () throws(TestFailure) in
        try startMemory()
        let a = try reserveSegment(pageBytes(1))
        let b = try reserveSegment(pageBytes(1))
        let c = try reserveSegment(pageBytes(1))
        let d = try reserveSegment(pageBytes(1))
        try expect(try segmentOf(c).end == (try segmentOf(d)).address, "two reserves in a row on fresh memory do not touch")
        try expectSuccess("make b read-only") { () throws(KernelError) in try SegmentManager.permissions(b, .read) }
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
        try expectSuccess("give d to it") { () throws(KernelError) in try SegmentManager.give(d, to: space) }
        try expectRefused(.invalidArgument, "coalesce", "coalesce segments of different permissions") { () throws(KernelError) in
            try SegmentManager.coalesce(a, b)
        }
        try expectRefused(.invalidArgument, "coalesce", "coalesce segments that do not touch") { () throws(KernelError) in
            try SegmentManager.coalesce(a, c)
        }
        try expectRefused(.invalidArgument, "coalesce", "coalesce segments of different owners") { () throws(KernelError) in
            try SegmentManager.coalesce(c, d)
        }
        for identifier in [a, b, c] { try releaseSegment(identifier) }
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
    }
}

/// Resize shrinks, grows in place, moves when it must (bytes kept), and
/// never moves a no-relocate segment.
func test_segment_resize() throws(TestFailure) {
    // Shrinking gives the tail's pages back; growing into free pages
    // right after the segment keeps its address and its bytes.
    check("shrink_grow") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(3))
        let address = try segmentOf(segment).address
        let before = try freeMemory()
        try writeBytes(segment, at: 0, pattern(64, seed: 5))
        try expectSuccess("shrink to 1 page") { () throws(KernelError) in try SegmentManager.resize(segment, to: pageSize) }
        try expectEqual(try segmentOf(segment).size, pageSize, "the size after shrinking")
        try expectEqual(try freeMemory(), before + pageBytes(2), "free bytes after shrinking 3 pages to 1")
        try expectSuccess("grow to 5 pages") { () throws(KernelError) in try SegmentManager.resize(segment, to: pageBytes(5)) }
        try expectEqual(try segmentOf(segment).address, address, "the address after growing in place")
        try expectEqual(try segmentOf(segment).size, pageBytes(5), "the size after growing")
        try expectEqual(try freeMemory(), before - pageBytes(2), "free bytes after growing 1 page to 5")
        try expectBytes(segment, at: 0, pattern(64, seed: 5), "the bytes after shrinking and growing")
        try releaseSegment(segment)
    }
    // Growing past a neighbour moves the segment to free pages, bytes and
    // identifier with it, and frees its old pages.
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
        try expectEqual(back.count, bytes.count, "bytes read")
        try expectBytes(segment, at: 0, bytes, "the bytes after the move")
        try releaseSegment(segment)
        try releaseSegment(wall)
    }
    // A no-relocate segment that would have to move is refused with busy,
    // and nothing changes; it still grows where the pages after it are free.
    check("no_relocate") { () throws(TestFailure) in
        try startMemory()
        let fixed = try reserveSegment(pageBytes(1), .noRelocate)
        let wall = try reserveSegment(pageBytes(1))
        let address = try segmentOf(fixed).address
        try expectRefused(.busy, "resize", "grow a no-relocate segment that must move") { () throws(KernelError) in
            try SegmentManager.resize(fixed, to: pageBytes(2))
        }
        try expectEqual(try segmentOf(fixed).address, address, "the address after the refusal")
        try expectEqual(try segmentOf(fixed).size, pageSize, "the size after the refusal")
        try releaseSegment(wall)
        try expectSuccess("grow it once the pages after it are free") { () throws(KernelError) in
            try SegmentManager.resize(fixed, to: pageBytes(2))
        }
        try expectEqual(try segmentOf(fixed).address, address, "the address after growing in place")
        try releaseSegment(fixed)
    }
}

/// Clone copies the bytes; give moves a segment to another space;
/// releasing a space releases its segments.
func test_segment_clone_give() throws(TestFailure) {
    // A clone is another segment, disjoint, of the same size, owner and
    // permissions, holding the same bytes.
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
        try expectEqual(back.count, bytes.count, "bytes read")
        try expectBytes(copy, at: pageSize - 150, bytes, "the clone's bytes")
        try expectEqual(try segmentOf(copy).size, pageBytes(2), "the clone's size")
        try expect(try segmentOf(copy).owner == AddressSpaceManager.kernel, "the clone's owner is not the original's")
        try releaseSegment(original)
        try releaseSegment(copy)
    }
    // Give changes the owner and moves the segment between the spaces'
    // lists; releasing a space releases its segments.
    check("give") { () throws(TestFailure) in
        try startMemory()
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
        let segment = try reserveSegment(pageBytes(1))
        try expectSuccess("give it") { () throws(KernelError) in try SegmentManager.give(segment, to: space) }
        try expectEqual(try segmentOf(segment).owner, space, "the owner after give")
        let owned = try expectSuccess("list the space") { () throws(KernelError) in try AddressSpaceManager.segments(of: space) }
        try expect(owned == [segment], "the new space does not list the segment it was given")
        let kernelOwned = try expectSuccess("list the kernel's space") { () throws(KernelError) in
            try AddressSpaceManager.segments(of: AddressSpaceManager.kernel)
        }
        try expect(!kernelOwned.contains(segment), "the kernel's space still lists a segment it gave away")
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
        try expect(!SegmentManager.exist(segment), "a segment outlived its space")
    }
}

/// Reserving until memory runs out fails cleanly, and releasing recovers.
func test_segment_exhaustion() throws(TestFailure) {
    try startMemory()
    let chunk: UInt64 = 1 << 20
    var identifiers: [Identifier] = []
    let before = try freeMemory()
    // Reserving 1 MiB at a time ends in exhausted, not a crash.
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
    // Releasing everything gives every byte back, and the same reserves
    // succeed again.
    check("recovery") { () throws(TestFailure) in
        let count = identifiers.count
        for identifier in identifiers { try releaseSegment(identifier) }
        try expectEqual(try freeMemory(), before, "free bytes once every reserved MiB is released")
        identifiers = []
        for _ in 0..<count {
            identifiers.append(try reserveSegment(chunk))
        }
        for identifier in identifiers { try releaseSegment(identifier) }
    }
}

/// Flushing a space releases its segments and only them; permissions
/// change on the segment asked and nowhere else.
func test_segment_flush() throws(TestFailure) {
    // flush(space) releases every segment of that space, gives their
    // pages back, leaves the space (empty) and the kernel's segments.
    check("flush") { () throws(TestFailure) in
        try startMemory()
        let mine = try reserveSegment(pageBytes(1))
        let before = try freeMemory()
        let space = try expectSuccess("reserve a space") { () throws(KernelError) in try AddressSpaceManager.reserve(task: 0) }
        for pages in UInt64(1)...3 {
            let segment = try expectSuccess("reserve \(pages) pages for the space") { () throws(KernelError) in
                try SegmentManager.reserve(space, size: pageBytes(pages), permissions: .read)
            }
            try expect(try segmentOf(segment).owner == space, "a segment reserved for a space is not owned by it")
        }
        try expectEqual(try freeMemory(), before - pageBytes(6), "free bytes after reserving 6 pages for the space")
        try expectSuccess("flush the space") { () throws(KernelError) in try SegmentManager.flush(space) }
        let owned = try expectSuccess("list the space") { () throws(KernelError) in try AddressSpaceManager.segments(of: space) }
        try expectEqual(owned.count, 0, "segments the space lists after its flush")
        try expectEqual(try freeMemory(), before, "free bytes after the flush")
        try expect(SegmentManager.exist(mine), "flushing a space released a segment of the kernel's space")
        try expect(AddressSpaceManager.exist(space), "flushing a space released the space itself")
        try expectSuccess("release the space") { () throws(KernelError) in try AddressSpaceManager.release(space) }
        try releaseSegment(mine)
    }
    // permissions(segment, p) stores p; it changes no other segment and
    // no byte.
    check("permissions") { () throws(TestFailure) in
        try startMemory()
        let segment = try reserveSegment(pageBytes(1))
        let neighbour = try reserveSegment(pageBytes(1))
        try writeBytes(segment, at: 10, [1, 2, 3])
        for permissions in [SegmentPermissions.read, [.read, .execute], [], [.read, .write, .execute]] {
            try expectSuccess("change the permissions to \(permissions.rawValue)") { () throws(KernelError) in
                try SegmentManager.permissions(segment, permissions)
            }
            try expectEqual(try segmentOf(segment).permissions.rawValue, permissions.rawValue, "the permissions after the change")
            try expectEqual(try segmentOf(neighbour).permissions.rawValue, SegmentPermissions([.read, .write]).rawValue,
                            "the permissions of another segment")
        }
        try expectBytes(segment, at: 10, [1, 2, 3], "the bytes after changing the permissions")
        try releaseSegment(segment)
        try releaseSegment(neighbour)
    }
}
