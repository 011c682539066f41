// reference/set/set_walk.swift -- walking a set, object by object.
//
//     try segments.forEach { segment in ... }            // head to tail
//     try segments.forEachBackward { segment in ... }    // tail to head
//
// Each step asks the implementation for the next position, so walking a
// set costs what its `next` costs: O(1) for lists and arrays, O(1)
// amortised for the trees. The walk reads the following position before
// it hands out an object; still, do not change a set while walking it:
// collect the identifiers, then remove them.
//
// A walk throws: a released set gives `unknownIdentifier`, and an error
// of the implementation (a position it refuses, `notImplemented` from a
// structure still being written) ends the walk and comes back to the
// caller, as does an error thrown by `body`. A set is deliberately not a
// Swift `Sequence`: a `for ... in` loop could only stop silently, and a
// manager would take half a set for the whole of it.

import Machine

extension ObjectSet {
    /// Calls `body` on every object, head to tail.
    ///
    /// Steps: 1. refuse a released set; 2. start at the head; 3. read the
    /// object and the following position, then hand the object out.
    public func forEach(_ body: (Element) throws(KernelError) -> Void) throws(KernelError) {
        // 1.
        try alive()
        // 2.
        var position = try storage.head()
        while let current = position {
            // 3.
            let object = try storage.object(at: current)
            position = try storage.next(current)
            try body(object)
        }
    }

    /// Calls `body` on every object, tail to head.
    ///
    /// Steps: 1. refuse a released set; 2. start at the tail; 3. read the
    /// object and the preceding position, then hand the object out.
    public func forEachBackward(_ body: (Element) throws(KernelError) -> Void) throws(KernelError) {
        // 1.
        try alive()
        // 2.
        var position = try storage.tail()
        while let current = position {
            // 3.
            let object = try storage.object(at: current)
            position = try storage.previous(current)
            try body(object)
        }
    }
}
