// reference/set/binary_tree.swift -- the binary search tree implementation.
//
// Each node holds one object and up to two children: every object in the
// left subtree comes before the node's in key order (`SetOrder`: key,
// then identifier), every one in the right subtree after. Finding an
// object, a floor or a ceiling follows one path from the root, so it
// costs the height of the tree (the figure shows keys):
//
//                 (40)
//                /    \
//            (20)      (60)
//            /  \         \
//         (10)  (30)      (70)
//
// Walking in order (left, node, right) gives sorted keys; each node
// knows its parent, so `next` climbs back up without a stack.
//
// The tree is not rebalanced: objects added in random order give a height
// near 2 log2 n, hence O(log n) operations; objects added in increasing
// key order give a chain of height n, O(n) (the b+-tree never degrades so).
// Nodes live in an array and name each other by index, as in the list;
// a position is a node's slot.

import Machine

/// A binary search tree of objects, in key order.
public struct BinaryTree<Element: SetObject>: AlwaysSorted {
    /// A node's slot in the node array.
    public typealias Position = Int

    /// The name printed in dumps.
    public static var name: StaticString { "tree" }

    /// A search tree is always in key order.
    public var isSorted: Bool { true }

    // BEGIN ASSIGNMENT 01-set
    /// One node; `object` is nil while the slot is free.
    struct Node {
        var object: Element?
        var parent: Int?
        var left: Int?
        var right: Int?
    }

    /// Every node, used or free.
    var nodes: [Node] = []
    /// Slots of `nodes` that hold no object.
    var freeSlots: [Int] = []
    /// The root, nil if the tree is empty.
    var root: Int?
    /// The number of objects.
    var stored = 0
    // END ASSIGNMENT 01-set

    /// An empty tree (always sorted, so every option is accepted).
    public init(options: SetOptions) throws(KernelError) {}

    /// The number of objects.
    public var count: Int {
        // BEGIN ASSIGNMENT 01-set
        return stored
        // ELSE
        // return 0
        // END ASSIGNMENT 01-set
    }

    /// The smallest order: the leftmost node.
    public func head() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return root.map { leftmost($0) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The largest order: the rightmost node.
    public func tail() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return root.map { rightmost($0) }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The next order: the leftmost node of the right subtree, or else
    /// the first ancestor reached from its left side.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        let node = try self.node(position)
        if let right = node.right {
            return leftmost(right)
        }
        var child = position
        var parent = node.parent
        while let up = parent, nodes[up].right == child {
            child = up
            parent = nodes[up].parent
        }
        return parent
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The previous order (`next` in a mirror).
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        let node = try self.node(position)
        if let left = node.left {
            return rightmost(left)
        }
        var child = position
        var parent = node.parent
        while let up = parent, nodes[up].left == child {
            child = up
            parent = nodes[up].parent
        }
        return parent
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object of the node at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        // BEGIN ASSIGNMENT 01-set
        guard let object = try node(position).object else {
            throw KernelError.outOfRange
        }
        return object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The node of `order`: go left when smaller, right when larger.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        var current = root
        while let slot = current, let object = nodes[slot].object {
            if order == object.order {
                return slot
            }
            current = order < object.order ? nodes[slot].left : nodes[slot].right
        }
        return nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The last node whose key is at most `key`: going down from the root,
    /// a node whose key is at most `key` is the best so far and anything
    /// better lies on its right; otherwise the answer lies on its left.
    public func floor(_ key: UInt64) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        var best: Int? = nil
        var current = root
        while let slot = current, let object = nodes[slot].object {
            if object.key <= key {
                best = slot
                current = nodes[slot].right
            } else {
                current = nodes[slot].left
            }
        }
        return best
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The first node whose key is at least `key` (`floor` in a mirror).
    public func ceiling(_ key: UInt64) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        var best: Int? = nil
        var current = root
        while let slot = current, let object = nodes[slot].object {
            if object.key >= key {
                best = slot
                current = nodes[slot].left
            } else {
                current = nodes[slot].right
            }
        }
        return best
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds `object` as a new leaf where the search for it ends.
    ///
    /// Steps: 1. walk down to the empty child the object's order belongs in;
    /// 2. make a node there.
    public mutating func add(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        var parent: Int? = nil
        var goesLeft = false
        var current = root
        while let slot = current, let other = nodes[slot].object {
            parent = slot
            goesLeft = object.order < other.order
            current = goesLeft ? nodes[slot].left : nodes[slot].right
        }
        // 2.
        let slot = allocate(Node(object: object, parent: parent, left: nil, right: nil))
        if let parent {
            if goesLeft {
                nodes[parent].left = slot
            } else {
                nodes[parent].right = slot
            }
        } else {
            root = slot
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Puts `object` in the node at `position`; the tree's shape stays.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        _ = try node(position)
        nodes[position].object = object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Removes the node at `position`.
    ///
    /// Steps: 1. check the position; 2. a node with two children takes
    /// the object of its successor (the leftmost node on its right), and
    /// the successor's node goes instead; 3. the node that goes has at
    /// most one child: hand that child to its parent; 4. free the slot.
    public mutating func delete(at position: Position) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        var gone = position
        let node = try self.node(position)
        // 2.
        if let right = node.right, node.left != nil {
            gone = leftmost(right)
            nodes[position].object = nodes[gone].object
        }
        // 3.
        let child = nodes[gone].left ?? nodes[gone].right
        let parent = nodes[gone].parent
        if let child {
            nodes[child].parent = parent
        }
        if let parent {
            if nodes[parent].left == gone {
                nodes[parent].left = child
            } else {
                nodes[parent].right = child
            }
        } else {
            root = child
        }
        // 4.
        nodes[gone] = Node(object: nil, parent: nil, left: nil, right: nil)
        freeSlots.append(gone)
        stored -= 1
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
        stored = 0
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    // BEGIN ASSIGNMENT 01-set
    /// The node at `position`, or `outOfRange` if that slot holds nothing.
    func node(_ position: Position) throws(KernelError) -> Node {
        guard position >= 0 && position < nodes.count && nodes[position].object != nil else {
            throw KernelError.outOfRange
        }
        return nodes[position]
    }

    /// The leftmost node under `slot` (the smallest order there).
    func leftmost(_ slot: Int) -> Int {
        var current = slot
        while let left = nodes[current].left {
            current = left
        }
        return current
    }

    /// The rightmost node under `slot` (the largest order there).
    func rightmost(_ slot: Int) -> Int {
        var current = slot
        while let right = nodes[current].right {
            current = right
        }
        return current
    }

    /// Stores `node` in a free slot, or a new one, and returns the slot.
    mutating func allocate(_ node: Node) -> Int {
        stored += 1
        if let slot = freeSlots.popLast() {
            nodes[slot] = node
            return slot
        }
        nodes.append(node)
        return nodes.count - 1
    }
    // END ASSIGNMENT 01-set
}
