// assignments/01-set/tests/set_tests.swift -- the public tests of the set
// manager: each operation, on every implementation (one check each).

import Kernel
import Machine

/// Reserving sets records them in the container; releasing forgets them.
/// (Lists only: the container is a list, so lists come first.)
func test_set_reserve() throws(TestFailure) {
    check("container") { () throws(TestFailure) in
        try startKernel()
        guard let container = SetManager.container else {
            throw TestFailure("the set container does not exist after Kernel.initialize()")
        }
        try expect(SetManager.exist(container.identifier), "the container is not in itself")
    }
    check("reserve") { () throws(TestFailure) in
        try startKernel()
        let before = try containerSize()
        let list = try expectSuccess("reserve a list") { () throws(KernelError) in try SetManager.reserve(LinkedList<Thing>.self) }
        let sorted = try expectSuccess("reserve a sorted list") { () throws(KernelError) in
            try SetManager.reserve(LinkedList<Thing>.self, options: .sorted)
        }
        try expect(SetManager.exist(list.identifier) && SetManager.exist(sorted.identifier), "a reserved set is not in the container")
        try expect(list.identifier != sorted.identifier, "two sets got the same identifier")
        try expectSame(try containerSize(), before + 2, "the container's size after reserving two sets")
        SetManager.dump()
        try expectSuccess("release") { () throws(KernelError) in
            try SetManager.release(list)
            try SetManager.release(sorted)
        }
    }
    check("release") { () throws(TestFailure) in
        try startKernel()
        let set = try expectSuccess("reserve a list") { () throws(KernelError) in try SetManager.reserve(LinkedList<Thing>.self) }
        try expectSuccess("add to the list") { () throws(KernelError) in try set.add(Thing(identifier: 1)) }
        try expectSuccess("release the list") { () throws(KernelError) in try SetManager.release(set) }
        try expect(!SetManager.exist(set.identifier), "a released set is still in the container")
        try expectError(.unknownIdentifier, "adding to a released set") { () throws(KernelError) in
            try set.add(Thing(identifier: 2))
        }
        try expectError(.unknownIdentifier, "releasing twice") { () throws(KernelError) in try SetManager.release(set) }
    }
}

/// What `test_set_add_get` does on each implementation.
struct AddGet: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        for identifier in scrambled(100) {
            try expectSuccess("add \(identifier)") { () throws(KernelError) in
                try set.add(Thing(identifier: identifier, value: UInt32(identifier) * 3))
            }
        }
        for identifier in Identifier(1)...100 {
            let thing = try expectSuccess("get \(identifier)") { () throws(KernelError) in try set.get(identifier) }
            try expectSame(thing.value, UInt32(identifier) * 3, "the value of object \(identifier)")
            try expect(set.exist(identifier), "exist(\(identifier)) is false after add")
        }
        try expect(!set.exist(101), "exist(101) is true, but 101 was never added")
        var model = Model(placement: placement)
        for identifier in scrambled(100) { _ = model.add(identifier) }
        try expectContents(set, model.identifiers, "after 100 adds")
    }
}

/// Adding then getting returns the object, on every implementation.
func test_set_add_get() throws(TestFailure) {
    overEveryImplementation(AddGet())
}

/// What `test_set_insert_append` does on each implementation.
struct InsertAppend: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var model = Model(placement: placement)
        let steps: [(Identifier, Bool)] = [(50, true), (40, true), (60, false), (45, true), (70, false), (55, false), (10, true)]
        for (identifier, atHead) in steps {
            let what = atHead ? "insert \(identifier)" : "append \(identifier)"
            let error = errorOf { () throws(KernelError) in
                if atHead { try set.insert(Thing(identifier: identifier)) } else { try set.append(Thing(identifier: identifier)) }
            }
            try expectSameError(error, atHead ? model.insert(identifier) : model.append(identifier), what)
            try expectContents(set, model.identifiers, "after \(what)")
        }
    }
}

/// Insert puts at the head, append at the tail, where the set allows it.
func test_set_insert_append() throws(TestFailure) {
    overEveryImplementation(InsertAppend())
}

/// What `test_set_push_pop` does on each implementation.
struct PushPop: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        try expectError(.empty, "pop on an empty set") { () throws(KernelError) in try set.pop() }
        try expectError(.empty, "pick on an empty set") { () throws(KernelError) in try set.pick() }
        var model = Model(placement: placement)
        for identifier in [Identifier(30), 10, 40, 20] {
            try expectSuccess("push \(identifier)") { () throws(KernelError) in try set.push(Thing(identifier: identifier)) }
            _ = model.add(identifier)
        }
        let picked = try expectSuccess("pick") { () throws(KernelError) in try set.pick() }
        try expectSame(picked.identifier, model.identifiers[0], "pick")
        try expectContents(set, model.identifiers, "pick leaves the set as it was")
        while let expected = model.pop() {
            let popped = try expectSuccess("pop") { () throws(KernelError) in try set.pop() }
            try expectSame(popped.identifier, expected, "pop")
        }
        try expectError(.empty, "pop after popping everything") { () throws(KernelError) in try set.pop() }
    }
}

/// Pop takes the head (top of a stack, oldest of a pipe, smallest of a
/// sorted set); pick reads it; both fail on an empty set.
func test_set_push_pop() throws(TestFailure) {
    overEveryImplementation(PushPop())
}

/// What `test_set_remove_delete` does on each implementation.
struct RemoveDelete: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var model = Model(placement: placement)
        for identifier in scrambled(60) {
            try expectSuccess("add \(identifier)") { () throws(KernelError) in try set.add(Thing(identifier: identifier)) }
            _ = model.add(identifier)
        }
        for identifier in Identifier(1)...60 where identifier % 3 == 0 {
            try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
            _ = model.remove(identifier)
            try expect(!set.exist(identifier), "\(identifier) still exists after remove")
        }
        try expectContents(set, model.identifiers, "after removing the multiples of 3")
        for identifier in Identifier(1)...60 where identifier % 3 == 1 {
            let position = try expectSuccess("locate \(identifier)") { () throws(KernelError) in try set.locate(identifier) }
            try expectSuccess("delete at the position of \(identifier)") { () throws(KernelError) in try set.delete(at: position) }
            _ = model.remove(identifier)
        }
        try expectContents(set, model.identifiers, "after deleting at located positions")
        try expectSuccess("flush") { () throws(KernelError) in try set.flush() }
        try expectContents(set, [], "after flush")
    }
}

/// Remove by identifier and delete at a position take exactly one object.
func test_set_remove_delete() throws(TestFailure) {
    overEveryImplementation(RemoveDelete())
}

/// What `test_set_iterate` does on each implementation.
struct Iterate: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        try expectContents(set, [], "an empty set")
        var model = Model(placement: placement)
        for identifier in scrambled(40) {
            try expectSuccess("add \(identifier)") { () throws(KernelError) in try set.add(Thing(identifier: identifier)) }
            _ = model.add(identifier)
        }
        try expectContents(set, model.identifiers, "forEach and forEachBackward")
        // The same walk by hand, with positions.
        var walked: [Identifier] = []
        var position = try expectSuccess("head") { () throws(KernelError) in try set.head() }
        while let current = position {
            let object = try expectSuccess("object(at:)") { () throws(KernelError) in try set.object(at: current) }
            walked.append(object.identifier)
            position = try expectSuccess("next") { () throws(KernelError) in try set.next(current) }
        }
        try expectSame(walked, model.identifiers, "head/next walk")
        walked = []
        position = try expectSuccess("tail") { () throws(KernelError) in try set.tail() }
        while let current = position {
            walked.append(try expectSuccess("object(at:)") { () throws(KernelError) in try set.object(at: current) }.identifier)
            position = try expectSuccess("previous") { () throws(KernelError) in try set.previous(current) }
        }
        try expectSame(walked, Array(model.identifiers.reversed()), "tail/previous walk")
        // A body that throws stops the walk, and its error comes back.
        var visited = 0
        let stopped = errorOf { () throws(KernelError) in
            try set.forEach { _ throws(KernelError) in
                visited += 1
                if visited == 3 { throw KernelError.busy }
            }
        }
        try expectSameError(stopped, .busy, "forEach whose body throws on the third object")
        try expectSame(visited, 3, "objects visited before the body threw")
        visited = 0
        let stoppedBackward = errorOf { () throws(KernelError) in
            try set.forEachBackward { _ throws(KernelError) in
                visited += 1
                if visited == 5 { throw KernelError.busy }
            }
        }
        try expectSameError(stoppedBackward, .busy, "forEachBackward whose body throws on the fifth object")
        try expectSame(visited, 5, "objects visited backward before the body threw")
    }
}

/// Walks visit every object once, in the implementation's order, both
/// ways, and pass on an error instead of stopping silently.
func test_set_iterate() throws(TestFailure) {
    overEveryImplementation(Iterate())
}

/// What `test_set_errors` does on each implementation.
struct Errors: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        try expectError(.unknownIdentifier, "get on an empty set") { () throws(KernelError) in try set.get(1) }
        try expectError(.unknownIdentifier, "remove on an empty set") { () throws(KernelError) in try set.remove(1) }
        try expectError(.unknownIdentifier, "locate on an empty set") { () throws(KernelError) in try set.locate(1) }
        for identifier in [Identifier(5), 3, 8] {
            try expectSuccess("add \(identifier)") { () throws(KernelError) in try set.add(Thing(identifier: identifier, value: 1)) }
        }
        var model = Model(placement: placement)
        for identifier in [Identifier(5), 3, 8] { _ = model.add(identifier) }
        let stale = try expectSuccess("locate 3") { () throws(KernelError) in try set.locate(3) }
        try expectError(.duplicateIdentifier, "add of an identifier already there") { () throws(KernelError) in
            try set.add(Thing(identifier: 5, value: 2))
        }
        try expectSame(try expectSuccess("get 5") { () throws(KernelError) in try set.get(5) }.value, 1, "the object a duplicate add tried to replace")
        try expectError(.unknownIdentifier, "get of a missing identifier") { () throws(KernelError) in try set.get(4) }
        try expectError(.unknownIdentifier, "remove of a missing identifier") { () throws(KernelError) in try set.remove(4) }
        try expectContents(set, model.identifiers, "failed calls change nothing")
        try expectSuccess("flush") { () throws(KernelError) in try set.flush() }
        try expectError(.outOfRange, "object(at:) a position from before the flush") { () throws(KernelError) in try set.object(at: stale) }
        try expectError(.outOfRange, "delete(at:) a position from before the flush") { () throws(KernelError) in try set.delete(at: stale) }
        try expectError(.outOfRange, "next() of a position from before the flush") { () throws(KernelError) in try set.next(stale) }
        try expectError(.empty, "pop on a flushed set") { () throws(KernelError) in try set.pop() }
    }
}

/// A position type the tests can make positions of (rule 2 of the
/// subject: a position that names no object, made up, is refused).
protocol MadeUpPosition: Equatable {
    /// Positions near `walked` (the positions of every object of a set)
    /// that none of them has: before the first, past the last, far away.
    static func madeUp(near walked: [Self]) -> [Self]
    /// The position in words, for a failure message.
    var words: String { get }
}

extension Int: MadeUpPosition {
    /// -1, one and two past the highest position walked, and a million.
    static func madeUp(near walked: [Int]) -> [Int] {
        var highest = -1
        for position in walked where position > highest { highest = position }
        var result: [Int] = []
        for position in [-1, highest + 1, highest + 2, 1_000_000] where !walked.contains(position) {
            result.append(position)
        }
        return result
    }

    var words: String { "position \(self)" }
}

extension BPlusPosition: MadeUpPosition {
    /// In each leaf walked, the slot before the first and the slot after
    /// the last; slot 0 of every other node index up to two past the
    /// highest leaf walked (inner nodes, freed leaves, nothing); leaf -1
    /// and a leaf a million away.
    static func madeUp(near walked: [BPlusPosition]) -> [BPlusPosition] {
        var leaves: [Int] = []
        var slots: [Int] = []
        for position in walked {
            if let index = leaves.firstIndex(of: position.leaf) {
                slots[index] = max(slots[index], position.index + 1)
            } else {
                leaves.append(position.leaf)
                slots.append(position.index + 1)
            }
        }
        var result = [BPlusPosition(leaf: -1, index: 0), BPlusPosition(leaf: 1_000_000, index: 0)]
        var highest = -1
        for (index, leaf) in leaves.enumerated() {
            result.append(BPlusPosition(leaf: leaf, index: -1))
            result.append(BPlusPosition(leaf: leaf, index: slots[index]))
            highest = max(highest, leaf)
        }
        for node in 0...(highest + 2) where !leaves.contains(node) {
            result.append(BPlusPosition(leaf: node, index: 0))
        }
        return result
    }

    var words: String { "leaf \(leaf) slot \(index)" }
}

/// Fills a fresh set of `implementation` with 40 objects, takes out every
/// third, then checks that every position made up near the positions of
/// the objects left is refused by `object(at:)`, `next`, `previous` and
/// `delete(at:)` with `outOfRange`, and that the set is left as it was.
func madeUpPositionsAreRefused<I: SetImplementation>(
    on implementation: I.Type, _ options: SetOptions, _ placement: Placement
) throws(TestFailure) where I.Element == Thing, I.Position: MadeUpPosition {
    try startKernel()
    let set = try expectSuccess("SetManager.reserve(\(I.name))") { () throws(KernelError) in
        try SetManager.reserve(I.self, options: options)
    }
    var model = Model(placement: placement)
    for identifier in scrambled(40) {
        try expectSuccess("add \(identifier)") { () throws(KernelError) in try set.add(Thing(identifier: identifier)) }
        _ = model.add(identifier)
    }
    for identifier in Identifier(1)...40 where identifier % 3 == 0 {
        try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
        _ = model.remove(identifier)
    }
    var walked: [I.Position] = []
    var position = try expectSuccess("head") { () throws(KernelError) in try set.head() }
    while let current = position {
        walked.append(current)
        position = try expectSuccess("next") { () throws(KernelError) in try set.next(current) }
    }
    for madeUp in I.Position.madeUp(near: walked) {
        let what = "\(madeUp.words), which no object has"
        try expectError(.outOfRange, "object(at:) \(what)") { () throws(KernelError) in try set.object(at: madeUp) }
        try expectError(.outOfRange, "next() of \(what)") { () throws(KernelError) in try set.next(madeUp) }
        try expectError(.outOfRange, "previous() of \(what)") { () throws(KernelError) in try set.previous(madeUp) }
        try expectError(.outOfRange, "delete(at:) \(what)") { () throws(KernelError) in try set.delete(at: madeUp) }
    }
    try expectContents(set, model.identifiers, "after calls at made-up positions")
    try expectSuccess("SetManager.release(\(I.name))") { () throws(KernelError) in try SetManager.release(set) }
}

/// Bad calls come back as errors and leave the set as it was; each
/// structure also refuses positions that name no object.
func test_set_errors() throws(TestFailure) {
    // The exercise above, then positions made up next to real ones:
    // before the first, one and two past the last, far away, and for a
    // b+-tree every node that is not a leaf holding objects (rule 2).
    check("list") { () throws(TestFailure) in
        try exercise(Errors(), on: LinkedList<Thing>.self, [], .free)
        try madeUpPositionsAreRefused(on: LinkedList<Thing>.self, [], .free)
    }
    check("sorted_list") { () throws(TestFailure) in
        try exercise(Errors(), on: LinkedList<Thing>.self, .sorted, .sorted)
        try madeUpPositionsAreRefused(on: LinkedList<Thing>.self, .sorted, .sorted)
    }
    check("array") { () throws(TestFailure) in
        try exercise(Errors(), on: GrowableArray<Thing>.self, [], .free)
        try madeUpPositionsAreRefused(on: GrowableArray<Thing>.self, [], .free)
    }
    check("sorted_array") { () throws(TestFailure) in
        try exercise(Errors(), on: GrowableArray<Thing>.self, .sorted, .sorted)
        try madeUpPositionsAreRefused(on: GrowableArray<Thing>.self, .sorted, .sorted)
    }
    check("stack") { () throws(TestFailure) in
        try exercise(Errors(), on: Stack<Thing>.self, [], .lifo)
        try madeUpPositionsAreRefused(on: Stack<Thing>.self, [], .lifo)
    }
    check("pipe") { () throws(TestFailure) in
        try exercise(Errors(), on: Pipe<Thing>.self, [], .fifo)
        try madeUpPositionsAreRefused(on: Pipe<Thing>.self, [], .fifo)
    }
    check("tree") { () throws(TestFailure) in
        try exercise(Errors(), on: BinaryTree<Thing>.self, [], .sorted)
        try madeUpPositionsAreRefused(on: BinaryTree<Thing>.self, [], .sorted)
    }
    check("bptree") { () throws(TestFailure) in
        try exerciseBPlusTree(Errors())
        try madeUpPositionsAreRefused(on: BPlusTree<Thing>.self, [], .sorted)
        try madeUpPositionsAreRefused(on: BPlusTree<Thing>.self, .smallOrder, .sorted)
    }
}

/// Keys for `test_set_keys`: identifier i gets key 10 * (i % 7), so keys
/// repeat (7 identifiers share each key) and differ from identifiers.
func keyOf(_ identifier: Identifier) -> UInt64 {
    10 * (identifier % 7)
}

/// What `test_set_keys` does on each implementation.
struct Keys: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var model = Model(placement: placement)
        // An empty set has no floor and no ceiling.
        let none = try expectSuccess("floor on an empty set") { () throws(KernelError) in try set.floor(5) }
        try expect(none == nil, "floor(5) of an empty set found an object")
        // Objects whose keys repeat and are not their identifiers.
        for identifier in scrambled(35) {
            try expectSuccess("add \(identifier) with key \(keyOf(identifier))") { () throws(KernelError) in
                try set.add(Thing(identifier: identifier, key: keyOf(identifier), value: UInt32(identifier)))
            }
            _ = model.add(identifier, key: keyOf(identifier))
        }
        try expectContents(set, model.identifiers, "after adding objects with repeated keys (key order, then identifier)")
        for identifier in Identifier(1)...35 {
            let thing = try expectSuccess("get \(identifier)") { () throws(KernelError) in try set.get(identifier) }
            try expectSame(thing.key, keyOf(identifier), "the key of object \(identifier)")
        }
        // Insert and append follow the order, not the identifier.
        try expectSameError(errorOf { () throws(KernelError) in try set.insert(Thing(identifier: 100, key: 70)) },
                            model.insert(100, key: 70), "insert 100 with key 70")
        try expectSameError(errorOf { () throws(KernelError) in try set.append(Thing(identifier: 101, key: 0)) },
                            model.append(101, key: 0), "append 101 with key 0")
        try expectSameError(errorOf { () throws(KernelError) in try set.append(Thing(identifier: 102, key: 90)) },
                            model.append(102, key: 90), "append 102 with key 90")
        try expectContents(set, model.identifiers, "after insert and append with keys")
        // Floor and ceiling: below, between, on and above the keys.
        for key in [UInt64(0), 1, 5, 10, 29, 30, 59, 60, 61, 89, 90, 1000] {
            let floor = try expectSuccess("floor(\(key))") { () throws(KernelError) in try set.floor(key) }
            try expectSame(floor?.identifier ?? 0, model.floor(key) ?? 0, "floor(\(key)) (0: none)")
            let ceiling = try expectSuccess("ceiling(\(key))") { () throws(KernelError) in try set.ceiling(key) }
            try expectSame(ceiling?.identifier ?? 0, model.ceiling(key) ?? 0, "ceiling(\(key)) (0: none)")
        }
    }
}

/// Sorted sets keep their objects by key, then identifier; floor and
/// ceiling find the nearest key at or below, at or above, on every
/// implementation.
func test_set_keys() throws(TestFailure) {
    overEveryImplementation(Keys())
}

/// What `test_set_update` does on each implementation.
struct Update: SetExercise {
    func run<I: SetImplementation>(_ set: ObjectSet<I>, _ placement: Placement) throws(TestFailure) where I.Element == Thing {
        var model = Model(placement: placement)
        for identifier in scrambled(20) {
            try expectSuccess("add \(identifier)") { () throws(KernelError) in try set.add(Thing(identifier: identifier)) }
            _ = model.add(identifier)
        }
        // A new value, same key: the object changes where it is.
        for identifier in Identifier(1)...20 {
            try expectSuccess("update the value of \(identifier)") { () throws(KernelError) in
                try set.update(identifier) { thing in thing.value = UInt32(identifier) + 1000 }
            }
        }
        for identifier in Identifier(1)...20 {
            let thing = try expectSuccess("get \(identifier)") { () throws(KernelError) in try set.get(identifier) }
            try expectSame(thing.value, UInt32(identifier) + 1000, "the value of \(identifier) after update")
        }
        try expectContents(set, model.identifiers, "after updating values")
        // A new key: a sorted set moves the object, the others keep it.
        for (identifier, key) in [(Identifier(3), UInt64(100)), (17, 0), (8, 12), (12, 8)] {
            try expectSuccess("update the key of \(identifier) to \(key)") { () throws(KernelError) in
                try set.update(identifier) { thing in thing.key = key }
            }
            _ = model.update(identifier, key: key)
            try expectContents(set, model.identifiers, "after giving \(identifier) the key \(key)")
            let thing = try expectSuccess("get \(identifier)") { () throws(KernelError) in try set.get(identifier) }
            try expectSame(thing.key, key, "the key of \(identifier) after update")
        }
        // Refused changes leave the set as it was.
        try expectError(.invalidArgument, "update that changes the identifier") { () throws(KernelError) in
            try set.update(5) { thing in thing = Thing(identifier: 99, key: thing.key) }
        }
        try expectError(.unknownIdentifier, "update of a missing identifier") { () throws(KernelError) in
            try set.update(99) { thing in thing.value = 1 }
        }
        try expectError(.busy, "update whose change throws") { () throws(KernelError) in
            try set.update(6) { thing throws(KernelError) in
                thing.key = 500
                throw KernelError.busy
            }
        }
        try expect(!set.exist(99), "an update that changed the identifier added 99")
        let six = try expectSuccess("get 6") { () throws(KernelError) in try set.get(6) }
        try expectSame(six.key, 6, "the key of 6 after a change that threw")
        try expectContents(set, model.identifiers, "after refused updates")
    }
}

/// `update` changes an object in place, moves it when its key changes in
/// a sorted set, and refuses a change of identifier.
func test_set_update() throws(TestFailure) {
    overEveryImplementation(Update())
}
