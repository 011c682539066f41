// assignments/02-segment/tests/segment_helpers_tests.swift -- what the
// segment tests share.

import Kernel
import Machine

/// Starts the kernel's managers once per boot (the boot already tried:
/// this reports why it failed, if it did).
func startMemory() throws(TestFailure) {
    if Kernel.isInitialized {
        return
    }
    do throws(KernelError) {
        try Kernel.initialize()
    } catch {
        throw TestFailure("Kernel.initialize() failed: \(error.description). The segment manager starts "
                          + "with the kernel: SegmentManager.initialize must take every usable range")
    }
}

/// `count` pages in bytes.
func pageBytes(_ count: UInt64) -> UInt64 { count * pageSize }

/// Reserves `size` bytes readable and writable in the kernel's space.
func reserveSegment(_ size: UInt64, _ options: SegmentOptions = []) throws(TestFailure) -> Identifier {
    try expectSuccess("reserve \(size) bytes") { () throws(KernelError) in
        try SegmentManager.reserve(AddressSpaceManager.kernel, size: size, permissions: [.read, .write], options: options)
    }
}

/// The segment `identifier`, which must exist.
func segmentOf(_ identifier: Identifier) throws(TestFailure) -> Segment {
    try expectSuccess("get segment \(identifier)") { () throws(KernelError) in try SegmentManager.get(identifier) }
}

/// Releases `identifier`, which must succeed.
func releaseSegment(_ identifier: Identifier) throws(TestFailure) {
    try expectSuccess("release segment \(identifier)") { () throws(KernelError) in try SegmentManager.release(identifier) }
}

/// Bytes of free physical memory.
func freeMemory() throws(TestFailure) -> UInt64 {
    try expectSuccess("count the free memory") { () throws(KernelError) in try SegmentManager.freeBytes() }
}

/// `count` bytes of a pattern that depends on `seed` and the position.
func pattern(_ count: Int, seed: UInt8) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    for index in 0..<count {
        bytes.append(UInt8(truncatingIfNeeded: index &* 31 &+ Int(seed)))
    }
    return bytes
}

/// Fails unless no two of `segments` share a byte and each lies inside
/// one of the machine's ranges, on page boundaries.
func expectDisjoint(_ segments: [Segment]) throws(TestFailure) {
    let ranges = Machine.physicalRanges()
    for (index, segment) in segments.enumerated() {
        try expect(segment.address % pageSize == 0 && segment.size % pageSize == 0,
                   "segment \(index) is not page-aligned")
        var inside = false
        for range in ranges where range.base <= segment.address && segment.end <= range.end { inside = true }
        try expect(inside, "segment \(index) lies outside the usable physical memory")
        for other in segments[(index + 1)...] {
            try expect(segment.end <= other.address || other.end <= segment.address,
                       "two segments overlap: 0x\(hexadecimal(segment.address)) and 0x\(hexadecimal(other.address))")
        }
    }
}

// MARK: the state, for refused calls and leak checks

/// What the memory managers hold, as plain numbers: two states are equal
/// when a call changed nothing.
struct MemoryState: Equatable {
    /// Each segment in address order: identifier, address, size, owner,
    /// permissions, options.
    var segments: [[UInt64]] = []
    /// Each free area in address order: address, size.
    var free: [[UInt64]] = []
    /// Each address space: identifier, then the segments it lists.
    var spaces: [[UInt64]] = []

    /// Bytes in the free areas.
    var freeBytes: UInt64 {
        var total: UInt64 = 0
        for area in free { total += area[1] }
        return total
    }
}

/// The memory managers' state now, read through their sets.
func memoryState() throws(TestFailure) -> MemoryState {
    guard let used = SegmentManager.used, let free = SegmentManager.free, let spaces = AddressSpaceManager.spaces else {
        throw TestFailure("the segment or address-space manager is not started")
    }
    var state = MemoryState()
    try expectSuccess("walk the segments, the free areas and the spaces") { () throws(KernelError) in
        try used.forEach { segment in
            state.segments.append([segment.identifier, segment.address, segment.size, segment.owner,
                                   UInt64(segment.permissions.rawValue), UInt64(segment.options.rawValue)])
        }
        try free.forEach { area in state.free.append([area.address, area.size]) }
        try spaces.forEach { (space: AddressSpace) throws(KernelError) in
            var row = [space.identifier]
            try space.segments.forEach { (segment: SegmentReference) throws(KernelError) in row.append(segment.identifier) }
            state.spaces.append(row)
        }
    }
    return state
}

/// A segment row of `MemoryState` in words.
func describeSegment(_ row: [UInt64]) -> String {
    "segment 0x\(hexadecimal(row[0])) [0x\(hexadecimal(row[1], digits: 8)), 0x\(hexadecimal(row[1] + row[2], digits: 8))) "
        + "owner 0x\(hexadecimal(row[3])) permissions \(row[4]) options \(row[5])"
}

/// A free-area row of `MemoryState` in words.
func describeArea(_ row: [UInt64]) -> String {
    "free [0x\(hexadecimal(row[0], digits: 8)), 0x\(hexadecimal(row[0] + row[1], digits: 8)))"
}

/// The first difference between `before` and `after`, in words (what was
/// expected, what came), or nil when they are equal.
func describeChange(_ before: MemoryState, _ after: MemoryState) -> String? {
    if before.segments.count != after.segments.count {
        return "expected \(before.segments.count) segments, got \(after.segments.count)"
    }
    for index in before.segments.indices where before.segments[index] != after.segments[index] {
        return "expected \(describeSegment(before.segments[index])), got \(describeSegment(after.segments[index]))"
    }
    if before.freeBytes != after.freeBytes {
        return "expected \(before.freeBytes) free bytes, got \(after.freeBytes)"
    }
    if before.free.count != after.free.count {
        return "expected \(before.free.count) free areas, got \(after.free.count)"
    }
    for index in before.free.indices where before.free[index] != after.free[index] {
        return "expected \(describeArea(before.free[index])), got \(describeArea(after.free[index]))"
    }
    if before.spaces != after.spaces {
        return "the address spaces' lists of segments changed"
    }
    return nil
}

/// Fails unless the state now is `before`; `what` says after what.
func expectState(_ before: MemoryState, _ what: String) throws(TestFailure) {
    if let change = describeChange(before, try memoryState()) {
        throw TestFailure("\(what): \(change)")
    }
}

/// The errors the statistics counted for the segment manager's `function`.
func errorCount(_ function: StaticString) -> UInt64 {
    StatisticsManager.get(manager: "segment", function: function)?.errors ?? 0
}

/// Runs a call that must be refused with `expected`, and fails unless it
/// was, the statistics counted one more error of `function`, and the
/// state (every segment's fields, every free area, every space's list)
/// is exactly as before.
///
/// Steps: 1. read the state and the error count; 2. make the call;
/// 3. compare the state; 4. compare the count.
func expectRefused<T>(
    _ expected: KernelError, _ function: StaticString, _ what: String, _ body: () throws(KernelError) -> T
) throws(TestFailure) {
    // 1.
    let before = try memoryState()
    let errors = errorCount(function)
    // 2.
    try expectError(expected, what, body)
    // 3.
    try expectState(before, "\(what) was refused but changed the state")
    // 4.
    try expectEqual(errorCount(function), errors + 1, "\(what): errors the statistics counted for segment.\(function)")
}

/// Fails unless each of the `count` bytes of `segment` from `offset` is
/// `expected[index]`, naming the first byte that is not.
func expectBytes(_ segment: Identifier, at offset: UInt64, _ expected: [UInt8], _ what: String) throws(TestFailure) {
    let bytes = try expectSuccess("\(what): read \(expected.count) bytes at offset \(offset)") { () throws(KernelError) in
        try SegmentManager.read(segment, offset: offset, count: UInt64(expected.count))
    }
    try expectEqual(bytes.count, expected.count, "\(what): bytes read")
    for index in expected.indices where bytes[index] != expected[index] {
        throw TestFailure("\(what): byte \(UInt64(index) + offset): expected \(expected[index]), got \(bytes[index])")
    }
}

/// Writes `bytes` at `offset` of `segment`, which must succeed.
func writeBytes(_ segment: Identifier, at offset: UInt64, _ bytes: [UInt8]) throws(TestFailure) {
    try expectSuccess("write \(bytes.count) bytes at offset \(offset)") { () throws(KernelError) in
        try SegmentManager.write(segment, offset: offset, bytes: bytes)
    }
}

/// A xorshift generator: the same numbers on every run.
struct Random {
    /// The generator's state (never 0).
    var state: UInt64

    /// A number in 0..<bound.
    mutating func below(_ bound: UInt64) -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state % bound
    }
}
