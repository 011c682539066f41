// reference/set/stack.swift -- the stack implementation.
//
// Last in, first out. Objects are pushed on the top and popped from the
// top; the top is the head of the set, so walking a stack goes from the
// newest object down to the oldest:
//
//              +-----+
//     top  --> |  C  |   head, popped first      index 2
//              +-----+
//              |  B  |                            index 1
//              +-----+
//              |  A  |   tail, the oldest         index 0
//              +-----+
//
// The objects sit in a Swift array with the top at the end, so push and
// pop are O(1) amortised. A stack only grows at its top: `append` (at the
// bottom) and the sorted option are refused. A position is an index from
// the bottom. Finding an identifier scans, O(n).

import Machine

/// A stack of objects; `add`, `push` and `insert` put on the top.
public struct Stack<Element: SetObject>: SetImplementation {
    /// An index from the bottom of the stack.
    public typealias Position = Int

    /// The name printed in dumps.
    public static var name: StaticString { "stack" }

    /// A stack is in push order, not key order.
    public var isSorted: Bool { false }

    // BEGIN ASSIGNMENT 01-set
    /// The objects, bottom first: the top is `objects.last`.
    var objects: [Element] = []
    // END ASSIGNMENT 01-set

    /// An empty stack; a stack cannot be kept sorted.
    public init(options: SetOptions) throws(KernelError) {
        if options.contains(.sorted) {
            throw KernelError.invalidArgument
        }
    }

    /// The number of objects.
    public var count: Int {
        // BEGIN ASSIGNMENT 01-set
        return objects.count
        // ELSE
        // return 0
        // END ASSIGNMENT 01-set
    }

    /// The top, nil if empty.
    public func head() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return objects.isEmpty ? nil : objects.count - 1
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The bottom, nil if empty.
    public func tail() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return objects.isEmpty ? nil : 0
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object below `position` (towards the bottom).
    public func next(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return position > 0 ? position - 1 : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object above `position` (towards the top).
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return position + 1 < objects.count ? position + 1 : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return objects[position]
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The index of the object named `order.identifier`, searching from
    /// the top.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        var index = objects.count - 1
        while index >= 0 {
            if objects[index].identifier == order.identifier {
                return index
            }
            index -= 1
        }
        return nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Pushes `object` on the top.
    public mutating func add(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        objects.append(object)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Pushes `object` on the top (the head of a stack is its top).
    public mutating func insert(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        objects.append(object)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Refused: a stack does not grow at the bottom.
    public mutating func append(_ object: Element) throws(KernelError) {
        throw KernelError.invalidArgument
    }

    /// Puts `object` at index `position`.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        objects[position] = object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Removes the object at `position`; popping removes the top, O(1).
    public mutating func delete(at position: Position) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        objects.remove(at: position)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Forgets every object.
    public mutating func flush() throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        objects = []
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    // BEGIN ASSIGNMENT 01-set
    /// Fails unless `position` is the index of an object.
    func check(_ position: Position) throws(KernelError) {
        if position < 0 || position >= objects.count {
            throw KernelError.outOfRange
        }
    }
    // END ASSIGNMENT 01-set
}
