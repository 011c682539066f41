// reference/set/identifier_table.swift -- from an identifier to a value,
// in a few instructions: the index every ObjectSet keeps (identifier to
// key) and the scheduler's table of its threads (identifier to entry).
//
// Why not a Dictionary: Swift's hashes every key with SipHash-1-3 under
// a random seed, a defence against keys an attacker chooses. On ia32
// each round of it is 64-bit arithmetic done in 32-bit registers, a few
// hundred instructions per lookup, and the kernel looks an identifier up
// on every `get` of every set, and the scheduler on every change of a
// thread's state: a message's round trip did it some 90 times. Identifiers
// are made by the kernel, not chosen by anyone, so a multiplicative hash
// is enough:
//
//     slot = ((low word xor high word) * 0x9E3779B1) >> (32 - bits)
//
// (0x9E3779B1 is 2^32 divided by the golden ratio: consecutive
// identifiers land far apart.) The table is open-addressed: a slot that
// is taken sends the search to the next one, and a removed entry leaves
// a tombstone so that the searches that went past it still do. The
// table doubles when three quarters of it are taken or tombstones, so
// an empty slot always ends a search.

import Machine

/// A map from identifiers to values of type `Value`, read and written
/// like a dictionary (`table[identifier]`, nil when absent).
public struct IdentifierTable<Value>: Sequence {
    /// What a slot holds.
    enum SlotState: UInt8 {
        /// Nothing, ever since the table was made: a search stops here.
        case empty
        /// An identifier and its value.
        case taken
        /// An identifier that was removed: a search goes on past it.
        case tombstone
    }

    /// The table, in three arrays of the same length (a power of two,
    /// or 0) rather than one array of structures: an identifier, a value
    /// and a state side by side would be padded to the largest's
    /// alignment.
    private var identifiers: [Identifier] = []
    /// The value stored in each taken slot (`vacant` in the others:
    /// values are not optionals, which would double the size of a
    /// 64-bit key with their padding).
    private var values: [Value] = []
    /// What fills the slots that hold nothing; never read as a value.
    private let vacant: Value
    /// What each slot holds.
    private var states: [SlotState] = []
    /// The identifiers stored.
    public private(set) var count = 0
    /// True when no identifier is stored.
    public var isEmpty: Bool { count == 0 }
    /// The slots of the table (0 once emptied: its memory is freed).
    public var capacity: Int { states.count }
    /// The tombstones in the table.
    private var tombstones = 0

    /// An empty table whose free slots hold `vacant` (any value: it is
    /// never returned). It allocates nothing until the first store.
    public init(vacant: Value) {
        self.vacant = vacant
    }

    /// The value of `identifier`; nil if it is not stored. Setting nil
    /// removes it.
    public subscript(identifier: Identifier) -> Value? {
        get {
            guard let slot = find(identifier) else {
                return nil
            }
            return values[slot]
        }
        set {
            if let value = newValue {
                store(identifier, value)
            } else {
                remove(identifier)
            }
        }
    }

    /// The identifiers stored, in the table's order.
    public var keys: [Identifier] {
        map { $0.key }
    }

    /// Forgets every identifier and frees the table.
    public mutating func removeAll() {
        identifiers = []
        values = []
        states = []
        count = 0
        tombstones = 0
    }

    // MARK: inside

    /// The slot where the search for `identifier` starts.
    private func start(_ identifier: Identifier) -> Int {
        let mixed = UInt32(truncatingIfNeeded: identifier) ^ UInt32(truncatingIfNeeded: identifier >> 32)
        let bits = UInt32(states.count.trailingZeroBitCount)
        return Int((mixed &* 0x9E37_79B1) >> (32 - bits))
    }

    /// The slot holding `identifier`, if any.
    private func find(_ identifier: Identifier) -> Int? {
        if states.isEmpty {
            return nil
        }
        var slot = start(identifier)
        while true {
            switch states[slot] {
            case .empty:
                return nil
            case .taken where identifiers[slot] == identifier:
                return slot
            default:
                slot = (slot + 1) & (states.count - 1)
            }
        }
    }

    /// Stores `value` for `identifier`, replacing its value if it is there.
    ///
    /// Steps: 1. replace in place; 2. make room if the table would be
    /// three quarters full; 3. take the first free slot of the search.
    private mutating func store(_ identifier: Identifier, _ value: Value) {
        // 1.
        if let slot = find(identifier) {
            values[slot] = value
            return
        }
        // 2.
        if (count + tombstones + 1) * 4 > states.count * 3 {
            rebuild(capacity: Swift.max(8, count * 4 >= states.count ? states.count * 2 : states.count))
        }
        // 3.
        var slot = start(identifier)
        while states[slot] == .taken {
            slot = (slot + 1) & (states.count - 1)
        }
        if states[slot] == .tombstone {
            tombstones -= 1
        }
        identifiers[slot] = identifier
        values[slot] = value
        states[slot] = .taken
        count += 1
    }

    /// Removes `identifier`, leaving a tombstone.
    private mutating func remove(_ identifier: Identifier) {
        guard let slot = find(identifier) else {
            return
        }
        states[slot] = .tombstone
        values[slot] = vacant
        count -= 1
        tombstones += 1
    }

    /// Stores every identifier again in a table of `capacity` slots (no
    /// tombstone left).
    private mutating func rebuild(capacity: Int) {
        let (oldIdentifiers, oldValues, oldStates) = (identifiers, values, states)
        identifiers = [Identifier](repeating: 0, count: capacity)
        values = [Value](repeating: vacant, count: capacity)
        states = [SlotState](repeating: .empty, count: capacity)
        count = 0
        tombstones = 0
        for slot in 0..<oldStates.count where oldStates[slot] == .taken {
            store(oldIdentifiers[slot], oldValues[slot])
        }
    }

    // MARK: walking

    /// Walks the stored identifiers and their values, in the table's
    /// order (which is not the order they were stored in).
    public struct Iterator: IteratorProtocol {
        /// The table walked (a copy: changing the table meanwhile does
        /// not change the walk).
        let table: IdentifierTable
        /// The next slot to look at.
        var slot = 0

        /// The next identifier and its value; nil after the last.
        public mutating func next() -> (key: Identifier, value: Value)? {
            while slot < table.states.count {
                defer { slot += 1 }
                if table.states[slot] == .taken {
                    return (table.identifiers[slot], table.values[slot])
                }
            }
            return nil
        }
    }

    /// A walk of the table.
    public func makeIterator() -> Iterator {
        Iterator(table: self)
    }
}
