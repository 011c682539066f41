// reference/set/set_iterator.swift -- walking a set with `for ... in`.
//
//     for segment in segments { ... }            // head to tail
//     for segment in segments.backward { ... }   // tail to head
//
// Each step asks the implementation for the next position, so walking a
// set costs what its `next` costs: O(1) for lists and arrays, O(1)
// amortised for the trees. The iterator reads the following position
// before it hands out an object; still, do not change a set while walking
// it: collect the identifiers, then remove them.
//
// A released set, or a position the implementation refuses (a student
// implementation in progress), simply ends the walk.

import Machine

extension ObjectSet: Sequence {
    /// An iterator from the head.
    public func makeIterator() -> SetWalker<Implementation> {
        SetWalker(set: self, direction: .forward)
    }

    /// The set's objects from tail to head.
    public var backward: BackwardObjects<Implementation> {
        BackwardObjects(set: self)
    }
}

/// A set seen from its tail: `for object in set.backward`.
public struct BackwardObjects<Implementation: SetImplementation>: Sequence {
    /// The set being walked.
    let set: ObjectSet<Implementation>

    /// An iterator from the tail.
    public func makeIterator() -> SetWalker<Implementation> {
        SetWalker(set: set, direction: .backward)
    }
}

/// Walks a set one way, handing out its objects.
public struct SetWalker<Implementation: SetImplementation>: IteratorProtocol {
    /// Which way a walk goes.
    public enum Direction: Sendable {
        /// Head to tail, following `next`.
        case forward
        /// Tail to head, following `previous`.
        case backward
    }

    /// The set being walked.
    let set: ObjectSet<Implementation>
    /// Which way it goes.
    let direction: Direction
    /// The position of the object `next()` returns, nil at the end.
    var position: Implementation.Position?

    /// A walk that starts at the head (forward) or the tail (backward).
    init(set: ObjectSet<Implementation>, direction: Direction) {
        self.set = set
        self.direction = direction
        guard set.isLive else { return }
        position = direction == .forward ? try? set.storage.head() : try? set.storage.tail()
    }

    /// The object at the current position, then one step on; nil at the end.
    ///
    /// Steps: 1. stop on a released set or at the end; 2. read the
    /// object; 3. find the following position before handing it out.
    public mutating func next() -> Implementation.Element? {
        // 1., 2.
        guard set.isLive, let current = position,
              let object = try? set.storage.object(at: current) else {
            return nil
        }
        // 3.
        switch direction {
        case .forward: position = try? set.storage.next(current)
        case .backward: position = try? set.storage.previous(current)
        }
        return object
    }
}
