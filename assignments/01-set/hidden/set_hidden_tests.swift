// assignments/01-set/hidden/set_hidden_tests.swift -- the hidden tests of
// the set manager: random operations against a model, a stress test
// with a leak check, and the dump.

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
                    let popped = errorOf { () throws(KernelError) in
                        let object = try set.pop()
                        if object.identifier != model.identifiers.first { throw KernelError.invalidArgument }
                    }
                    try expectSameError(popped, model.identifiers.isEmpty ? .empty : nil, what)
                    if !model.identifiers.isEmpty { model.identifiers.removeFirst() }
                case 6, 7:
                    try expectSameError(errorOf { () throws(KernelError) in try set.remove(identifier) }, model.remove(identifier), what)
                case 8:
                    let found = errorOf { () throws(KernelError) in
                        if try set.get(identifier).identifier != identifier { throw KernelError.invalidArgument }
                    }
                    try expectSameError(found, model.contains(identifier) ? nil : .unknownIdentifier, what)
                default:
                    if model.identifiers.isEmpty { break }
                    let victim = model.identifiers[random.below(model.identifiers.count)]
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
        for object in set {
            if placement == .sorted && object.identifier <= previous {
                throw TestFailure("objects out of order: \(object.identifier) after \(previous)")
            }
            previous = object.identifier
            walked += 1
        }
        try expectSame(walked, n, "objects walked")
        for identifier in shuffled(n, seed: 7) {
            try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
        }
        try expectContents(set, [], "after removing everything")
    }
}

/// Tens of thousands of objects go in and out of every implementation,
/// and the heap is back where it was: no leak.
func test_set_stress() throws(TestFailure) {
    // 1. a small round first, so every lazily built table (statistics,
    //    identifiers, the container) exists before the heap is counted.
    try startKernel()
    let warm = try expectSuccess("reserve") { () throws(KernelError) in try SetManager.reserve(LinkedList<Thing>.self) }
    try expectSuccess("warm up") { () throws(KernelError) in
        try warm.add(Thing(identifier: 1))
        _ = try warm.get(1)
        try warm.remove(1)
        try SetManager.release(warm)
    }
    let blocks = Machine.heapLiveBlocks()
    let bytes = Machine.heapLiveBytes()
    print("heap before: \(blocks) blocks, \(bytes) bytes")
    // 2. the stress itself, one check per implementation.
    overEveryImplementation(Stress())
    // 3. every set was released: the heap must be as it was (read both
    //    counts before printing, which allocates).
    let blocksAfter = Machine.heapLiveBlocks()
    let bytesAfter = Machine.heapLiveBytes()
    print("heap after: \(blocksAfter) blocks, \(bytesAfter) bytes")
    check("no_leak") { () throws(TestFailure) in
        try expectSame(blocksAfter, blocks, "live heap blocks after releasing every set")
        try expectSame(bytesAfter, bytes, "live heap bytes after releasing every set")
    }
}

/// The dump lists every set: identifier, implementation, size, kind.
func test_set_dump() throws(TestFailure) {
    try startKernel()
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
    SetManager.dump()
    try expectSuccess("show the stack") { () throws(KernelError) in try SetManager.show(stack.identifier) }
    StatisticsManager.show(manager: "set")
}
