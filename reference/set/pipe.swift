// reference/set/pipe.swift -- the pipe implementation (a FIFO queue).
//
// First in, first out. Objects enter at the tail and leave from the head,
// in a circular buffer: a ring of slots where `oldest` marks the head and
// the tail wraps around the end of the block back to slot 0. Neither end
// ever moves the other objects, so push and pop are O(1):
//
//     ring:  [ E | F | - | - | A | B | C | D ]     capacity 8, stored 6
//                      ^       ^
//                      free    oldest (the head, popped first)
//
//     iteration: A B C D E F
//
// When the ring is full it is copied into one twice as large, oldest
// first. A position is a distance from the head (0 = the oldest).
// A pipe only grows at its tail: `insert` (at the head) and the sorted
// option are refused. Finding an identifier scans, O(n).

import Machine

/// A first-in first-out queue of objects; `add`, `push` and `append`
/// put at the tail, `pop` takes the oldest.
public struct Pipe<Element: SetObject>: SetImplementation {
    /// A distance from the head: 0 is the oldest object.
    public typealias Position = Int

    /// The name printed in dumps.
    public static var name: StaticString { "pipe" }

    /// A pipe is in arrival order, not key order.
    public var isSorted: Bool { false }

    // BEGIN ASSIGNMENT 01-set
    /// The circular buffer; nil marks a free slot.
    var ring: [Element?] = []
    /// The slot of the head (the oldest object).
    var oldest = 0
    /// The number of objects.
    var stored = 0
    // END ASSIGNMENT 01-set

    /// An empty pipe; a pipe cannot be kept sorted.
    public init(options: SetOptions) throws(KernelError) {
        if options.contains(.sorted) {
            throw KernelError.invalidArgument
        }
    }

    /// The number of objects.
    public var count: Int {
        // BEGIN ASSIGNMENT 01-set
        return stored
        // ELSE
        // return 0
        // END ASSIGNMENT 01-set
    }

    /// The oldest object, nil if empty.
    public func head() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return stored == 0 ? nil : 0
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The newest object, nil if empty.
    public func tail() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return stored == 0 ? nil : stored - 1
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object that arrived after the one at `position`.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return position + 1 < stored ? position + 1 : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object that arrived before the one at `position`.
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return position > 0 ? position - 1 : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object at `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        guard let object = ring[slot(position)] else {
            throw KernelError.outOfRange
        }
        return object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The position of the object named `order.identifier`, scanning
    /// from the oldest.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        for position in 0..<stored where ring[slot(position)]?.identifier == order.identifier {
            return position
        }
        return nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Puts `object` at the tail.
    ///
    /// Steps: 1. double the ring if it is full; 2. store after the newest.
    public mutating func add(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        if stored == ring.count {
            grow()
        }
        // 2.
        ring[slot(stored)] = object
        stored += 1
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Refused: nothing jumps the queue.
    public mutating func insert(_ object: Element) throws(KernelError) {
        throw KernelError.invalidArgument
    }

    /// Puts `object` at the tail, as `add`.
    public mutating func append(_ object: Element) throws(KernelError) {
        try add(object)
    }

    /// Puts `object` at `position`.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        ring[slot(position)] = object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Removes the object at `position`.
    ///
    /// Steps: 1. check the position; 2. the head leaves by moving
    /// `oldest` on, O(1); 3. any other object leaves by shifting the
    /// newer ones back one slot.
    public mutating func delete(at position: Position) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        try check(position)
        // 2.
        if position == 0 {
            ring[oldest] = nil
            oldest = (oldest + 1) % ring.count
            stored -= 1
            return
        }
        // 3.
        for later in position..<(stored - 1) {
            ring[slot(later)] = ring[slot(later + 1)]
        }
        ring[slot(stored - 1)] = nil
        stored -= 1
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Forgets every object and the ring.
    public mutating func flush() throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        ring = []
        oldest = 0
        stored = 0
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    // BEGIN ASSIGNMENT 01-set
    /// Fails unless `position` names an object.
    func check(_ position: Position) throws(KernelError) {
        if position < 0 || position >= stored {
            throw KernelError.outOfRange
        }
    }

    /// The ring slot of the object `position` places after the head.
    func slot(_ position: Position) -> Int {
        (oldest + position) % ring.count
    }

    /// Copies the objects, oldest first, into a ring twice as large.
    mutating func grow() {
        var larger = [Element?](repeating: nil, count: max(4, ring.count * 2))
        for position in 0..<stored {
            larger[position] = ring[slot(position)]
        }
        ring = larger
        oldest = 0
    }
    // END ASSIGNMENT 01-set
}
