// reference/set/identifier_index.swift -- from an identifier to its
// object's key, in a few instructions: the index every ObjectSet keeps.
//
// Why not a Dictionary: Swift's hashes every key with SipHash-1-3 under
// a random seed, a defence against keys an attacker chooses. On ia32
// each round of it is 64-bit arithmetic done in 32-bit registers, a few
// hundred instructions per lookup, and the kernel looks an identifier up
// on every `get` of every set: a message's round trip did it some 80
// times. Identifiers are made by the kernel, not chosen by anyone, so a
// multiplicative hash is enough:
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

/// A map from identifiers to 64-bit keys.
struct IdentifierIndex {
    /// What a slot holds.
    enum SlotState: UInt8 {
        /// Nothing, ever since the table was made: a search stops here.
        case empty
        /// An identifier and its key.
        case taken
        /// An identifier that was removed: a search goes on past it.
        case tombstone
    }

    /// The table, in three arrays of the same length (a power of two,
    /// or 0) rather than one array of structures: the padding of a
    /// structure of 17 bytes would cost a fifth more memory.
    private var identifiers: [Identifier] = []
    /// The key stored in each slot.
    private var keys: [UInt64] = []
    /// What each slot holds.
    private var states: [SlotState] = []
    /// The identifiers stored.
    private(set) var count = 0
    /// True when no identifier is stored.
    var isEmpty: Bool { count == 0 }
    /// The slots of the table (0 once emptied: its memory is freed).
    var capacity: Int { states.count }
    /// The tombstones in the table.
    private var tombstones = 0

    /// The key of `identifier`; nil if it is not stored. Setting nil
    /// removes it.
    subscript(identifier: Identifier) -> UInt64? {
        get {
            guard let slot = find(identifier) else {
                return nil
            }
            return keys[slot]
        }
        set {
            if let key = newValue {
                store(identifier, key)
            } else {
                remove(identifier)
            }
        }
    }

    /// Forgets every identifier and frees the table.
    mutating func removeAll() {
        identifiers = []
        keys = []
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

    /// Stores `key` for `identifier`, replacing its key if it is there.
    ///
    /// Steps: 1. replace in place; 2. make room if the table would be
    /// three quarters full; 3. take the first free slot of the search.
    private mutating func store(_ identifier: Identifier, _ key: UInt64) {
        // 1.
        if let slot = find(identifier) {
            keys[slot] = key
            return
        }
        // 2.
        if (count + tombstones + 1) * 4 > states.count * 3 {
            rebuild(capacity: max(8, count * 4 >= states.count ? states.count * 2 : states.count))
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
        keys[slot] = key
        states[slot] = .taken
        count += 1
    }

    /// Removes `identifier`, leaving a tombstone.
    private mutating func remove(_ identifier: Identifier) {
        guard let slot = find(identifier) else {
            return
        }
        states[slot] = .tombstone
        count -= 1
        tombstones += 1
    }

    /// Stores every identifier again in a table of `capacity` slots (no
    /// tombstone left).
    private mutating func rebuild(capacity: Int) {
        let (oldIdentifiers, oldKeys, oldStates) = (identifiers, keys, states)
        identifiers = [Identifier](repeating: 0, count: capacity)
        keys = [UInt64](repeating: 0, count: capacity)
        states = [SlotState](repeating: .empty, count: capacity)
        count = 0
        tombstones = 0
        for slot in 0..<oldStates.count where oldStates[slot] == .taken {
            store(oldIdentifiers[slot], oldKeys[slot])
        }
    }
}
