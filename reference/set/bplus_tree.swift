// reference/set/bplus_tree.swift -- the b+-tree implementation.
//
// A b+-tree keeps every object in its leaves, in key order (`SetOrder`:
// key, then identifier), and chains the leaves both ways; the inner nodes
// above hold only separators (orders) that steer a search. With order 4
// (at most 4 children per inner node, at most 4 objects per leaf; the
// figure shows keys):
//
//                       [ 30 | 60 ]                     inner node
//                      /     |     \
//        [10 20 25] <-> [30 40 50] <-> [60 70]          leaves, chained
//
// Child i of an inner node holds the orders from separator i-1
// (included) up to separator i (excluded). Every node but the root is at
// least half full, so all leaves are at the same depth and the height is
// at most log(n) to the base order/2: a search reads a handful of nodes
// even for 100,000 objects, and walking the leaf chain is O(1) per step.
//
// The order. The kernel uses 32: the 32 orders of a node are 512 bytes
// (16 bytes each), small enough to scan linearly, and a tree of 100,000
// objects is at most 4 levels deep. Tests also use order 4 (`SetOptions.smallOrder`),
// where a dozen objects split and merge: nothing below may assume 32.
//
// Adding may overfill a node: it splits in two and its parent receives a
// separator, which may split the parent in turn, up to a new root.
// Deleting may leave a node less than half full: it borrows an object (or
// child) from a sibling, or, when the sibling has none to spare, merges
// with it, which takes a separator from the parent, up to the root.
// The splitting and merging are in bplus_tree_balance.swift.
//
// Nodes live in an array and name each other by index, as in the list. A
// position is a leaf and a slot in it.

import Machine

/// A place in a b+-tree: the leaf's node index and the slot in the leaf.
public struct BPlusPosition: Equatable, Sendable {
    /// The leaf's index in the node array.
    public let leaf: Int
    /// The object's slot in the leaf.
    public let index: Int

    /// The position of slot `index` of leaf `leaf`.
    public init(leaf: Int, index: Int) {
        self.leaf = leaf
        self.index = index
    }
}

/// A b+-tree of objects, in key order.
public struct BPlusTree<Element: SetObject>: AlwaysSorted {
    /// A leaf and a slot in it.
    public typealias Position = BPlusPosition

    /// The name printed in dumps.
    public static var name: StaticString { "bpt" }

    /// The order the kernel uses (see above).
    public static var defaultOrder: Int { 32 }

    /// A b+-tree is always in key order.
    public var isSorted: Bool { true }

    /// The most children of an inner node, and the most objects in a leaf.
    public let order: Int

    // BEGIN ASSIGNMENT 01-set
    /// One node. A leaf holds `keys` (the objects' orders) and `objects`
    /// side by side and its neighbours in the chain; an inner node holds
    /// `children` and one separator fewer in `keys`.
    struct Node {
        var isLeaf: Bool
        var keys: [SetOrder] = []
        var objects: [Element] = []
        var children: [Int] = []
        var previous: Int? = nil
        var next: Int? = nil
        var inUse = true
    }

    /// One step of a walk from the root: a node and the child taken.
    struct Step {
        let node: Int
        let child: Int
    }

    /// Every node, used or free.
    var nodes: [Node] = []
    /// Slots of `nodes` that hold no node.
    var freeSlots: [Int] = []
    /// The root, nil if the tree is empty.
    var root: Int?
    /// The ends of the leaf chain.
    var firstLeaf: Int?
    var lastLeaf: Int?
    /// The number of objects.
    var stored = 0
    // END ASSIGNMENT 01-set

    /// An empty tree of order 32, or 4 with `SetOptions.smallOrder` (the
    /// tests use both: never assume 32); always sorted, so `.sorted` is fine.
    public init(options: SetOptions) throws(KernelError) {
        order = options.contains(.smallOrder) ? Self.smallOrder : Self.defaultOrder
    }

    /// An empty tree of another order (at least 4), for the host tests.
    init(order: Int) {
        self.order = max(4, order)
    }

    /// The number of objects.
    public var count: Int {
        // BEGIN ASSIGNMENT 01-set
        return stored
        // ELSE
        // return 0
        // END ASSIGNMENT 01-set
    }

    /// The first slot of the first leaf.
    public func head() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return firstLeaf.map { BPlusPosition(leaf: $0, index: 0) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The last slot of the last leaf.
    public func tail() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return lastLeaf.map { BPlusPosition(leaf: $0, index: nodes[$0].keys.count - 1) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The next slot, or the first of the next leaf.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        if position.index + 1 < nodes[position.leaf].keys.count {
            return BPlusPosition(leaf: position.leaf, index: position.index + 1)
        }
        return nodes[position.leaf].next.map { BPlusPosition(leaf: $0, index: 0) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The previous slot, or the last of the previous leaf.
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        if position.index > 0 {
            return BPlusPosition(leaf: position.leaf, index: position.index - 1)
        }
        return nodes[position.leaf].previous.map {
            BPlusPosition(leaf: $0, index: nodes[$0].keys.count - 1)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return nodes[position.leaf].objects[position.index]
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// What `part` reads of the object at `position`, lent in place
    /// (the default, a copy, is right too: this only saves the copy).
    public func read<Part>(at position: Position, _ part: (borrowing Element) -> Part) throws(KernelError) -> Part {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return part(nodes[position.leaf].objects[position.index])
        // ELSE
        // return part(try object(at: position))
        // END ASSIGNMENT 01-set
    }

    /// Lets `change` modify the object at `position` in its leaf (the
    /// default, a copy written back, is right too: this only saves the
    /// copies).
    public mutating func modify<Result>(
        at position: Position, _ change: (inout Element) throws(KernelError) -> Result
    ) throws(KernelError) -> Result {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return try change(&nodes[position.leaf].objects[position.index])
        // ELSE
        // var object = try object(at: position)
        // let result = try change(&object)
        // try replace(at: position, with: object)
        // return result
        // END ASSIGNMENT 01-set
    }

    /// The slot of `order`: descend to its leaf, then scan the leaf.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        guard let top = root else {
            return nil
        }
        let leaf = leaf(from: top, toward: order)
        let keys = nodes[leaf].keys
        for index in 0..<keys.count where keys[index] == order {
            return BPlusPosition(leaf: leaf, index: index)
        }
        return nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The last slot whose key is at most `key`.
    ///
    /// Steps: 1. descend toward the greatest order of that key; 2. take
    /// the last slot of the leaf not above it; 3. if every slot of the leaf
    /// is above it (deleting may leave a leaf above its separator), the
    /// answer is the last slot of the previous leaf.
    public func floor(_ key: UInt64) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        guard let top = root else {
            return nil
        }
        // 1.
        let target = SetOrder(key: key, identifier: Identifier.max)
        let leaf = leaf(from: top, toward: target)
        // 2.
        let keys = nodes[leaf].keys
        var index = keys.count - 1
        while index >= 0 && target < keys[index] {
            index -= 1
        }
        if index >= 0 {
            return BPlusPosition(leaf: leaf, index: index)
        }
        // 3.
        return nodes[leaf].previous.map { BPlusPosition(leaf: $0, index: nodes[$0].keys.count - 1) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The first slot whose key is at least `key`.
    ///
    /// Steps: 1. descend toward the least order of that key; 2. take the
    /// first slot of the leaf not below it; 3. if there is none, the
    /// answer is the first slot of the next leaf.
    public func ceiling(_ key: UInt64) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        guard let top = root else {
            return nil
        }
        // 1.
        let target = SetOrder(key: key, identifier: 0)
        let leaf = leaf(from: top, toward: target)
        // 2.
        let keys = nodes[leaf].keys
        for index in 0..<keys.count where !(keys[index] < target) {
            return BPlusPosition(leaf: leaf, index: index)
        }
        // 3.
        return nodes[leaf].next.map { BPlusPosition(leaf: $0, index: 0) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds `object` to the leaf its order belongs in.
    ///
    /// Steps: 1. an empty tree becomes a single leaf; 2. descend to the
    /// leaf, remembering the path; 3. put the object at its place in the
    /// leaf; 4. split the nodes that overflow, from the leaf up.
    public mutating func add(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        let order = object.order
        // 1.
        guard let top = root else {
            let leaf = allocate(Node(isLeaf: true, keys: [order], objects: [object]))
            root = leaf
            firstLeaf = leaf
            lastLeaf = leaf
            stored = 1
            return
        }
        // 2.
        var path: [Step] = []
        let leaf = descend(from: top, to: order, path: &path)
        // 3.
        let index = nodes[leaf].keys.firstIndex { order < $0 } ?? nodes[leaf].keys.count
        nodes[leaf].keys.insert(order, at: index)
        nodes[leaf].objects.insert(object, at: index)
        stored += 1
        // 4.
        splitOverflow(from: leaf, path: path)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Puts `object` in the slot at `position` (its order, hence the
    /// slot's key, is the same).
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        nodes[position.leaf].objects[position.index] = object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Removes the object at `position`.
    ///
    /// Steps: 1. check the position and find the path from the root to
    /// its leaf; 2. take the object out of the leaf; 3. refill the nodes
    /// that are now less than half full, from the leaf up.
    public mutating func delete(at position: Position) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        try check(position)
        guard let top = root else {
            throw KernelError.outOfRange
        }
        var path: [Step] = []
        let leaf = descend(from: top, to: nodes[position.leaf].keys[position.index], path: &path)
        if leaf != position.leaf {
            throw KernelError.outOfRange
        }
        // 2.
        nodes[leaf].keys.remove(at: position.index)
        nodes[leaf].objects.remove(at: position.index)
        stored -= 1
        // 3.
        refillUnderflow(from: leaf, path: path)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Forgets every node.
    public mutating func flush() throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        nodes = []
        freeSlots = []
        root = nil
        firstLeaf = nil
        lastLeaf = nil
        stored = 0
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }
}

extension BPlusTree {
    /// The order `SetOptions.smallOrder` asks for: the smallest whose
    /// overfull leaf splits into two halves of at least `order / 2`.
    public static var smallOrder: Int { 4 }
}
