// assignments/01-set/tests/set_bptree_tests.swift -- the b+-tree at order 4.
//
// At the kernel's order (32) a few dozen objects fit in one leaf, so the
// other tests barely reach the balancing code. Every tree here is
// reserved with `SetOptions.smallOrder` (order 4): a dozen objects split
// leaves and inner nodes, and taking them out again borrows and merges at
// every level. After every single add or remove, `expectBalanced` checks
// what a b+-tree promises, through the contract only: a position is a
// leaf (`BPlusPosition.leaf`) and a slot in it.

import Kernel
import Machine

/// Reserves an empty b+-tree of order 4.
func reserveSmallTree() throws(TestFailure) -> ObjectSet<BPlusTree<Thing>> {
    try startKernel()
    return try expectSuccess("SetManager.reserve(bpt, options: .smallOrder)") { () throws(KernelError) in
        try SetManager.reserve(BPlusTree<Thing>.self, options: .smallOrder)
    }
}

/// The positions of `set`, head to tail (`head` and `next`), and tail to
/// head (`tail` and `previous`).
func walkedPositions(
    _ set: ObjectSet<BPlusTree<Thing>>, _ what: String
) throws(TestFailure) -> (forward: [BPlusPosition], backward: [BPlusPosition]) {
    var forward: [BPlusPosition] = []
    var position = try expectSuccess("\(what): head") { () throws(KernelError) in try set.head() }
    while let current = position {
        forward.append(current)
        position = try expectSuccess("\(what): next") { () throws(KernelError) in try set.next(current) }
    }
    var backward: [BPlusPosition] = []
    position = try expectSuccess("\(what): tail") { () throws(KernelError) in try set.tail() }
    while let current = position {
        backward.append(current)
        position = try expectSuccess("\(what): previous") { () throws(KernelError) in try set.previous(current) }
    }
    return (forward, backward)
}

/// The number of objects of each leaf, in walk order. Fails if the walk
/// leaves a leaf and comes back to it later: the chain would then not go
/// through each leaf once, in key order.
func leafSizes(_ positions: [BPlusPosition], _ what: String) throws(TestFailure) -> [Int] {
    var leaves: [Int] = []
    var sizes: [Int] = []
    for position in positions {
        if let last = leaves.last, last == position.leaf {
            sizes[sizes.count - 1] += 1
            continue
        }
        try expect(!leaves.contains(position.leaf),
                   "\(what): the walk came back to leaf \(position.leaf) after leaving it")
        leaves.append(position.leaf)
        sizes.append(1)
    }
    return sizes
}

/// Fails unless the order-4 b+-tree `set` holds what `model` says, seen
/// every way the contract allows.
///
/// Steps: 1. walks with forEach and forEachBackward give the model's
/// objects, and so do walks by position, the backward one the exact
/// reverse of the forward one (the leaf chain is linked both ways);
/// 2. every leaf holds at most `order` objects and, when there is more
/// than one leaf, at least `order / 2` (the subject's invariant);
/// 3. `locate` finds each object at the position the walk found it;
/// 4. floor and ceiling of every key from 0 to one past the largest
/// agree with the model.
func expectBalanced(_ set: ObjectSet<BPlusTree<Thing>>, _ model: Model, _ what: String) throws(TestFailure) {
    // 1.
    let expected = model.identifiers
    try expectContents(set, expected, what)
    let walks = try walkedPositions(set, what)
    try expectSame(walks.forward.count, expected.count, "\(what): positions walked head to tail")
    try expect(walks.backward == Array(walks.forward.reversed()),
               "\(what): the positions walked tail to head are not those walked head to tail, reversed")
    // 2.
    let order = BPlusTree<Thing>.smallOrder
    let sizes = try leafSizes(walks.forward, what)
    for (number, size) in sizes.enumerated() {
        try expect(size <= order, "\(what): leaf \(number + 1) of \(sizes.count) holds \(size) objects, "
                   + "more than the order (\(order))")
        try expect(sizes.count == 1 || size >= order / 2, "\(what): leaf \(number + 1) of \(sizes.count) holds "
                   + "\(size) object(s), fewer than order / 2 (\(order / 2)): it should have borrowed or merged")
    }
    // 3.
    for (index, position) in walks.forward.enumerated() {
        let identifier = expected[index]
        let located = try expectSuccess("\(what): locate \(identifier)") { () throws(KernelError) in
            try set.locate(identifier)
        }
        try expect(located == position, "\(what): locate(\(identifier)) gave leaf \(located.leaf) slot "
                   + "\(located.index), the walk found it at leaf \(position.leaf) slot \(position.index)")
    }
    // 4.
    var largest: UInt64 = 0
    for order in model.orders where order.key > largest { largest = order.key }
    for key in UInt64(0)...(largest + 1) {
        let floor = try expectSuccess("\(what): floor(\(key))") { () throws(KernelError) in try set.floor(key) }
        try expectSame(floor?.identifier ?? 0, model.floor(key) ?? 0, "\(what): floor(\(key)) (0: none)")
        let ceiling = try expectSuccess("\(what): ceiling(\(key))") { () throws(KernelError) in try set.ceiling(key) }
        try expectSame(ceiling?.identifier ?? 0, model.ceiling(key) ?? 0, "\(what): ceiling(\(key)) (0: none)")
    }
}

/// Adds `identifiers` (with `key(identifier)` as key) one by one, checking
/// the tree after each.
func addChecking(
    _ set: ObjectSet<BPlusTree<Thing>>, _ model: inout Model, _ identifiers: [Identifier],
    key: (Identifier) -> UInt64
) throws(TestFailure) {
    for identifier in identifiers {
        let thing = Thing(identifier: identifier, key: key(identifier))
        try expectSuccess("add \(identifier)") { () throws(KernelError) in try set.add(thing) }
        _ = model.add(identifier, key: key(identifier))
        try expectBalanced(set, model, "after adding \(identifier)")
    }
}

/// The b+-tree at order 4, after every step of four sequences.
func test_set_bptree() throws(TestFailure) {
    // Adding in increasing order splits the last leaf again and again,
    // and the inner nodes above it up to a new root; popping the head
    // each time empties the first leaf, which borrows from its right
    // sibling or merges with it, up to the root, until the tree is empty.
    check("ascending") { () throws(TestFailure) in
        let set = try reserveSmallTree()
        var model = Model(placement: .sorted)
        try addChecking(set, &model, Array(Identifier(1)...48)) { identifier in identifier }
        while let expected = model.pop() {
            let popped = try expectSuccess("pop") { () throws(KernelError) in try set.pop() }
            try expectSame(popped.identifier, expected, "pop (the smallest order)")
            try expectBalanced(set, model, "after popping \(expected)")
        }
        try expectSuccess("release") { () throws(KernelError) in try SetManager.release(set) }
    }
    // Adding in decreasing order splits the first leaf again and again;
    // deleting at the tail position each time empties the last leaf,
    // which borrows from its left sibling or merges with it.
    check("descending") { () throws(TestFailure) in
        let set = try reserveSmallTree()
        var model = Model(placement: .sorted)
        try addChecking(set, &model, Array((Identifier(1)...48).reversed())) { identifier in identifier }
        while let last = model.identifiers.last {
            let tail = try expectSuccess("tail") { () throws(KernelError) in try set.tail() }
            guard let tail else { throw TestFailure("tail() is nil, but the set still holds \(last)") }
            try expectSuccess("delete(at: tail) (\(last))") { () throws(KernelError) in try set.delete(at: tail) }
            _ = model.remove(last)
            try expectBalanced(set, model, "after deleting \(last) at the tail")
        }
        try expectSuccess("release") { () throws(KernelError) in try SetManager.release(set) }
    }
    // In random order, leaves and inner nodes in the middle of the tree
    // split, borrow from either sibling and merge; a tree emptied this
    // way and filled again works as a new one.
    check("shuffled") { () throws(TestFailure) in
        let set = try reserveSmallTree()
        var model = Model(placement: .sorted)
        try addChecking(set, &model, shuffled(64, seed: 5)) { identifier in identifier }
        for identifier in shuffled(64, seed: 6) {
            try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
            _ = model.remove(identifier)
            try expectBalanced(set, model, "after removing \(identifier)")
        }
        try addChecking(set, &model, shuffled(24, seed: 7)) { identifier in identifier }
        try expectSuccess("release") { () throws(KernelError) in try SetManager.release(set) }
    }
    // Objects of one key spread over several leaves stay in key order,
    // then identifier order, and floor and ceiling find them across leaf
    // boundaries, also once removes left a leaf with nothing at or below
    // its separator.
    check("keys") { () throws(TestFailure) in
        let set = try reserveSmallTree()
        var model = Model(placement: .sorted)
        try addChecking(set, &model, shuffled(56, seed: 8)) { identifier in 10 * (identifier % 7) }
        for identifier in shuffled(56, seed: 9) where identifier % 4 != 0 {
            try expectSuccess("remove \(identifier)") { () throws(KernelError) in try set.remove(identifier) }
            _ = model.remove(identifier)
            try expectBalanced(set, model, "after removing \(identifier) (key \(10 * (identifier % 7)))")
        }
        try expectSuccess("release") { () throws(KernelError) in try SetManager.release(set) }
    }
}
