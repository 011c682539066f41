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

    // BEGIN ASSIGNMENT 01-set
    /// One link of the chain; `object` is nil while the slot is free.
    struct Node {
        var object: Element?
        var previous: Int?
        var next: Int?
    }

    /// Every node, used or free.
    var nodes: [Node] = []
    /// Slots of `nodes` that hold no object.
    var freeSlots: [Int] = []
    /// The first and last nodes of the chain.
    var first: Int?
    var last: Int?
    /// The number of objects.
    var stored = 0
    // END ASSIGNMENT 01-set

    /// An empty list.
    public init(options: SetOptions) throws(KernelError) {
        isSorted = options.contains(.sorted)
    }

    /// The number of objects.
    public var count: Int {
        // BEGIN ASSIGNMENT 01-set
        return stored
        // ELSE
        // return 0
        // END ASSIGNMENT 01-set
    }

    /// The first node, nil if the list is empty.
    public func head() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return first
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The last node, nil if the list is empty.
    public func tail() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return last
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The node after `position`.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return try node(position).next
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The node before `position`.
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return try node(position).previous
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object in the node at `position`.
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

    /// The node holding the object of `order`: walk from the head; a
    /// sorted list stops as soon as it passes that order.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        var current = first
        while let slot = current, let object = nodes[slot].object {
            if object.identifier == order.identifier {
                return slot
            }
            if isSorted && order < object.order {
                return nil
            }
            current = nodes[slot].next
        }
        return nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds at the tail, or before the first larger order if sorted.
    ///
    /// Steps: 1. find the node to link before (nil: the tail); 2. link.
    public mutating func add(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        var before: Int? = nil
        if isSorted {
            before = first
            while let slot = before, let other = nodes[slot].object,
                  other.order < object.order {
                before = nodes[slot].next
            }
        }
        // 2.
        link(object, before: before)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds at the head (a sorted list: only below every order).
    ///
    /// Steps: 1. keep a sorted list in order; 2. link before the head.
    public mutating func insert(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        if isSorted, let slot = first, let head = nodes[slot].object,
           head.order < object.order {
            throw KernelError.invalidArgument
        }
        // 2.
        link(object, before: first)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds at the tail (a sorted list: only above every order).
    ///
    /// Steps: 1. keep a sorted list in order; 2. link at the tail.
    public mutating func append(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        if isSorted, let slot = last, let tail = nodes[slot].object,
           object.order < tail.order {
            throw KernelError.invalidArgument
        }
        // 2.
        link(object, before: nil)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Puts `object` in the node at `position`; the links stay.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        _ = try node(position)
        nodes[position].object = object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Unlinks the node at `position` and frees its slot.
    ///
    /// Steps: 1. check the position; 2. make the neighbours point at each
    /// other (or move `first`/`last`); 3. free the slot.
    public mutating func delete(at position: Position) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        let gone = try node(position)
        // 2.
        if let previous = gone.previous {
            nodes[previous].next = gone.next
        } else {
            first = gone.next
        }
        if let next = gone.next {
            nodes[next].previous = gone.previous
        } else {
            last = gone.previous
        }
        // 3.
        nodes[position] = Node(object: nil, previous: nil, next: nil)
        freeSlots.append(position)
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
        first = nil
        last = nil
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

    /// Puts `object` in a node linked just before `before` (nil: at the tail).
    ///
    /// Steps: 1. take a free slot or grow the array; 2. find the new
    /// node's neighbours; 3. point them at it.
    mutating func link(_ object: Element, before: Int?) {
        // 1.
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
        } else {
            slot = nodes.count
            nodes.append(Node(object: nil, previous: nil, next: nil))
        }
        // 2.
        let previous = before.map { nodes[$0].previous } ?? last
        nodes[slot] = Node(object: object, previous: previous, next: before)
        // 3.
        if let previous {
            nodes[previous].next = slot
        } else {
            first = slot
        }
        if let before {
            nodes[before].previous = slot
        } else {
            last = slot
        }
        stored += 1
    }
    // END ASSIGNMENT 01-set
}
