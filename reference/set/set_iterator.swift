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

extension ObjectSet: Sequence {
    /// Walks a set from head to tail.
    public struct Iterator: IteratorProtocol {
        /// The set being walked.
        let set: ObjectSet<Implementation>
        /// The position of the object `next()` returns, nil at the end.
        var position: Implementation.Position?

        /// The next object, or nil after the tail.
        public mutating func next() -> Implementation.Element? {
            guard set.isLive, let current = position,
                  let object = try? set.storage.object(at: current) else {
                return nil
            }
            position = try? set.storage.next(current)
            return object
        }
    }

    /// An iterator from the head.
    public func makeIterator() -> Iterator {
        let head = isLive ? try? storage.head() : nil
        return Iterator(set: self, position: head)
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

    /// Walks a set from tail to head.
    public struct Iterator: IteratorProtocol {
        /// The set being walked.
        let set: ObjectSet<Implementation>
        /// The position of the object `next()` returns, nil at the end.
        var position: Implementation.Position?

        /// The previous object, or nil before the head.
        public mutating func next() -> Implementation.Element? {
            guard set.isLive, let current = position,
                  let object = try? set.storage.object(at: current) else {
                return nil
            }
            position = try? set.storage.previous(current)
            return object
        }
    }

    /// An iterator from the tail.
    public func makeIterator() -> Iterator {
        let tail = set.isLive ? try? set.storage.tail() : nil
        return Iterator(set: set, position: tail)
    }
}
