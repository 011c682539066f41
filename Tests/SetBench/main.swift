// Tests/SetBench/main.swift -- the set benchmark on the host.
//
//     swift run -c release --scratch-path .build-sets set-bench
//
// For each implementation and size n, in nanoseconds (the host machine's
// `Machine.cycles()`):
//   add     per object, while adding n objects in random order
//   get     per call, for 1,000 objects picked at random
//   remove  per call, for the same objects (then put back, untimed)
//   walk    for a whole walk (forEach) of the n objects
// Sets that find by scanning stop at 10,000 (at 100,000 their O(n) cost
// per call makes a run last minutes); the trees and the sorted array go
// to 100,000. Each row is measured three times and the smallest figure
// of each column is printed: one-time costs (first page faults, lazy
// tables) and other programs running stay out of it as much as they can.
// The figures are printed, never checked.

import Kernel
import Machine

/// A small object: an identifier and a value, as in the kernel tests.
struct Thing: SetObject {
    static var kind: StaticString { "thing" }
    let identifier: Identifier
    var value: UInt32 = 0
}

/// A xorshift generator: the same numbers on every run.
struct Random {
    var state: UInt64
    mutating func below(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }
}

/// Identifiers 1...n in a random order, the same on every run.
func shuffled(_ n: Int, seed: UInt64) -> [Identifier] {
    var result = (1...n).map { Identifier($0) }
    var random = Random(state: seed)
    for index in stride(from: n - 1, to: 0, by: -1) {
        result.swapAt(index, random.below(index + 1))
    }
    return result
}

/// The figures of one row.
struct Row {
    var add: UInt64 = 0
    var get: UInt64 = 0
    var remove: UInt64 = 0
    var walk: UInt64 = 0
}

/// Measures `set` at size `n`.
func measure<I: SetImplementation>(_ set: ObjectSet<I>, n: Int) throws(KernelError) -> Row where I.Element == Thing {
    var row = Row()
    try set.flush()
    let probes = min(n, 1_000)
    var start = Machine.cycles()
    for identifier in shuffled(n, seed: UInt64(n)) {
        try set.add(Thing(identifier: identifier))
    }
    row.add = (Machine.cycles() - start) / UInt64(n)
    var random = Random(state: 12345)
    let picks = (0..<probes).map { _ in Identifier(random.below(n) + 1) }
    start = Machine.cycles()
    for identifier in picks {
        _ = try set.get(identifier)
    }
    row.get = (Machine.cycles() - start) / UInt64(probes)
    start = Machine.cycles()
    for identifier in picks where set.exist(identifier) {
        try set.remove(identifier)
    }
    row.remove = (Machine.cycles() - start) / UInt64(probes)
    for identifier in picks where !set.exist(identifier) {
        try set.add(Thing(identifier: identifier))
    }
    start = Machine.cycles()
    var walked = 0
    try set.forEach { _ in walked += 1 }
    row.walk = Machine.cycles() - start
    return row
}

/// Prints the rows of one implementation.
func bench<I: SetImplementation>(_ type: I.Type, _ label: String, options: SetOptions = [], sizes: [Int]) throws(KernelError)
where I.Element == Thing {
    let set = try SetManager.reserve(I.self, options: options)
    for n in sizes {
        var row = try measure(set, n: n)
        for _ in 0..<2 {
            let again = try measure(set, n: n)
            row = Row(add: min(row.add, again.add), get: min(row.get, again.get),
                      remove: min(row.remove, again.remove), walk: min(row.walk, again.walk))
        }
        print(padded(label, 14) + padded("\(n)", 8, right: true) + padded("\(row.add)", 10, right: true)
              + padded("\(row.get)", 10, right: true) + padded("\(row.remove)", 11, right: true)
              + padded("\(row.walk)", 12, right: true))
    }
    try SetManager.release(set)
}

let small = [10, 100, 1_000, 10_000]
let large = [10, 100, 1_000, 10_000, 100_000]
do throws(KernelError) {
    try Kernel.initialize()
    print("set-bench: nanoseconds; add, get, remove per operation, walk for all n objects")
    print(padded("set", 14) + padded("n", 8, right: true) + padded("add", 10, right: true)
          + padded("get", 10, right: true) + padded("remove", 11, right: true) + padded("walk", 12, right: true))
    try bench(LinkedList<Thing>.self, "list", sizes: small)
    try bench(LinkedList<Thing>.self, "list sorted", options: .sorted, sizes: small)
    try bench(GrowableArray<Thing>.self, "array", sizes: small)
    try bench(GrowableArray<Thing>.self, "array sorted", options: .sorted, sizes: large)
    try bench(Stack<Thing>.self, "stack", sizes: small)
    try bench(Pipe<Thing>.self, "pipe", sizes: small)
    try bench(BinaryTree<Thing>.self, "tree", sizes: large)
    try bench(BPlusTree<Thing>.self, "bpt", sizes: large)
} catch {
    print("set-bench: \(error.description)")
}
