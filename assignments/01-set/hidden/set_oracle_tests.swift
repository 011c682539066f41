// assignments/01-set/hidden/set_oracle_tests.swift -- a seeded run whose
// expected output is the reference's: the grader runs this same test on
// the host against the reference core, with the same seed, and expects
// every line it printed (`oracle: reference`, docs/teacher/guide.md).
//
// So the test checks nothing itself: it drives each kind of set through
// a seeded mix of operations and prints, every 100 operations, a digest
// of what the operations returned and of the set's contents in walk
// order. A kernel that differs from the reference in any result, error
// or order prints another digest; a kernel that only forges the pass
// line prints none.

import Kernel
import Machine

/// A running digest (64-bit FNV-1a over the values folded in).
struct OracleDigest {
    /// The digest so far.
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Folds `number` in, byte by byte.
    mutating func fold(_ number: UInt64) {
        var rest = number
        for _ in 0..<8 {
            value = (value ^ (rest & 0xff)) &* 0x0000_0100_0000_01b3
            rest >>= 8
        }
    }

    /// Folds in the outcome of an operation: 0 for success, else the error.
    mutating func fold(_ error: KernelError?) {
        fold(error.map { UInt64($0.description.utf8.count) &+ 1 } ?? 0)
        if let error { for byte in error.description.utf8 { fold(UInt64(byte)) } }
    }
}

/// What `test_set_oracle` does on each kind of set: 400 seeded operations
/// on identifiers 1...64 with keys 0...15 (repeated keys: sorted sets
/// order them by identifier); a line every 100.
struct OracleRun: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var random = Random(state: Harness.seed &* 0x9e37_79b9_7f4a_7c15 | 1)
        var trace = OracleDigest()
        let label = "\(I.name)\(set.isSorted ? "+sorted" : "")"
        for step in 1...400 {
            let identifier = Identifier(random.below(64) + 1)
            let key = UInt64(random.below(16))
            let value = UInt32(truncatingIfNeeded: random.next())
            trace.fold(UInt64(step))
            trace.fold(Self.operate(set, random.below(8), identifier, key, value, &trace))
            if step % 100 == 0 {
                let size = try expectSuccess("size") { () throws(KernelError) in try set.size() }
                print("oracle \(label): step=\(step) size=\(size) trace=\(trace.value) walk=\(try Self.walk(set))")
            }
        }
    }

    /// One operation, chosen by `choice`; its error, if any. Results that
    /// come back (an object got or popped, a yes or no) go into `trace`.
    static func operate<I: SetImplementation>(
        _ set: ObjectSet<I>, _ choice: Int, _ identifier: Identifier, _ key: UInt64, _ value: UInt32,
        _ trace: inout OracleDigest
    ) -> KernelError? where I.Element == Thing {
        do throws(KernelError) {
            switch choice {
            case 0, 1, 2:
                try set.add(Thing(identifier: identifier, key: key, value: value))
            case 3:
                try set.remove(identifier)
            case 4:
                let found = try set.get(identifier)
                trace.fold(found.key << 32 | UInt64(found.value))
            case 5:
                try set.update(identifier) { (thing: inout Thing) throws(KernelError) in
                    thing.value = value
                    thing.key = key
                }
            case 6:
                let popped = try set.pop()
                trace.fold(popped.identifier << 32 | popped.key)
            default:
                trace.fold(set.exist(identifier) ? 1 : 2)
            }
            return nil
        } catch {
            return error
        }
    }

    /// The digest of the contents in walk order: identifier, key, value.
    static func walk<I: SetImplementation>(_ set: ObjectSet<I>) throws(TestFailure) -> UInt64 where I.Element == Thing {
        var digest = OracleDigest()
        try expectSuccess("forEach") { () throws(KernelError) in
            try set.forEach { thing in
                digest.fold(thing.identifier)
                digest.fold(thing.key << 32 | UInt64(thing.value))
            }
        }
        return digest.value
    }
}

/// Seeded operations on every kind of set; the grader compares the
/// lines with those the reference prints for the same seed.
func test_set_oracle() throws(TestFailure) {
    try startKernel()
    let body = OracleRun()
    try exercise(body, on: LinkedList<Thing>.self, [], .free)
    try exercise(body, on: LinkedList<Thing>.self, .sorted, .sorted)
    try exercise(body, on: GrowableArray<Thing>.self, [], .free)
    try exercise(body, on: GrowableArray<Thing>.self, .sorted, .sorted)
    try exercise(body, on: Stack<Thing>.self, [], .lifo)
    try exercise(body, on: Pipe<Thing>.self, [], .fifo)
    try exercise(body, on: BinaryTree<Thing>.self, [], .sorted)
    try exercise(body, on: BPlusTree<Thing>.self, [], .sorted)
}
