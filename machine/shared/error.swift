// machine/shared/error.swift -- the one error type of the kernel.
//
// It lives with the machine contract, below the core, because both sides
// use it: the core throws it, and the machine's hooks throw it to refuse a
// change (machineRefused). Both machines compile this file.
//
// Every manager function that can fail is declared `throws(KernelError)`:
// a bad argument comes back to the caller as a value it must handle (the
// compiler insists), it is counted by the statistics manager, and it never
// traps. Embedded Swift cannot print an arbitrary `Error`, so each case
// knows how to describe itself.

/// Why a kernel operation failed.
public enum KernelError: Error, Equatable, Sendable {
    /// No object has this identifier (or it was released).
    case unknownIdentifier
    /// An object with this identifier is already there.
    case duplicateIdentifier
    /// The container is empty (pop or pick on an empty set, ...).
    case empty
    /// An index, iterator, address or size lies outside what is allowed.
    case outOfRange
    /// An argument makes no sense (a zero size, an unknown option, ...).
    case invalidArgument
    /// The kernel ran out of the resource asked for (memory, identifiers).
    case exhausted
    /// The caller's capability does not allow the operation.
    case permissionDenied
    /// The object is busy or in a state that forbids the operation.
    case busy
    /// The machine layer refused the change the core asked for.
    case machineRefused
    /// The operation is part of an assignment and is not written yet.
    /// Student skeletons return this instead of trapping.
    case notImplemented

    /// A short, stable, human-readable name, used in kernel output and
    /// in test failure messages.
    public var description: String {
        switch self {
        case .unknownIdentifier: return "unknown identifier"
        case .duplicateIdentifier: return "duplicate identifier"
        case .empty: return "empty"
        case .outOfRange: return "out of range"
        case .invalidArgument: return "invalid argument"
        case .exhausted: return "exhausted"
        case .permissionDenied: return "permission denied"
        case .busy: return "busy"
        case .machineRefused: return "refused by the machine"
        case .notImplemented: return "not implemented"
        }
    }
}
