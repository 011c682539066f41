// programs/lib/system.swift -- the system calls, as a program calls them.
//
// Each function packs its arguments into the words of the kernel's
// convention (reference/syscall/system_call.swift lists the numbers) and
// traps with `user_system_call` (start.S). A status of 0 is success; any
// other is the kernel's error, numbered as `KernelError.status` numbers
// them (1 unknown identifier, 2 duplicate, 3 empty, 4 out of range,
// 5 invalid argument, 6 exhausted, 7 permission denied, 8 busy, ...).

internal import User

/// What a receive or a poll brought.
struct Received {
    /// 0, or the kernel's error.
    let status: UInt32
    /// The message's size in bytes.
    let size: UInt32
    /// The task that sent it.
    let sender: UInt64
}

/// The kernel's services.
enum System {
    /// Status words programs test for (the kernel's numbering).
    static let ok: UInt32 = 0
    /// `empty`: a poll found nothing.
    static let empty: UInt32 = 3
    /// `outOfRange`.
    static let outOfRange: UInt32 = 4
    /// `permissionDenied`: a capability the kernel does not honour.
    static let permissionDenied: UInt32 = 7

    /// Traps with `number` and up to five argument words.
    static func call(_ number: UInt32, _ a0: UInt32 = 0, _ a1: UInt32 = 0, _ a2: UInt32 = 0, _ a3: UInt32 = 0,
                     _ a4: UInt32 = 0) -> UInt32 {
        user_system_call(number, a0, a1, a2, a3, a4, nil)
    }

    /// A system call that does nothing (its cost is the trap's).
    static func null() -> UInt32 {
        call(0)
    }

    /// Prints `count` bytes at `address` (256 at most).
    static func print(_ address: UnsafeRawPointer, _ count: Int) -> UInt32 {
        call(1, word(address), UInt32(truncatingIfNeeded: count))
    }

    /// Ends the program (its one thread) with `value`.
    static func exit(_ value: UInt32) -> Never {
        _ = call(2, value)
        while true {}
    }

    /// Lets another thread run.
    static func yield() -> UInt32 {
        call(3)
    }

    /// The program's own task.
    static func identity() -> UInt64 {
        var values: (UInt32, UInt32, UInt32) = (0, 0, 0)
        _ = withUnsafeMutablePointer(to: &values) { pointer in
            user_system_call(4, 0, 0, 0, 0, 0, UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: UInt32.self))
        }
        return UInt64(values.0) | UInt64(values.1) << 32
    }

    /// Accepts messages of `type` up to `maximumSize` bytes.
    static func register(type: UInt32, maximumSize: Int) -> UInt32 {
        call(5, type, UInt32(truncatingIfNeeded: maximumSize))
    }

    /// Sends `count` bytes at `address` to `task` as a `type` message.
    static func send(to task: UInt64, type: UInt32, _ address: UnsafeRawPointer, _ count: Int) -> UInt32 {
        call(6, UInt32(truncatingIfNeeded: task), UInt32(truncatingIfNeeded: task >> 32), type, word(address),
             UInt32(truncatingIfNeeded: count))
    }

    /// As `send`, waiting until the receiver took the message.
    static func transmit(to task: UInt64, type: UInt32, _ address: UnsafeRawPointer, _ count: Int) -> UInt32 {
        call(7, UInt32(truncatingIfNeeded: task), UInt32(truncatingIfNeeded: task >> 32), type, word(address),
             UInt32(truncatingIfNeeded: count))
    }

    /// Takes the oldest `type` message into the `capacity` bytes at
    /// `address`, waiting for one.
    static func receive(type: UInt32, _ address: UnsafeMutableRawPointer, _ capacity: Int) -> Received {
        take(8, type, address, capacity)
    }

    /// As `receive`, but `empty` at once when nothing is queued.
    static func poll(type: UInt32, _ address: UnsafeMutableRawPointer, _ capacity: Int) -> Received {
        take(9, type, address, capacity)
    }

    /// Writes into `result` a weaker copy of the capability at
    /// `capability`, allowing `operations` only (some of its own).
    static func restrict(_ capability: UnsafeRawPointer, to operations: UInt32,
                         into result: UnsafeMutableRawPointer) -> UInt32 {
        call(10, word(capability), operations, word(result))
    }

    /// Kills the capability at `capability` and every capability
    /// restricted from it.
    static func invalidate(_ capability: UnsafeRawPointer) -> UInt32 {
        call(11, word(capability))
    }

    /// Gives the capability at `capability` (it needs `grant`) to `task`.
    static func give(_ capability: UnsafeRawPointer, to task: UInt64) -> UInt32 {
        call(12, word(capability), UInt32(truncatingIfNeeded: task), UInt32(truncatingIfNeeded: task >> 32))
    }

    /// Copies `count` bytes from `offset` of the segment the capability
    /// at `capability` names (it needs `read`) to `address`.
    static func readSegment(_ capability: UnsafeRawPointer, offset: Int, into address: UnsafeMutableRawPointer,
                            _ count: Int) -> UInt32 {
        call(13, word(capability), UInt32(truncatingIfNeeded: offset), word(address),
             UInt32(truncatingIfNeeded: count))
    }

    /// Copies `count` bytes at `address` to `offset` of the segment the
    /// capability at `capability` names (it needs `write`).
    static func writeSegment(_ capability: UnsafeRawPointer, offset: Int, from address: UnsafeRawPointer,
                             _ count: Int) -> UInt32 {
        call(14, word(capability), UInt32(truncatingIfNeeded: offset), word(address),
             UInt32(truncatingIfNeeded: count))
    }

    /// A receive (8) or a poll (9).
    static func take(_ number: UInt32, _ type: UInt32, _ address: UnsafeMutableRawPointer, _ capacity: Int)
        -> Received
    {
        var values: (UInt32, UInt32, UInt32) = (0, 0, 0)
        let status = withUnsafeMutablePointer(to: &values) { pointer in
            user_system_call(number, type, word(address), UInt32(truncatingIfNeeded: capacity), 0, 0,
                           UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: UInt32.self))
        }
        return Received(status: status, size: values.0, sender: UInt64(values.1) | UInt64(values.2) << 32)
    }

    /// A pointer as the 32-bit word the kernel expects.
    static func word(_ address: UnsafeRawPointer) -> UInt32 {
        UInt32(truncatingIfNeeded: UInt(bitPattern: address))
    }
}
