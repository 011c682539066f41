// reference/capability/capability.swift -- what a capability is: a
// ticket naming an object and what its holder may do with it.
//
// Every kernel object is reached through a capability (paper, section
// 4.3). It names the object (the node it lives on, its identifier),
// lists the operations its holder may perform, and carries a check
// field that proves the kernel made it:
//
//     node 1  object 0x..0402 (a segment)  operations read|grant
//     record 0x..0c01                      check 0x5a17c3e2d94b0f6e
//
// The check is SipHash-2-4 (siphash.swift) of the four fields before it,
// under a secret the kernel drew at boot. A program can copy a
// capability, give it away or keep it in a file; it cannot make one up
// or widen one, since it cannot compute the check of the result.
//
// The kernel also keeps a record of every capability it made (the
// record's identifier is in the capability). A weaker capability made
// from another (`restrict`) records its parent, so invalidating a
// capability invalidates every capability restricted from it:
//
//     segment, read|write|grant   (the owner's)
//       `- read|grant             (given to a service)
//            `- read              (given by the service to a program)
//
// Invalidating the middle one leaves the owner's and kills the program's.

import Machine

/// The operations a capability allows, one bit each (32 bits).
public struct CapabilityOperations: OptionSet, Equatable, Sendable {
    /// The bits.
    public let rawValue: UInt32

    /// The operations of `rawValue`'s bits.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Read the object (a segment's bytes, a task's state).
    public static let read = CapabilityOperations(rawValue: 1 << 0)
    /// Change the object.
    public static let write = CapabilityOperations(rawValue: 1 << 1)
    /// Run it (a segment's code, a thread).
    public static let execute = CapabilityOperations(rawValue: 1 << 2)
    /// Send it messages.
    public static let send = CapabilityOperations(rawValue: 1 << 3)
    /// Receive its messages.
    public static let receive = CapabilityOperations(rawValue: 1 << 4)
    /// Give the capability to another task, or restrict it for one.
    public static let grant = CapabilityOperations(rawValue: 1 << 5)
    /// Every operation.
    public static let all: CapabilityOperations = [.read, .write, .execute, .send, .receive, .grant]
}

/// A capability: an object, the operations allowed on it, and the check
/// that proves the kernel made it. A plain value: holders copy it.
public struct Capability: Equatable, Sendable {
    /// The node the object lives on (`CapabilityManager.node` here).
    public let node: UInt64
    /// The object's identifier.
    public let object: Identifier
    /// What the holder may do.
    public let operations: CapabilityOperations
    /// The kernel's record of this capability.
    public let record: Identifier
    /// The keyed hash of the fields above.
    public let check: UInt64

    /// The capability of these fields (its check is not verified here:
    /// `CapabilityManager.verify` does that).
    public init(node: UInt64, object: Identifier, operations: CapabilityOperations, record: Identifier, check: UInt64) {
        self.node = node
        self.object = object
        self.operations = operations
        self.record = record
        self.check = check
    }
}

/// How much the capabilities are checked (paper, section 4.3), chosen
/// when the kernel is built or started.
public enum CapabilityPolicy: Sendable {
    /// The check field is ignored: a capability is honoured if its record
    /// lives and allows the operation (the cheapest; for trusted setups).
    case none
    /// The check field is verified on every use.
    case local
    /// As local, and every message that leaves the node carries a keyed
    /// authentication code, verified where it arrives.
    case global

    /// The policy's name, for dumps.
    public var name: StaticString {
        switch self {
        case .none: return "none"
        case .local: return "local"
        case .global: return "global"
        }
    }
}

/// The kernel's record of one capability it made.
public struct CapabilityRecord: SetObject {
    /// Records are objects of kind "capability".
    public static var kind: StaticString { "capability" }

    /// The record's identifier (the capability's `record`).
    public let identifier: Identifier
    /// The object it names.
    public let object: Identifier
    /// The operations it allows.
    public let operations: CapabilityOperations
    /// The record it was restricted from (0: made by `reserve`).
    public let parent: Identifier
    /// The tasks that hold it.
    public internal(set) var holders: [Identifier]

    /// Prints the record on one line.
    public func show() {
        print("  capability 0x\(hexadecimal(identifier)) object 0x\(hexadecimal(object))"
            + " operations 0x\(hexadecimal(UInt64(operations.rawValue))) parent 0x\(hexadecimal(parent))"
            + " holders \(holders.count)")
    }
}

// excerpt: capability-bytes
/// A capability in a program's memory, as system calls take it: 40
/// bytes, little-endian, the fields in their order (the operations word
/// padded to eight bytes):
///
///     0 node   8 object   16 operations   20 (zero)   24 record   32 check
extension Capability {
    /// The size of a capability in a program's memory.
    public static let size = 40

    /// The capability as a program keeps it.
    public var bytes: [UInt8] {
        LittleEndian.bytes(of: [node, object, UInt64(operations.rawValue), record, check])
    }

    /// The capability of `bytes` (`Capability.size` of them; nil
    /// otherwise, or when the padding is not zero). Nothing is verified
    /// here: the bytes come from a program.
    public init?(bytes: [UInt8]) {
        let words = LittleEndian.words(of: bytes)
        guard bytes.count == Capability.size, words[2] <= UInt64(UInt32.max) else {
            return nil
        }
        self.init(node: words[0], object: words[1], operations: CapabilityOperations(rawValue: UInt32(words[2])),
                  record: words[3], check: words[4])
    }
}
// end excerpt
