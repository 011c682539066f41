// reference/syscall/capability_calls.swift -- the system calls that take
// a capability: a program hands the kernel a capability it keeps in its
// own memory (40 bytes, `Capability.bytes`), and the kernel honours it
// or says no.
//
//     number  call            arguments                        values
//     10      restrict        capability, operations, result   -
//     11      invalidate      capability                       -
//     12      give            capability, task (low, high)     -
//     13      read segment    capability, offset, address,     -
//                             count
//     14      write segment   as read segment                  -
//
// Every call first makes the capability *presented*: its bytes are read
// from the caller's memory (UserMemory checks the pointer), it must
// verify (CapabilityManager: a live record, the same fields, the right
// check field under the local and global policies) and the caller must
// hold it. A capability copied out of another task's messages is not
// the caller's until it is given. Then the call asks for the operations
// it needs: reading a segment needs `read`, writing it `write`, giving
// `grant`. Any refusal is `permissionDenied` and says no more.
//
// These calls are the kit's, not an assignment's: `SystemCallManager`
// hands them here before its own table.

import Machine

/// The system calls on capabilities, numbered as programs see them
/// (after `SystemCallNumber`'s).
public enum CapabilityCallNumber: UInt32, Sendable {
    /// A weaker copy of a capability, written at a result address.
    case restrict = 10
    /// Kills a capability and every capability restricted from it.
    case invalidate = 11
    /// Gives a capability to another task (it needs `grant`).
    case give = 12
    /// Copies bytes of the segment a capability names into the caller's
    /// memory (it needs `read`).
    case readSegment = 13
    /// Copies bytes of the caller's memory into the segment a capability
    /// names (it needs `write`).
    case writeSegment = 14
}

/// Answers the system calls that take a capability.
enum CapabilityCalls {
    /// Does the call `number` for the task `task`.
    ///
    /// Steps: 1. read and check the presented capability; 2. do the call.
    static func perform(_ number: CapabilityCallNumber, _ call: SystemCall, task: Identifier) throws(KernelError) {
        let words = call.arguments
        // 1.
        let capability = try presented(task, at: UInt64(words[0]))
        // 2.
        switch number {
        case .restrict:
            let result = UInt64(words[2])
            try UserMemory.check(TaskManager.space(of: task), result, UInt64(Capability.size), .write)
            let weaker = try CapabilityManager.restrict(capability, to: CapabilityOperations(rawValue: words[1]))
            try UserMemory.write(task, at: result, weaker.bytes)
        case .invalidate:
            try CapabilityManager.invalidate(capability)
        case .give:
            let receiver = UInt64(words[1]) | UInt64(words[2]) << 32
            try CapabilityManager.give(capability, from: task, to: receiver)
        case .readSegment:
            let segment = try segment(of: capability, needs: .read)
            let address = UInt64(words[2]), count = UInt64(words[3])
            try UserMemory.check(TaskManager.space(of: task), address, count, .write)
            let bytes = try SegmentManager.read(segment, offset: UInt64(words[1]), count: count)
            try UserMemory.write(task, at: address, bytes)
        case .writeSegment:
            let segment = try segment(of: capability, needs: .write)
            let bytes = try UserMemory.read(task, at: UInt64(words[2]), count: UInt64(words[3]))
            try SegmentManager.write(segment, offset: UInt64(words[1]), bytes: bytes)
        }
    }

    // excerpt: capability-presented
    /// The capability at `address` in the task's memory, once it verifies
    /// and the task holds it (`permissionDenied` otherwise; the pointer's
    /// own errors as UserMemory gives them).
    static func presented(_ task: Identifier, at address: UInt64) throws(KernelError) -> Capability {
        let bytes = try UserMemory.read(task, at: address, count: UInt64(Capability.size))
        guard let capability = Capability(bytes: bytes) else {
            throw KernelError.permissionDenied
        }
        try CapabilityManager.verify(capability, needs: [])
        if !CapabilityManager.holds(task, capability) {
            throw KernelError.permissionDenied
        }
        return capability
    }
    // end excerpt

    /// The segment `capability` names, if it allows `needs`
    /// (`permissionDenied` otherwise, `invalidArgument` if it names no
    /// segment).
    static func segment(of capability: Capability, needs: CapabilityOperations) throws(KernelError) -> Identifier {
        try CapabilityManager.verify(capability, needs: needs)
        guard IdentifierManager.kind(of: capability.object) == .segment else {
            throw KernelError.invalidArgument
        }
        return capability.object
    }
}
