// assignments/01-set/hidden/set_hidden_tests.swift -- the hidden tests of
// the set manager: random operations against a model, a stress test
// with a leak check, large sorted sets (b+-tree splits, floor and
// ceiling), and the dump.

import Kernel
import Machine

/// What `test_set_model` does on each implementation: random operations,
/// each compared with the model, result, error and contents.
struct AgainstTheModel: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var random = Random(state: 0x9E37_79B9_7F4A_7C15)
        for round in 0..<40 {
            var model = Model(placement: placement)
            try expectSuccess("flush") { () throws(KernelError) in try set.flush() }
            for step in 0..<80 {
                let identifier = Identifier(random.below(30) + 1)
                let operation = random.below(10)
                let what = "round \(round) step \(step) operation \(operation) identifier \(identifier)"
                let thing = Thing(identifier: identifier, value: UInt32(step))
                switch operation {
                case 0, 1, 2:
                    try expectSameError(errorOf { () throws(KernelError) in try set.add(thing) }, model.add(identifier), what)
                case 3:
                    try expectSameError(errorOf { () throws(KernelError) in try set.insert(thing) }, model.insert(identifier), what)
                case 4:
                    try expectSameError(errorOf { () throws(KernelError) in try set.append(thing) }, model.append(identifier), what)
                case 5:
                    let expected = model.pop()
                    let popped = errorOf { () throws(KernelError) in
                        let object = try set.pop()
                        if object.identifier != expected { throw KernelError.invalidArgument }
                    }
                    try expectSameError(popped, expected == nil ? .empty : nil, what)
                case 6, 7:
                    try expectSameError(errorOf { () throws(KernelError) in try set.remove(identifier) }, model.remove(identifier), what)
                case 8:
                    let found = errorOf { () throws(KernelError) in
                        if try set.get(identifier).identifier != identifier { throw KernelError.invalidArgument }
                    }
                    try expectSameError(found, model.contains(identifier) ? nil : .unknownIdentifier, what)
                default:
                    let held = model.identifiers
                    if held.isEmpty { break }
                    let victim = held[random.below(held.count)]
                    let position = try expectSuccess("\(what): locate") { () throws(KernelError) in try set.locate(victim) }
                    try expectSuccess("\(what): delete") { () throws(KernelError) in try set.delete(at: position) }
                    _ = model.remove(victim)
                }
                try expectContents(set, model.identifiers, what)
            }
        }
    }
}

/// Random operations agree with a model of the set, step by step.
func test_set_model() throws(TestFailure) {
    overEveryImplementation(AgainstTheModel())
}

/// What `test_set_stress` does on each implementation.
struct Stress: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        // Sets that find by scanning get fewer objects, so the test stays quick.
        let n = I.self == BPlusTree<Thing>.self || I.self == BinaryTree<Thing>.self ? 40_000 : 6_000
        let identifiers = shuffled(n, seed: 42)
        for identifier in identifiers {
            try expectSuccess("add \(identifier)") { () throws(KernelError) in try set.add(Thing(identifier: identifier)) }
        }
        try expectSame(try expectSuccess("size") { () throws(KernelError) in try set.size() }, n, "size after \(n) adds")
        var walked = 0
        var previous: Identifier = 0
        var outOfOrder = false
        try expectSuccess("forEach") { () throws(KernelError) in
            try set.forEach { object in
                if placement == .sorted && object.identifier <= previous { outOfOrder = true }
                previous = object.identifier
                walked += 1
            }
        }
        try expect(!outOfOrder, "a sorted set walked its objects out of order")
        try expectSame(walked, n, "objects walked")
        for identifier in shuffled(n, seed: 7) {
            try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
        }
        try expectContents(set, [], "after removing everything")
    }
}

/// The stress checks that ran to the end, and those of them that leaked
/// (see `test_set_stress`).
nonisolated(unsafe) var stressed: [StaticString] = []
nonisolated(unsafe) var leaked: [StaticString] = []

/// Runs `Stress` on `implementation` as check `name`, inside a leak check
/// that starts just before the set is reserved and ends once it is
/// released (the rule of the subject); notes the outcome for `no_leak`.
func stressWithoutLeak<I: SetImplementation>(
    _ name: StaticString, _ implementation: I.Type, _ options: SetOptions, _ placement: Placement
) where I.Element == Thing {
    check(name) { () throws(TestFailure) in
        var finished = false
        // The kernel's container of sets may grow its index the first time
        // it holds one set more than at boot, and keeps it: an empty set
        // reserved and released first pays for that outside the leak check.
        try startKernel()
        if let spare = try? SetManager.reserve(I.self, options: options) {
            try? SetManager.release(spare)
        }
        do throws(TestFailure) {
            try expectNoLeak("the \(name) set") { () throws(TestFailure) in
                try exercise(Stress(), on: I.self, options, placement)
                finished = true
            }
            stressed.append(name)
        } catch {
            if finished {
                stressed.append(name)
                leaked.append(name)
            }
            throw error
        }
    }
}

/// Tens of thousands of objects go in and out of every implementation;
/// once each set is released the heap is back where it was just before
/// it was reserved: no leak.
func test_set_stress() throws(TestFailure) {
    try startKernel()
    stressWithoutLeak("list", LinkedList<Thing>.self, [], .free)
    stressWithoutLeak("sorted_list", LinkedList<Thing>.self, .sorted, .sorted)
    stressWithoutLeak("array", GrowableArray<Thing>.self, [], .free)
    stressWithoutLeak("sorted_array", GrowableArray<Thing>.self, .sorted, .sorted)
    stressWithoutLeak("stack", Stack<Thing>.self, [], .lifo)
    stressWithoutLeak("pipe", Pipe<Thing>.self, [], .fifo)
    stressWithoutLeak("tree", BinaryTree<Thing>.self, [], .sorted)
    stressWithoutLeak("bptree", BPlusTree<Thing>.self, [], .sorted)
    // No leak: at least one set went through the stress, and every one
    // that did gave all its memory back.
    check("no_leak") { () throws(TestFailure) in
        try expect(!stressed.isEmpty, "no set went through the stress, so nothing shows the memory is given back")
        if !leaked.isEmpty {
            var names = ""
            for name in leaked { names += (names.isEmpty ? "" : ", ") + name.description }
            throw TestFailure("memory not given back after releasing: \(names)")
        }
    }
}

/// The key of object `identifier` in the large sets: scattered, repeated
/// (about three objects per key), with gaps between keys.
func largeKey(_ identifier: Identifier) -> UInt64 {
    (identifier * 7919) % 2000 * 3
}

/// Fills a b+-tree of the kernel's order (32) with 3,000 keyed objects in
/// random order, so leaves and inner nodes split many times, then empties
/// it in another order, so they borrow and merge; the contents are
/// compared with the model every 250 operations.
func bplusTreeAgainstTheModel() throws(TestFailure) {
    try startKernel()
    let set = try expectSuccess("reserve a b+-tree") { () throws(KernelError) in
        try SetManager.reserve(BPlusTree<Thing>.self)
    }
    var model = Model(placement: .sorted)
    for (step, identifier) in shuffled(3_000, seed: 11).enumerated() {
        try expectSuccess("add \(identifier)") { () throws(KernelError) in
            try set.add(Thing(identifier: identifier, key: largeKey(identifier)))
        }
        _ = model.add(identifier, key: largeKey(identifier))
        if step % 250 == 249 {
            try expectContents(set, model.identifiers, "after \(step + 1) adds")
        }
    }
    for (step, identifier) in shuffled(3_000, seed: 12).enumerated() {
        try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
        _ = model.remove(identifier)
        if step % 250 == 249 {
            try expectContents(set, model.identifiers, "after \(step + 1) removes")
        }
    }
    try expectSuccess("release") { () throws(KernelError) in try SetManager.release(set) }
}

/// What `test_set_large` does on each sorted implementation: 5,000
/// keyed objects, then floor and ceiling of keys below, among, between
/// and above them, against the model; then the same once every other
/// object is removed.
struct LargeFloorCeiling: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var model = Model(placement: placement)
        for identifier in shuffled(5_000, seed: 21) {
            try expectSuccess("add \(identifier)") { () throws(KernelError) in
                try set.add(Thing(identifier: identifier, key: largeKey(identifier)))
            }
            _ = model.add(identifier, key: largeKey(identifier))
        }
        try probe(set, model, "5,000 objects")
        for identifier in Identifier(1)...5_000 where identifier % 2 == 0 {
            try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
            _ = model.remove(identifier)
        }
        try probe(set, model, "2,500 objects")
    }

    /// Compares floor and ceiling with the model for keys 0, 7, 14, ...
    /// past the largest key.
    func probe<I: SetImplementation>(_ set: ObjectSet<I>, _ model: Model, _ what: String) throws(TestFailure) where I.Element == Thing {
        var key: UInt64 = 0
        while key < 6_100 {
            let floor = try expectSuccess("floor(\(key))") { () throws(KernelError) in try set.floor(key) }
            try expectSame(floor?.identifier ?? 0, model.floor(key) ?? 0, "\(what): floor(\(key)) (0: none)")
            let ceiling = try expectSuccess("ceiling(\(key))") { () throws(KernelError) in try set.ceiling(key) }
            try expectSame(ceiling?.identifier ?? 0, model.ceiling(key) ?? 0, "\(what): ceiling(\(key)) (0: none)")
            key += 7
        }
    }
}

/// Large sorted sets: a b+-tree split and merged against the model, and
/// floor and ceiling on thousands of keyed objects.
func test_set_large() throws(TestFailure) {
    check("bptree_splits") { () throws(TestFailure) in try bplusTreeAgainstTheModel() }
    check("sorted_array") { () throws(TestFailure) in
        try exercise(LargeFloorCeiling(), on: GrowableArray<Thing>.self, .sorted, .sorted)
    }
    check("tree") { () throws(TestFailure) in
        try exercise(LargeFloorCeiling(), on: BinaryTree<Thing>.self, [], .sorted)
    }
    check("bptree") { () throws(TestFailure) in
        try exercise(LargeFloorCeiling(), on: BPlusTree<Thing>.self, [], .sorted)
    }
}

/// The dump lists every set: identifier, implementation, size, kind.
func test_set_dump() throws(TestFailure) {
    try startKernel()
    let before = try containerSize()
    let list = try expectSuccess("reserve a list") { () throws(KernelError) in try SetManager.reserve(LinkedList<Thing>.self) }
    let array = try expectSuccess("reserve a sorted array") { () throws(KernelError) in
        try SetManager.reserve(GrowableArray<Thing>.self, options: .sorted)
    }
    let stack = try expectSuccess("reserve a stack") { () throws(KernelError) in try SetManager.reserve(Stack<Thing>.self) }
    let pipe = try expectSuccess("reserve a pipe") { () throws(KernelError) in try SetManager.reserve(Pipe<Thing>.self) }
    let tree = try expectSuccess("reserve a tree") { () throws(KernelError) in try SetManager.reserve(BinaryTree<Thing>.self) }
    let bptree = try expectSuccess("reserve a b+-tree") { () throws(KernelError) in try SetManager.reserve(BPlusTree<Thing>.self) }
    try expectSuccess("fill the sets") { () throws(KernelError) in
        for identifier in [Identifier(3), 1, 2] {
            try list.add(Thing(identifier: identifier))
            try array.add(Thing(identifier: identifier))
            try stack.add(Thing(identifier: identifier))
            try tree.add(Thing(identifier: identifier))
        }
        try pipe.add(Thing(identifier: 9))
        for identifier in Identifier(1)...100 {
            try bptree.add(Thing(identifier: identifier))
        }
    }
    try expectSame(try containerSize(), before + 6, "the container's size after reserving six sets")
    SetManager.dump()
    try expectSuccess("show the stack") { () throws(KernelError) in try SetManager.show(stack.identifier) }
    StatisticsManager.show(manager: "set")
}
