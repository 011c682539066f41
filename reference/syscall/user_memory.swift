// reference/syscall/user_memory.swift -- reading and writing a program's
// memory on its behalf, never trusting the address it gave.
//
// A system call's pointer is a number the program chose. The kernel could
// dereference it -- ring 0 reaches every page -- and that is the danger:
// a pointer into the kernel would make the kernel read its own secrets
// into a message, or write a received message over its own code. So the
// kernel reads and writes a program's memory only through the program's
// address space (`AddressSpaceManager.read`/`write`), after checking that
// every byte lies in a region of that space whose segment allows the
// access:
//
//     program's space:   [ code r-x ][ data rw- ]  ...  [ stack rw- ]
//     send(buf, 64)          ^ read: fine
//     receive(0x00100000)    no region of the space holds it: outOfRange
//     receive(code, 64)      the segment is not writable: permissionDenied
//
// Regions live only in the region window, above the kernel's identity
// mapping, and a program's space has no privileged region: a kernel
// address is never in one, whatever the program claims.

import Machine

/// A program's memory, checked before the kernel touches it.
enum UserMemory {
    /// The most bytes one call may move (a message at most).
    static var largestRun: UInt64 { UInt64(MessageManager.largestMessage) }

    /// Checks that the `count` bytes at `address` of `space` are all
    /// mapped with `access`: `outOfRange` for a byte no region holds (or
    /// a run past the end of memory, or longer than `largestRun`),
    /// `permissionDenied` for a segment without the access or a
    /// privileged (kernel-only) region. Returns the run's pieces, for
    /// `AddressSpaceManager.read`/`write` to use as they are: the walk
    /// that checks the buffer is the walk that finds it.
    ///
    /// Steps: 1. the run's length; 2. its pieces, each region on the way
    /// admitted only if it is not privileged and its segment allows the
    /// access.
    @discardableResult
    static func check(_ space: Identifier, _ address: UInt64, _ count: UInt64, _ access: SegmentPermissions)
        throws(KernelError) -> [MemoryPiece]
    {
        // BEGIN ASSIGNMENT 06-ipc
        // 1.
        if count > largestRun || address > UInt64(UInt32.max) - count {
            throw KernelError.outOfRange
        }
        // 2.
        return try AddressSpaceManager.pieces(space, address, count) { (region) throws(KernelError) in
            if region.options.contains(.privileged) {
                throw KernelError.permissionDenied
            }
            if try !SegmentManager.segments().read(region.segment, { $0.permissions }).contains(access) {
                throw KernelError.permissionDenied
            }
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// The `count` bytes at `address` of the task `task`'s memory.
    static func read(_ task: Identifier, at address: UInt64, count: UInt64) throws(KernelError) -> [UInt8] {
        let space = try TaskManager.space(of: task)
        return try AddressSpaceManager.read(check(space, address, count, .read))
    }

    /// Writes `bytes` at `address` of the task `task`'s memory.
    static func write(_ task: Identifier, at address: UInt64, _ bytes: [UInt8]) throws(KernelError) {
        let space = try TaskManager.space(of: task)
        try AddressSpaceManager.write(check(space, address, UInt64(bytes.count), .write), bytes: bytes)
    }
}
