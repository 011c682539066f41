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
        let list = try expectSuccess("reserve a list") { () throws(KernelError) in try SetManager.reserve(LinkedList<Thing>.self) }
        let sorted = try expectSuccess("reserve a sorted list") { () throws(KernelError) in
            try SetManager.reserve(LinkedList<Thing>.self, options: .sorted)
        }
        try expect(SetManager.exist(list.identifier) && SetManager.exist(sorted.identifier), "a reserved set is not in the container")
        try expect(list.identifier != sorted.identifier, "two sets got the same identifier")
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
        while !model.identifiers.isEmpty {
            let popped = try expectSuccess("pop") { () throws(KernelError) in try set.pop() }
            try expectSame(popped.identifier, model.identifiers.removeFirst(), "pop")
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
        try expectContents(set, model.identifiers, "for-in, forward and backward")
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
    }
}

/// Iteration visits every object once, in the implementation's order,
/// both ways.
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

/// Bad calls come back as errors and leave the set as it was.
func test_set_errors() throws(TestFailure) {
    overEveryImplementation(Errors())
}
