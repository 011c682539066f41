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


    /// An empty tree (always sorted, so every option is accepted).
    public init(options: SetOptions) throws(KernelError) {}

    /// The number of objects.
    public var count: Int {
        return 0
    }

    /// The smallest order: the leftmost node.
    public func head() throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The largest order: the rightmost node.
    public func tail() throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The next order: the leftmost node of the right subtree, or else
    /// the first ancestor reached from its left side.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The previous order (`next` in a mirror).
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The object of the node at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        throw KernelError.notImplemented
    }

    /// The node of `order`: go left when smaller, right when larger.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The last node whose key is at most `key`: going down from the root,
    /// a node whose key is at most `key` is the best so far and anything
    /// better lies on its right; otherwise the answer lies on its left.
    public func floor(_ key: UInt64) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The first node whose key is at least `key` (`floor` in a mirror).
    public func ceiling(_ key: UInt64) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// Adds `object` as a new leaf where the search for it ends.
    ///
    /// Steps: 1. walk down to the empty child the object's order belongs in;
    /// 2. make a node there.
    public mutating func add(_ object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Puts `object` in the node at `position`; the tree's shape stays.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Removes the node at `position`.
    ///
    /// Steps: 1. check the position; 2. a node with two children takes
    /// the object of its successor (the leftmost node on its right), and
    /// the successor's node goes instead; 3. the node that goes has at
    /// most one child: hand that child to its parent; 4. free the slot.
    public mutating func delete(at position: Position) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Forgets every node.
    public mutating func flush() throws(KernelError) {
        throw KernelError.notImplemented
    }

}
