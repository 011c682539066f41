// reference/set/list.swift -- the doubly linked list implementation.
//
// Objects sit in nodes chained both ways, so the list can be walked
// forward and backward and a node can be unlinked in O(1) once found:
//
//     first                                    last
//       |                                        |
//       v                                        v
//     +-----+  next  +-----+  next  +-----+
//     |  A  | -----> |  B  | -----> |  C  | ---> nil
//     |     | <----- |     | <----- |     |
//     +-----+  prev  +-----+  prev  +-----+
//
// The nodes live in one array and link to each other by index; a released
// node's slot goes on a free list and is reused. Indexes rather than
// class references keep the structure simple to check: a position is a
// slot number, and a slot that holds no object is refused.
//
// Costs: add, insert, append, replace and delete are O(1); add to a
// sorted list, locate, floor and ceiling walk the list, O(n).

import Machine

/// A doubly linked list of objects, optionally kept in key order.
public struct LinkedList<Element: SetObject>: SetImplementation {
    /// A node's slot in the node array.
    public typealias Position = Int

    /// The name printed in dumps.
    public static var name: StaticString { "list" }

    /// True if objects are kept in key order (`SetOptions.sorted`).
    public let isSorted: Bool


    /// An empty list.
    public init(options: SetOptions) throws(KernelError) {
        isSorted = options.contains(.sorted)
    }

    /// The number of objects.
    public var count: Int {
        return 0
    }

    /// The first node, nil if the list is empty.
    public func head() throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The last node, nil if the list is empty.
    public func tail() throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The node after `position`.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The node before `position`.
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The object in the node at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        throw KernelError.notImplemented
    }

    /// The node holding the object of `order`: walk from the head; a
    /// sorted list stops as soon as it passes that order.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// Adds at the tail, or before the first larger order if sorted.
    ///
    /// Steps: 1. find the node to link before (nil: the tail); 2. link.
    public mutating func add(_ object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Adds at the head (a sorted list: only below every order).
    ///
    /// Steps: 1. keep a sorted list in order; 2. link before the head.
    public mutating func insert(_ object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Adds at the tail (a sorted list: only above every order).
    ///
    /// Steps: 1. keep a sorted list in order; 2. link at the tail.
    public mutating func append(_ object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Puts `object` in the node at `position`; the links stay.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Unlinks the node at `position` and frees its slot.
    ///
    /// Steps: 1. check the position; 2. make the neighbours point at each
    /// other (or move `first`/`last`); 3. free the slot.
    public mutating func delete(at position: Position) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Forgets every node.
    public mutating func flush() throws(KernelError) {
        throw KernelError.notImplemented
    }

}
