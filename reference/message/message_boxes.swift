// reference/message/message_boxes.swift -- the table of every message
// box, found by (task, type).
//
// Every send, receive and poll looks its box up, several times a call,
// so the lookup is on the path of every message. A Swift `Dictionary`
// hashes its key with SipHash on each lookup, and measured in the IPC
// benchmark the hashing alone was 15% of a round trip's instructions
// (book, 7.10). A kernel has few boxes -- a handful per task -- so this
// table keeps them in an array sorted by address and finds one by binary
// search: a few comparisons of two integers, and at most 17 for the
// 65,536 boxes a flood of registrations could make.
//
//     entries:  [(0x..31, 1) box] [(0x..31, 7) box] [(0x..42, 1) box]
//     lookup (0x..31, 7):  middle (0x..31, 7): found
//
// It reads like the dictionary it replaces: `boxes[address]` is the box
// or nil, assigning nil removes it, and `keys`, `count` and
// `removeValue(forKey:)` work as a dictionary's do.

/// Every registered box, sorted by address.
public struct MessageBoxes: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// One box and its address.
    public struct Entry: Sendable {
        /// Where messages to this box are sent.
        let address: MessageAddress
        /// The box (nil only while a change in place has it lent).
        var box: MessageBox?
    }

    /// The boxes, by increasing address.
    private var entries: [Entry] = []

    /// A table holding `elements` (the empty literal `[:]` makes an empty one).
    public init(dictionaryLiteral elements: (MessageAddress, MessageBox)...) {
        for (address, box) in elements {
            self[address] = box
        }
    }

    /// How many boxes there are.
    public var count: Int { entries.count }

    /// Every box's address, in increasing order.
    public var keys: [MessageAddress] { entries.map { $0.address } }

    /// The box at `address`, or nil. Changing it changes the box in place:
    /// the accessor lends the stored box rather than a copy, so that
    /// appending to its queue does not copy the queue (`_modify` is how
    /// Swift spells such an accessor). Setting nil removes the box.
    ///
    /// Steps: 1. find the entry, or insert an empty one where it belongs;
    /// 2. lend its box; 3. remove the entry if the box is nil after.
    /// (An accessor that lends is a coroutine, and one whose state does
    /// not fit in a few words allocates its frame on the heap at each
    /// access: about 2% of an IPC round trip, measured. The message
    /// path changes boxes with `update` instead, a plain function.)
    public subscript(address: MessageAddress) -> MessageBox? {
        get {
            let (index, found) = position(of: address)
            return found ? entries[index].box : nil
        }
        _modify {
            // 1.
            let index = entry(for: address)
            // 2.
            yield &entries[index].box
            // 3.
            if case .none = entries[index].box {
                entries.remove(at: index)
            }
        }
    }

    /// What `part` reads of the box at `address`, the box lent in place
    /// rather than copied out (a copy holds its two arrays for as long as
    /// it lives); nil, `part` not called, if there is no box there.
    public func read<Part>(_ address: MessageAddress, _ part: (borrowing MessageBox) -> Part) -> Part? {
        let (index, found) = position(of: address)
        guard found, let box = entries[index].box else {
            return nil
        }
        return part(box)
    }

    /// Changes the box at `address` in place with `change`, and returns
    /// what `change` returns; nil, `change` not called, if there is no
    /// box there. (`boxes[address]?.queued.append(m)` does the same
    /// through the accessor above, which costs an allocation.)
    @discardableResult
    public mutating func update<Result>(_ address: MessageAddress, _ change: (inout MessageBox) -> Result) -> Result? {
        let (index, found) = position(of: address)
        if !found {
            return nil
        }
        return change(&entries[index].box!)
    }

    /// The index of the entry of `address`, inserted empty (its box nil)
    /// if there was none.
    private mutating func entry(for address: MessageAddress) -> Int {
        let (index, found) = position(of: address)
        if !found {
            entries.insert(Entry(address: address, box: nil), at: index)
        }
        return index
    }

    /// Removes the box at `address`; returns it (nil if there was none).
    @discardableResult
    public mutating func removeValue(forKey address: MessageAddress) -> MessageBox? {
        let (index, found) = position(of: address)
        return found ? entries.remove(at: index).box : nil
    }

    /// The boxes with their addresses, in increasing address order.
    public func makeIterator() -> Iterator {
        Iterator(entries: entries)
    }

    /// Walks the boxes in increasing address order.
    public struct Iterator: IteratorProtocol {
        /// The entries being walked.
        let entries: [Entry]
        /// The index of the next one to give.
        var index = 0

        /// The next box and its address; nil after the last.
        public mutating func next() -> (MessageAddress, MessageBox)? {
            while index < entries.count {
                let entry = entries[index]
                index += 1
                if let box = entry.box {
                    return (entry.address, box)
                }
            }
            return nil
        }
    }

    /// Where `address` is in `entries`, or where it would be inserted,
    /// and whether it is there: a binary search.
    private func position(of address: MessageAddress) -> (Int, Bool) {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].address < address {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return (low, low < entries.count && entries[low].address == address)
    }
}
