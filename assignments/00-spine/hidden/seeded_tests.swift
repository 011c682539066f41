// assignments/00-spine/hidden/seeded_tests.swift -- a test whose expected
// output depends on the run's seed (grader/Scripts/SeededOracle.swift
// computes the same line on the host).

import Kernel
import Machine

/// The generator the oracle mirrors: xorshift64 (13, 7, 17), odd state.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) {
        state = seed | 1
    }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func below(_ bound: UInt64) -> UInt64 {
        next() % bound
    }
}

/// 32 heap blocks of seeded sizes, filled with seeded bytes and read back:
/// the sum printed is checked by the grader against its own.
func test_spine_seeded() throws(TestFailure) {
    var random = SeededRandom(seed: Harness.seed)
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
