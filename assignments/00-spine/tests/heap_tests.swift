// assignments/00-spine/tests/heap_tests.swift -- the kernel heap under load,
// and its error detection.

import Kernel
import Machine

/// A small deterministic pseudo-random generator (xorshift32).
struct TestRandom {
    var state: UInt32

    /// The next 32 pseudo-random bits.
    mutating func next() -> UInt32 {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state
    }

    /// A value in 0..<bound.
    mutating func below(_ bound: UInt32) -> UInt32 {
        next() % bound
    }
}

/// One block held by the stress test.
struct StressBlock {
    var address: UnsafeMutableRawPointer?
    var size: Int
    var tag: UInt32
}

/// A size and alignment as a kernel mixes them: mostly small blocks,
/// some up to the largest class, a few of several pages; alignments from
/// the pointer size to a whole page.
func randomRequest(_ random: inout TestRandom) -> (size: Int, alignment: Int) {
    let kind = random.below(100)
    let size: UInt32
    if kind < 70 {
        size = 1 + random.below(128)
    } else if kind < 92 {
        size = 129 + random.below(1920)
    } else {
        size = 2049 + random.below(14336)
    }
    let alignment = random.below(4) == 0 ? 4 << random.below(11) : 4 << random.below(3)
    return (Int(size), Int(alignment))
}

/// Writes a tag derived from the block's own number in its first and
/// last words (at most 8 each): two blocks that overlap would overwrite
/// each other's tags.
func stamp(_ block: StressBlock) {
    let base = block.address!.assumingMemoryBound(to: UInt32.self)
    let words = block.size / 4
    var index = 0
    while index < words {
        base[index] = block.tag ^ UInt32(index)
        index = nextStamped(index, words)
    }
}

/// True when the block still holds the tags `stamp` wrote.
func stampIsIntact(_ block: StressBlock) -> Bool {
    let base = block.address!.assumingMemoryBound(to: UInt32.self)
    let words = block.size / 4
    var index = 0
    while index < words {
        if base[index] != block.tag ^ UInt32(index) { return false }
        index = nextStamped(index, words)
    }
    return true
}

/// The word stamped after `index` in a block of `words` words: the first
/// 8 words, then a jump to the last 8.
func nextStamped(_ index: Int, _ words: Int) -> Int {
    index == 7 && words > 16 ? words - 8 : index + 1
}

/// A class, so that Swift objects go through the heap too.
final class StressNode {
    var next: StressNode?
    let value: Int

    init(_ value: Int, next: StressNode?) {
        self.value = value
        self.next = next
    }
}

/// Hundreds of thousands of allocations and frees of varied sizes and
/// alignments: blocks are aligned, never overlap, keep their data, and the
/// live counters come back to where they started.
func test_heap_stress() throws(TestFailure) {
    let startBlocks = Machine.heapLiveBlocks(), startBytes = Machine.heapLiveBytes()
    let rounds = 200_000, slotCount = 1024
    var random = TestRandom(state: 0x1234_5678)
    var misaligned = 0, damaged = 0, refused = 0
    // 1. random frees and allocations over a table of live blocks
    let slots = UnsafeMutablePointer<StressBlock>.allocate(capacity: slotCount)
    slots.initialize(repeating: StressBlock(address: nil, size: 0, tag: 0), count: slotCount)
    for round in 0..<rounds {
        let slot = Int(random.below(UInt32(slotCount)))
        if slots[slot].address != nil {
            if !stampIsIntact(slots[slot]) { damaged += 1 }
            heapFree(slots[slot].address)
        }
        let (size, alignment) = randomRequest(&random)
        var address: UnsafeMutableRawPointer? = nil
        if posix_memalign(&address, alignment, size) != 0 || address == nil { refused += 1; continue }
        if UInt(bitPattern: address) % UInt(alignment) != 0 { misaligned += 1 }
        slots[slot] = StressBlock(address: address, size: size, tag: UInt32(truncatingIfNeeded: round) &* 2_654_435_761)
        stamp(slots[slot])
        if (round + 1) % 50_000 == 0 {
            // A sign of life: a debug build takes seconds, and the grader
            // stops a kernel that stays silent too long.
            print("heap_stress: \(round + 1) rounds, \(Machine.heapLiveBlocks()) live blocks")
        }
    }
    let peakBlocks = Machine.heapLiveBlocks()
    for slot in 0..<slotCount where slots[slot].address != nil {
        if !stampIsIntact(slots[slot]) { damaged += 1 }
        heapFree(slots[slot].address)
    }
    slots.deallocate()
    print("heap_stress: \(rounds) allocations and frees, \(peakBlocks - startBlocks) blocks live before the final frees, \(Heap.freeRunCount()) free runs after them")
    check("allocations") { () throws(TestFailure) in
        try expectEqual(refused, 0, "refused allocations")
    }
    check("alignment") { () throws(TestFailure) in
        try expectEqual(misaligned, 0, "misaligned blocks")
    }
    check("integrity") { () throws(TestFailure) in
        try expectEqual(damaged, 0, "blocks whose data changed")
    }
    // 2. Swift objects and arrays
    for round in 0..<2_000 {
        var list: StressNode? = nil
        for value in 0..<(round % 50) { list = StressNode(value, next: list) }
        var numbers: [Int] = []
        for value in 0..<(round % 300) { numbers.append(value) }
        if numbers.count != round % 300 || (list != nil && list!.value != round % 50 - 1) { damaged += 1 }
    }
    check("swift_objects") { () throws(TestFailure) in
        try expectEqual(damaged, 0, "damaged Swift objects")
    }
    check("counters") { () throws(TestFailure) in
        try expectEqual(Machine.heapLiveBlocks(), startBlocks, "live blocks after freeing everything")
        try expectEqual(Machine.heapLiveBytes(), startBytes, "live bytes after freeing everything")
    }
    check("coalescing") { () throws(TestFailure) in
        // Freed pages merged back: a 2 MiB block fits again.
        var big: UnsafeMutableRawPointer? = nil
        try expectEqual(posix_memalign(&big, 4096, 2 << 20), 0, "posix_memalign of 2 MiB")
        heapFree(big)
    }
    check("invalid_alignment") { () throws(TestFailure) in
        var address: UnsafeMutableRawPointer? = nil
        try expectEqual(posix_memalign(&address, 12, 16), 22, "alignment 12")
        try expectEqual(posix_memalign(&address, 8192, 16), 22, "alignment 8192")
    }
}

/// Frees a block twice: expected "panic: heap: double free" and a panic report.
func test_heap_double_free() throws(TestFailure) {
    var address: UnsafeMutableRawPointer? = nil
    _ = posix_memalign(&address, 8, 40)
    heapFree(address)
    heapFree(address)
    throw TestFailure("the second free was not detected")
}

/// A word outside the heap, for test_heap_foreign_pointer.
nonisolated(unsafe) var notAHeapBlock: UInt32 = 0

/// Frees a pointer the heap never gave: expected "panic: heap: free of a
/// pointer outside the heap" and a panic report.
func test_heap_foreign_pointer() throws(TestFailure) {
    withUnsafeMutablePointer(to: &notAHeapBlock) { heapFree(UnsafeMutableRawPointer($0)) }
    throw TestFailure("freeing a global variable was not detected")
}

/// Frees a pointer into the middle of a large block: expected "panic:
/// heap: free of a pointer into the middle of a block" and a panic report.
func test_heap_interior_pointer() throws(TestFailure) {
    var address: UnsafeMutableRawPointer? = nil
    _ = posix_memalign(&address, 16, 10_000)
    heapFree(address! + 16)
    throw TestFailure("freeing an interior pointer was not detected")
}

/// Allocates 1 MiB blocks until the heap is full: expected "panic: heap:
/// out of memory" and a panic report.
func test_heap_exhausted() throws(TestFailure) {
    for _ in 0..<64 {
        var address: UnsafeMutableRawPointer? = nil
        _ = posix_memalign(&address, 16, 1 << 20)
    }
    throw TestFailure("64 MiB fitted in the heap")
}
