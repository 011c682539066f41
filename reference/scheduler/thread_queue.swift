// reference/scheduler/thread_queue.swift -- one level of the run queues:
// thread identifiers, oldest first, taken from the head in constant time.
//
// An election takes the head of a level and puts a thread back at its
// tail. With a plain array, taking the head moves every other identifier
// down one place: an election at 1,000 runnable threads then costs ten
// times one at 10. Here the head is an index into the array instead:
//
//     slots:  [ gone | gone | 0x..1c | 0x..1e | 0x..20 ]
//                            ^ head
//
// Taking the head moves the index; the slots before it are dropped at
// once when they are half the array (so the array never grows for ever),
// which costs one move of the live identifiers every n elections at n
// threads: constant time per election, on average.

import Machine

/// A queue of thread identifiers, oldest first (see the top of this file).
public struct ThreadQueue: Sequence {
    /// The identifiers, the live ones from `head` on.
    var slots: [Identifier] = []
    /// The index of the oldest live identifier.
    var head = 0

    /// An empty queue.
    public init() {}

    /// A queue of `threads`, the first one oldest.
    public init(_ threads: [Identifier]) {
        slots = threads
    }

    /// True if no thread waits in it.
    public var isEmpty: Bool { head == slots.count }

    /// How many threads wait in it.
    public var count: Int { slots.count - head }

    /// The live identifiers, oldest first.
    public func makeIterator() -> ArraySlice<Identifier>.Iterator {
        slots[head...].makeIterator()
    }

    /// Puts `thread` at the tail.
    mutating func append(_ thread: Identifier) {
        slots.append(thread)
    }

    /// Puts `thread` back at the head.
    mutating func prepend(_ thread: Identifier) {
        if head > 0 {
            head -= 1
            slots[head] = thread
        } else {
            slots.insert(thread, at: 0)
        }
    }

    /// How far from the head the first thread that `accepts` is, nil if none.
    func firstOffset(where accepts: (Identifier) -> Bool) -> Int? {
        var offset = 0
        for thread in self {
            if accepts(thread) { return offset }
            offset += 1
        }
        return nil
    }

    /// Takes out the thread `offset` places from the head and returns it.
    ///
    /// Steps: 1. the head: move the index; else close the gap; 2. drop the
    /// slots before the head once they are half the array.
    mutating func remove(at offset: Int) -> Identifier {
        // 1.
        let thread: Identifier
        if offset == 0 {
            thread = slots[head]
            head += 1
        } else {
            thread = slots.remove(at: head + offset)
        }
        // 2.
        if head >= 16 && head * 2 >= slots.count {
            slots.removeFirst(head)
            head = 0
        }
        return thread
    }

    /// Takes `thread` out, wherever it is (nothing if it is not there).
    mutating func remove(_ thread: Identifier) {
        if let offset = firstOffset(where: { $0 == thread }) {
            _ = remove(at: offset)
        }
    }
}
