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


    /// An empty array.
    public init(options: SetOptions) throws(KernelError) {
        isSorted = options.contains(.sorted)
    }

    /// The number of objects.
    public var count: Int {
        return 0
    }

    /// Index 0, nil if empty.
    public func head() throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The last index, nil if empty.
    public func tail() throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The index after `position`.
    public func next(_ position: Position) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The index before `position`.
    public func previous(_ position: Position) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The object at index `position`.
    public func object(at position: Position) throws(KernelError) -> Element {
        throw KernelError.notImplemented
    }

    /// The index of the object of `order`: binary search if sorted, else
    /// a scan.
    public func locate(_ order: SetOrder) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The last index whose key is at most `key`: just before the first
    /// index whose key is above it (binary search if sorted, else a scan).
    public func floor(_ key: UInt64) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// The first index whose key is at least `key` (binary search if
    /// sorted, else a scan).
    public func ceiling(_ key: UInt64) throws(KernelError) -> Position? {
        throw KernelError.notImplemented
    }

    /// Adds at the tail, or at its place in key order if sorted.
    public mutating func add(_ object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Adds at index 0 (a sorted array: only below every order).
    public mutating func insert(_ object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Adds after the last object (a sorted array: only above every order).
    public mutating func append(_ object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Puts `object` at index `position`.
    public mutating func replace(at position: Position, with object: Element) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Removes the object at `position`, closing the gap.
    ///
    /// Steps: 1. check the index; 2. shift the later objects down one;
    /// 3. clear the last slot; 4. give memory back when mostly empty.
    public mutating func delete(at position: Position) throws(KernelError) {
        throw KernelError.notImplemented
    }

    /// Forgets every object and the block.
    public mutating func flush() throws(KernelError) {
        throw KernelError.notImplemented
    }

}
