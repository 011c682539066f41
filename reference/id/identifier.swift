// reference/id/identifier.swift -- the identifier manager.
//
// Every kernel object is named by a 64-bit identifier. Managers hand
// identifiers around instead of pointers: a task names its threads, a set
// finds an object, a test prints one, all by identifier. This file also
// fixes the conventions every manager of the kernel follows.
//
// Layout of an identifier:
//
//     63        56 55                                               0
//     +-----------+--------------------------------------------------+
//     |   kind    |          serial number (1, 2, 3, ...)            |
//     +-----------+--------------------------------------------------+
//
// The kind says which manager owns the object, so a dump shows at a glance
// that 0x0100000000000003 is the third set. Serial numbers start at 1, so
// the identifier 0 never names anything. They are never handed out twice:
// with 2^56 of them per kind, a kernel cannot run out, and an identifier
// kept by mistake after its object was released can never name a newer
// object by accident; it only gets `KernelError.unknownIdentifier`.
//
// The conventions every manager follows:
//
// * One manager per kind of object, an `enum` named after the object
//   (`SetManager`, `SegmentManager`, ...), with the same verbs:
//   `initialize` and `clean` (start and stop the manager), `reserve` and
//   `release` (create and destroy one object), `get` (the object of an
//   identifier), `exist` (is there one?), `show` (print one object) and
//   `dump` (print them all); then the manager's own verbs.
// * A function that can fail is `throws(KernelError)` and leaves every
//   object as it found it when it fails. Nothing traps on bad input.
// * Objects are kept in sets (reference/set) and reached by identifier.
// * The machine is told of every change through a hook
//   (machine/shared/hooks.swift, one protocol per manager): after the
//   core has created or modified an object, and before it destroys one
//   (the machine may have to undo its part), with the call's arguments
//   and the machine's record kept in the object.
// * Each manager function counts its calls, errors and time with the
//   statistics manager (reference/stats).
// * Each function starts with a comment listing its steps, numbered, and
//   its body marks them with `// 1.`, `// 2.`, ...

import Machine

// `Identifier` itself (a UInt64) is declared by the machine contract
// (machine/shared/identifier.swift): the machine's hooks name objects too,
// and the machine module sits below the core.

/// The kinds of kernel objects, one per manager that owns them.
public enum ObjectKind: UInt8, CaseIterable, Sendable {
    /// A set (reference/set).
    case set = 1
    /// An address space.
    case addressSpace
    /// A physical memory segment.
    case segment
    /// A virtual memory region.
    case region
    /// A task.
    case task
    /// A thread.
    case thread
    /// A message box.
    case message
    /// A capability.
    case capability
    /// Objects made by tests and tools, not by a kernel manager.
    case test
    /// A timer (reference/timer). Last, so that the kinds before keep
    /// their numbers.
    case timer

    /// The name printed in dumps.
    public var name: StaticString {
        switch self {
        case .set: return "set"
        case .addressSpace: return "as"
        case .segment: return "segment"
        case .region: return "region"
        case .task: return "task"
        case .thread: return "thread"
        case .message: return "message"
        case .capability: return "capability"
        case .test: return "test"
        case .timer: return "timer"
        }
    }
}

/// Hands out identifiers, unique per kind of object.
public enum IdentifierManager {
    /// Bits of an identifier that hold the serial number.
    static let serialBits: UInt64 = 56
    /// The largest serial number.
    static let maximumSerial: UInt64 = (1 << serialBits) - 1

    /// The last serial number given out, per kind (index: the raw value).
    nonisolated(unsafe) static var lastSerial = [UInt64](repeating: 0, count: 256)
    /// True between `initialize` and `clean`.
    nonisolated(unsafe) static var initialized = false

    /// Starts the manager: no identifier has been given out yet.
    ///
    /// Steps: 1. refuse a second start; 2. reset every counter.
    public static func initialize() throws(KernelError) {
        // 1.
        if initialized {
            throw KernelError.busy
        }
        // 2.
        for index in lastSerial.indices {
            lastSerial[index] = 0
        }
        initialized = true
    }

    /// Stops the manager. Identifiers given out before are forgotten.
    public static func clean() {
        initialized = false
    }

    /// A new identifier for an object of `kind`.
    ///
    /// Steps: 1. refuse when this kind has used every serial number;
    /// 2. take the next serial number; 3. put the kind on top.
    public static func reserve(_ kind: ObjectKind) throws(KernelError) -> Identifier {
        // 1.
        let index = Int(kind.rawValue)
        if lastSerial[index] == maximumSerial {
            throw KernelError.exhausted
        }
        // 2.
        lastSerial[index] += 1
        // 3.
        return UInt64(kind.rawValue) << serialBits | lastSerial[index]
    }

    /// Gives back an identifier. Identifiers are never reused, so this only
    /// checks that `identifier` was really given out.
    public static func release(_ identifier: Identifier) throws(KernelError) {
        if !exist(identifier) {
            throw KernelError.unknownIdentifier
        }
    }

    /// True if `identifier` was given out by this manager.
    public static func exist(_ identifier: Identifier) -> Bool {
        guard kind(of: identifier) != nil else {
            return false
        }
        let serial = identifier & maximumSerial
        return serial != 0 && serial <= lastSerial[Int(identifier >> serialBits)]
    }

    /// The kind of object `identifier` names, if it names a known kind.
    public static func kind(of identifier: Identifier) -> ObjectKind? {
        ObjectKind(rawValue: UInt8(identifier >> serialBits))
    }

    /// Prints one identifier and what it names.
    public static func show(_ identifier: Identifier) {
        let kind = kind(of: identifier)?.name ?? "unknown"
        print("id 0x\(hexadecimal(identifier)) kind=\(kind) serial=\(identifier & maximumSerial)")
    }

    /// Prints how many identifiers each kind has used.
    public static func dump() {
        print("identifiers:")
        for kind in ObjectKind.allCases {
            print("  \(kind.name) \(lastSerial[Int(kind.rawValue)])")
        }
    }
}

/// `value` in hexadecimal, zero-padded to `digits` digits, without "0x".
public func hexadecimal(_ value: UInt64, digits: Int = 16) -> String {
    let text = String(value, radix: 16)
    if text.utf8.count >= digits {
        return text
    }
    return String(repeating: "0", count: digits - text.utf8.count) + text
}
