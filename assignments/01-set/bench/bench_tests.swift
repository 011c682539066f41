// assignments/01-set/bench/bench_tests.swift -- the set benchmark, in the
// kernel. Not graded: it prints a table and passes. Only images built with
// BENCH=1 hold it (make bench-sets): its specialisations of the six
// structures would cost every graded build about a fifth of its time.
//
// For each implementation and size n, in machine cycles (the time stamp
// counter; under qemu it follows the host clock):
//   add     per object, while adding n objects in random order
//   get     per call, for objects picked at random
//   remove  per call, for random objects (then put back)
//   walk    for a whole walk (forEach) of the n objects
// Sets that find by scanning stop at 10,000: at 100,000 their O(n) cost
// per call would make the run last minutes. Every size is run twice and
// the second run is printed: the first pays for one-time costs (qemu
// translating the code, the heap growing).

import Kernel
import Machine

/// Measures one implementation at every size and prints its rows.
struct Bench: SetExercise {
    let sizes: [Int]

    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        for n in sizes {
            let row = try expectSuccess("bench \(I.name) n=\(n)") { () throws(KernelError) in
                _ = try measure(set, n: n)
                return try measure(set, n: n)
            }
            print(benchRow(I.name, placement, n, row))
        }
    }

    /// One row of the table: `set` measured at size `n`.
    func measure<I: SetImplementation>(_ set: ObjectSet<I>, n: Int) throws(KernelError) -> BenchRow where I.Element == Thing {
        try set.flush()
        let identifiers = shuffled(n, seed: UInt64(n))
        let probes = min(n, 1_000)
        // add
        var start = Machine.cycles()
        for identifier in identifiers {
            try set.add(Thing(identifier: identifier))
        }
        let add = (Machine.cycles() - start) / UInt64(n)
        // get
        var random = Random(state: 12345)
        var picks: [Identifier] = []
        for _ in 0..<probes {
            picks.append(Identifier(random.below(n) + 1))
        }
        start = Machine.cycles()
        for identifier in picks {
            _ = try set.get(identifier)
        }
        let get = (Machine.cycles() - start) / UInt64(probes)
        // remove (then put the objects back, untimed)
        start = Machine.cycles()
        for identifier in picks where set.exist(identifier) {
            try set.remove(identifier)
        }
        let remove = (Machine.cycles() - start) / UInt64(probes)
        for identifier in picks where !set.exist(identifier) {
            try set.add(Thing(identifier: identifier))
        }
        // walk
        start = Machine.cycles()
        var walked = 0
        try set.forEach { _ in walked += 1 }
        let walk = Machine.cycles() - start
        return BenchRow(add: add, get: get, remove: remove, walk: walk)
    }
}

/// The figures of one row, in cycles.
struct BenchRow {
    let add: UInt64
    let get: UInt64
    let remove: UInt64
    let walk: UInt64
}

/// One line of the table, columns aligned.
func benchRow(_ name: StaticString, _ placement: Placement, _ n: Int, _ row: BenchRow) -> String {
    let label = placement == .sorted && name.description != "tree" && name.description != "bpt"
        ? "\(name) sorted" : "\(name)"
    return "bench " + padded(label, 14) + padded("\(n)", 8, right: true) + padded("\(row.add)", 12, right: true)
        + padded("\(row.get)", 12, right: true) + padded("\(row.remove)", 12, right: true)
        + padded("\(row.walk)", 14, right: true)
}

/// Prints the cost of add, get, remove and a full walk for every
/// implementation at n = 10 ... 10,000 (40,000 for the b+-tree: at
/// 50,000 or more the set's index needs a 2 MiB table in one piece (and
/// briefly the old one too) beside the objects and the tree, more than the
/// kernel's 8 MiB heap can give; the host benchmark goes to 100,000).
func test_set_bench() throws(TestFailure) {
    print("bench " + padded("set", 14) + padded("n", 8, right: true) + padded("add/op", 12, right: true)
          + padded("get/op", 12, right: true) + padded("remove/op", 12, right: true) + padded("walk/all", 14, right: true))
    let small = Bench(sizes: [10, 100, 1_000, 10_000])
    let large = Bench(sizes: [10, 100, 1_000, 10_000, 40_000])
    try exercise(small, on: LinkedList<Thing>.self, [], .free)
    try exercise(small, on: LinkedList<Thing>.self, .sorted, .sorted)
    try exercise(small, on: GrowableArray<Thing>.self, [], .free)
    try exercise(small, on: GrowableArray<Thing>.self, .sorted, .sorted)
    try exercise(small, on: Stack<Thing>.self, [], .lifo)
    try exercise(small, on: Pipe<Thing>.self, [], .fifo)
    try exercise(small, on: BinaryTree<Thing>.self, [], .sorted)
    try exercise(large, on: BPlusTree<Thing>.self, [], .sorted)
}
