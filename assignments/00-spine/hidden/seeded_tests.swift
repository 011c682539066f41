// assignments/00-spine/hidden/seeded_tests.swift -- a test whose expected
// output depends on the run's seed (grader/Scripts/SeededOracle.swift
// computes the same line on the host).

import Kernel
import Machine

/// 32 heap blocks of seeded sizes, filled with seeded bytes and read back:
/// the sum printed is checked by the grader against its own.
func test_spine_seeded() throws(TestFailure) {
    // TestRandom (heap_tests.swift) from the seed's low 32 bits, made odd.
    var random = TestRandom(state: UInt32(truncatingIfNeeded: Harness.seed) | 1)
    var sum: UInt64 = 0
    var bytes = 0
    var blocks: [[UInt8]] = []
    for _ in 0..<32 {
        let size = Int(random.below(2000)) + 1
        let fill = UInt8(truncatingIfNeeded: random.next())
        var block = [UInt8](repeating: 0, count: size)
        for index in 0..<size {
            block[index] = fill &+ UInt8(truncatingIfNeeded: index)
        }
        blocks.append(block)
        bytes += size
    }
    for block in blocks {
        for index in block.indices {
            sum = sum &+ UInt64(block[index]) &* UInt64(index + 1)
        }
    }
    print("seeded heap: bytes=\(bytes) sum=\(sum)")
}
