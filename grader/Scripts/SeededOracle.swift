// grader/Scripts/SeededOracle.swift -- output the grader computes from the run's seed.
//
// A verdict line can be forged by code that finds the nonce in memory.
// A seeded test is harder to fool: the grader draws a random seed for the
// run, passes it on the command line (`seed=<n>`), and the kernel test
// prints values it computed from that seed *through the student's code*
// (objects added to and removed from their sets). The grader computes the
// same values here, on the host, and the script expects them:
//
//     oracle: set_seeded      # in a test script
//
// A kernel that forges PASS without running the test cannot print them,
// short of re-deriving a hidden test it has never seen. The runner puts
// the lines in its observation (`RunObservation.expected`) and the scorer
// expects them, each a whole line, after the script's own conversation.
// `oracle: reference` needs no Swift copy here: the grader runs the same
// test on the host against the reference core (GraderKit's
// ReferenceOracle). Each oracle below
// mirrors one kernel test; the two are kept in step by the in-qemu tests
// (the reference must pass them for every seed).

/// The seeded oracles the grader knows, by name.
public enum SeededOracle {
    /// The names scripts may give, sorted.
    public static var names: [String] { table.keys.sorted() }

    /// The oracle called `name`, if there is one: seed in, expected lines out.
    public static func named(_ name: String) -> (@Sendable (UInt64) -> [String])? {
        table[name]
    }

    private static let table: [String: @Sendable (UInt64) -> [String]] = [
        "spine_seeded": spineSeeded,
        "set_seeded": setSeeded,
        "segment_seeded": segmentSeeded,
    ]

    /// The 01-set tests' generator (`Random`): xorshift64 (13, 7, 17)
    /// from the seed made odd.
    struct Xorshift64 {
        var state: UInt64

        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    /// The spine tests' generator (`TestRandom`): xorshift32 (13, 17, 5)
    /// from the seed's low 32 bits made odd.
    struct Xorshift32 {
        var state: UInt32

        mutating func next() -> UInt32 {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return state
        }
    }

    /// assignments/00-spine/hidden/seeded_tests.swift: 32 heap blocks of
    /// seeded sizes filled with seeded bytes; the line is the count and
    /// the wrapping sum of every byte times its position.
    static func spineSeeded(_ seed: UInt64) -> [String] {
        var random = Xorshift32(state: UInt32(truncatingIfNeeded: seed) | 1)
        var sum: UInt64 = 0
        var bytes = 0
        for _ in 0..<32 {
            let size = Int(random.next() % 2000) + 1
            let fill = UInt8(truncatingIfNeeded: random.next())
            for index in 0..<size {
                sum = sum &+ UInt64(fill &+ UInt8(truncatingIfNeeded: index)) &* UInt64(index + 1)
            }
            bytes += size
        }
        return ["seeded heap: bytes=\(bytes) sum=\(sum)"]
    }

    /// assignments/01-set/hidden/set_seeded_tests.swift: 48 distinct
    /// identifiers in 1...1000 with seeded values, added to each of the
    /// eight kinds of set; every other one (in the order drawn) removed;
    /// the line is the count, the wrapping sum of identifier times value
    /// and the xor of the identifiers left; once per kind of set.
    static func setSeeded(_ seed: UInt64) -> [String] {
        var random = Xorshift64(state: seed | 1)
        var drawn: [(identifier: UInt64, value: UInt32)] = []
        while drawn.count < 48 {
            let identifier = random.next() % 1000 + 1
            let value = UInt32(truncatingIfNeeded: random.next())
            if !drawn.contains(where: { $0.identifier == identifier }) {
                drawn.append((identifier, value))
            }
        }
        var (count, sum, xor) = (0, UInt64(0), UInt64(0))
        for (index, object) in drawn.enumerated() where index % 2 == 0 {
            count += 1
            sum = sum &+ object.identifier &* UInt64(object.value)
            xor ^= object.identifier
        }
        return Array(repeating: "seeded set: count=\(count) sum=\(sum) xor=\(xor)", count: 8)
    }

    /// assignments/02-segment/hidden/segment_seeded_tests.swift: 16
    /// segments of 1 to 4 seeded pages, each given 64 bytes (a seeded
    /// fill plus their position) at a seeded offset; every other one
    /// released, the others cloned and read back; the line is how many
    /// were cloned, their pages, and the wrapping sum of every byte read
    /// times its position (from 1) times the segment's rank (from 1).
    /// The kernel test draws with the 01-set generator, as `n % bound`.
    static func segmentSeeded(_ seed: UInt64) -> [String] {
        var random = Xorshift64(state: seed | 1)
        var (live, pages, sum) = (0, UInt64(0), UInt64(0))
        for index in 0..<16 {
            let count = random.next() % 4 + 1
            _ = random.next() % (count * 4096 - 64)
            let fill = UInt8(truncatingIfNeeded: random.next() % 256)
            guard index % 2 == 0 else { continue }
            live += 1
            pages += count
            for position in 0..<64 {
                let byte = fill &+ UInt8(position)
                sum = sum &+ UInt64(byte) &* UInt64(position + 1) &* UInt64(index + 1)
            }
        }
        return ["seeded segments: live=\(live) pages=\(pages) sum=\(sum)"]
    }
}

extension TestScript {
    /// The lines this script's seeded oracle computes for `seed` (none
    /// without one, or for the reference oracle, which the grader runs).
    public func seededLines(_ seed: UInt64) -> [String] {
        guard let oracle, let compute = SeededOracle.named(oracle) else { return [] }
        return compute(seed)
    }

    /// The script for a run with `seed`: its conversation followed by the
    /// lines its seeded oracle computes from the seed (unchanged without one).
    public func seeded(_ seed: UInt64) -> TestScript {
        expecting(seededLines(seed))
    }
}
