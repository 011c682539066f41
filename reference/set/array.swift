// reference/set/array.swift -- the growable array implementation.
//
// Objects sit side by side in a block of slots, head first. The block has
// room for more than it holds; when it is full, a block twice as large is
// made and the objects are copied over, so growing costs O(1) per object
// on average (each object is copied about once per doubling):
//
//     slots:  [ A | B | C | D | - | - | - | - ]      stored = 4, capacity = 8
//               0   1   2   3
//
// A position is an index. Inserting or deleting in the middle shifts the
// objects after it, O(n). A sorted array finds an object, a floor or a
// ceiling by binary search, O(log n); an unsorted one scans, O(n).

import Machine

/// A growable array of objects, optionally kept in key order.
public struct GrowableArray<Element: SetObject>: SetImplementation {
    /// An index into the array, 0 at the head.
    public typealias Position = Int

    /// The name printed in dumps.
    public static var name: StaticString { "array" }

    /// True if objects are kept in key order (`SetOptions.sorted`).
    public let isSorted: Bool

    // BEGIN ASSIGNMENT 01-set
    /// The block: `stored` objects, then free slots (nil).
    var slots: [Element?] = []
    /// The number of objects.
    var stored = 0
    // END ASSIGNMENT 01-set

    /// An empty array.
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

    /// Index 0, nil if empty.
    public func head() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return stored == 0 ? nil : 0
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The last index, nil if empty.
    public func tail() throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        return stored == 0 ? nil : stored - 1
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The index after `position`.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return position + 1 < stored ? position + 1 : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The index before `position`.
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        return position > 0 ? position - 1 : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The object at index `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        guard let object = slots[position] else {
            throw KernelError.outOfRange
        }
        return object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The index of the object of `order`: binary search if sorted, else
    /// a scan.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        if isSorted {
            let index = lowerBound(order)
            return index < stored && slots[index]?.identifier == order.identifier ? index : nil
        }
        for index in 0..<stored where slots[index]?.identifier == order.identifier {
            return index
        }
        return nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The last index whose key is at most `key`: just before the first
    /// index whose key is above it (binary search if sorted, else a scan).
    public func floor(_ key: UInt64) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        if !isSorted {
            return try floorByWalking(key)
        }
        let above = key == UInt64.max ? stored : lowerBound(SetOrder(key: key + 1, identifier: 0))
        return above > 0 ? above - 1 : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// The first index whose key is at least `key` (binary search if
    /// sorted, else a scan).
    public func ceiling(_ key: UInt64) throws(KernelError) -> Position? {
        // BEGIN ASSIGNMENT 01-set
        if !isSorted {
            return try ceilingByWalking(key)
        }
        let index = lowerBound(SetOrder(key: key, identifier: 0))
        return index < stored ? index : nil
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds at the tail, or at its place in key order if sorted.
    public mutating func add(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        put(object, at: isSorted ? lowerBound(object.order) : stored)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds at index 0 (a sorted array: only below every order).
    public mutating func insert(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        if isSorted, stored > 0, let head = slots[0], head.order < object.order {
            throw KernelError.invalidArgument
        }
        put(object, at: 0)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Adds after the last object (a sorted array: only above every order).
    public mutating func append(_ object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        if isSorted, stored > 0, let tail = slots[stored - 1], object.order < tail.order {
            throw KernelError.invalidArgument
        }
        put(object, at: stored)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Puts `object` at index `position`.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        try check(position)
        slots[position] = object
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Removes the object at `position`, closing the gap.
    ///
    /// Steps: 1. check the index; 2. shift the later objects down one;
    /// 3. clear the last slot; 4. give memory back when mostly empty.
    public mutating func delete(at position: Position) throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        // 1.
        try check(position)
        // 2.
        for index in position..<(stored - 1) {
            slots[index] = slots[index + 1]
        }
        // 3.
        stored -= 1
        slots[stored] = nil
        // 4.
        if stored > 0 && stored * 4 <= slots.count {
            resize(to: slots.count / 2)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    /// Forgets every object and the block.
    public mutating func flush() throws(KernelError) {
        // BEGIN ASSIGNMENT 01-set
        slots = []
        stored = 0
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 01-set
    }

    // BEGIN ASSIGNMENT 01-set
    /// Fails unless `position` is the index of an object.
    func check(_ position: Position) throws(KernelError) {
        if position < 0 || position >= stored {
            throw KernelError.outOfRange
        }
    }

    /// The first index whose order is not below `order` (sorted arrays
    /// only): halve the range [low, high) until it is one index.
    func lowerBound(_ order: SetOrder) -> Int {
        var low = 0
        var high = stored
        while low < high {
            let middle = (low + high) / 2
            if let object = slots[middle], object.order < order {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Puts `object` at `index`, shifting the objects from there up one.
    ///
    /// Steps: 1. double the block if it is full; 2. shift; 3. store.
    mutating func put(_ object: Element, at index: Int) {
        // 1.
        if stored == slots.count {
            resize(to: max(4, slots.count * 2))
        }
        // 2.
        var slot = stored
        while slot > index {
            slots[slot] = slots[slot - 1]
            slot -= 1
        }
        // 3.
        slots[index] = object
        stored += 1
    }

    /// Moves the objects into a new block of `capacity` slots.
    mutating func resize(to capacity: Int) {
        var block = [Element?](repeating: nil, count: capacity)
        for index in 0..<stored {
            block[index] = slots[index]
        }
        slots = block
    }
    // END ASSIGNMENT 01-set
}
