// machine/shared/identifier.swift -- the name of every kernel object.
//
// Declared here, with the machine contract, because the machine's hooks
// are told which object changed; the identifier manager that hands them
// out (reference/id/identifier.swift) lives in the core, above.

/// A kernel object's name: the kind in the top byte, a serial number below
/// (see reference/id/identifier.swift for the layout).
public typealias Identifier = UInt64
