// assignments/01-set/hidden/set_seeded_tests.swift -- a test whose
// expected output depends on the run's seed: the grader computes the
// same lines on the host (grader/Scripts/SeededOracle.swift, set_seeded).

import Kernel
import Machine

/// What `test_set_seeded` does on each kind of set: 48 distinct seeded
/// identifiers with seeded values added, every other one (in the order
/// drawn) removed, then one line summing what a walk finds.
struct Seeded: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var random = Random(state: Harness.seed | 1)
        var drawn: [Identifier] = []
        while drawn.count < 48 {
            let identifier = Identifier(random.next() % 1000 + 1)
            let value = UInt32(truncatingIfNeeded: random.next())
            if drawn.contains(identifier) { continue }
            drawn.append(identifier)
            try expectSuccess("add \(identifier)") { () throws(KernelError) in
                try set.add(Thing(identifier: identifier, value: value))
            }
        }
        for (index, identifier) in drawn.enumerated() where index % 2 == 1 {
            try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
        }
        var (count, sum, xor) = (0, UInt64(0), UInt64(0))
        try expectSuccess("forEach") { () throws(KernelError) in
            try set.forEach { object in
                count += 1
                sum = sum &+ object.identifier &* UInt64(object.value)
                xor ^= object.identifier
            }
        }
        print("seeded set: count=\(count) sum=\(sum) xor=\(xor)")
    }
}

/// Seeded objects through every kind of set; the grader checks the sums.
func test_set_seeded() throws(TestFailure) {
    try startKernel()
    let body = Seeded()
    try exercise(body, on: LinkedList<Thing>.self, [], .free)
    try exercise(body, on: LinkedList<Thing>.self, .sorted, .sorted)
    try exercise(body, on: GrowableArray<Thing>.self, [], .free)
    try exercise(body, on: GrowableArray<Thing>.self, .sorted, .sorted)
    try exercise(body, on: Stack<Thing>.self, [], .lifo)
    try exercise(body, on: Pipe<Thing>.self, [], .fifo)
    try exercise(body, on: BinaryTree<Thing>.self, [], .sorted)
    try exercise(body, on: BPlusTree<Thing>.self, [], .sorted)
}
