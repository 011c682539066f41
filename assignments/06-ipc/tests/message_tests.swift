// assignments/06-ipc/tests/message_tests.swift -- what the message calls
// answer: an empty poll, too big, to the dead, to an unregistered type,
// a second registration, the reported size and sender, types kept apart,
// and a flood.

import Kernel
import Machine

/// Runs the program messages in `mode` (with `arguments` after it).
func messagesCase(_ mode: UInt32, _ arguments: [UInt32] = []) throws(TestFailure) -> UInt64 {
    let program = try startProgram("messages", [mode] + arguments)
    return try exitValues([program])[0]
}

/// A message call's refusals: each gets its own error, and nothing moves.
func test_message_refusals() throws(TestFailure) {
    try ipcStart()
    check("poll_empty") { () throws(TestFailure) in
        try expectExit(try messagesCase(1), UInt64(KernelError.empty.status), "poll on an empty box (3: empty)")
    }
    check("too_big") { () throws(TestFailure) in
        try expectExit(try messagesCase(2), UInt64(KernelError.outOfRange.status),
                        "a 1,001-byte message to a box of 1,000 (4: out of range)")
    }
    check("dead_task") { () throws(TestFailure) in
        let dead = try startProgram("hello", [0])
        _ = try exitValues([dead])
        let value = try messagesCase(3, [UInt32(truncatingIfNeeded: dead.task), UInt32(truncatingIfNeeded: dead.task >> 32)])
        try expectExit(value, UInt64(KernelError.unknownIdentifier.status),
                        "a message to a task that died (1: unknown identifier)")
    }
    check("unregistered") { () throws(TestFailure) in
        try expectExit(try messagesCase(4), UInt64(KernelError.invalidArgument.status),
                        "a message of a type the receiver never registered (5: invalid argument)")
        try expectExit(try messagesCase(5), UInt64(KernelError.duplicateIdentifier.status),
                        "a second registration of one type (2: duplicate identifier)")
    }
}

/// A message keeps its size, its sender and its bytes; a receiver of one
/// type leaves the messages of another queued; a poll looks at the
/// oldest; the largest message goes through; a flood fills the box up to
/// its limit and no further.
func test_message_types() throws(TestFailure) {
    try ipcStart()
    check("size_sender") { () throws(TestFailure) in
        try expectExit(try messagesCase(6), 0,
                        "send 777 bytes to itself and receive them (0xbad000SS: step SS went wrong:"
                        + " 1 status, 2 size, 3 sender, 4 bytes)")
    }
    check("types_apart") { () throws(TestFailure) in
        try expectExit(try messagesCase(7), 0,
                        "types 1 and 2 queued, 2 received first (0xbad000SS: 1 wrong type-2 message,"
                        + " 2 type 2 not empty after, 3 type-1 message lost or wrong)")
    }
    check("oldest_first") { () throws(TestFailure) in
        try expectExit(try messagesCase(12), 0,
                       "10 then 20 bytes queued, polled into 10 then 20 bytes (0xbad000SS: poll SS failed)")
    }
    check("largest") { () throws(TestFailure) in
        try expectExit(try messagesCase(13), 0,
                       "a message of 65,536 bytes, the largest, sent and received (0xbad000SS: 1 status, 2 size)")
    }
    check("flood") { () throws(TestFailure) in
        let value = try messagesCase(8)
        try expectExit(value, UInt64(KernelError.exhausted.status) << 16 | UInt64(MessageManager.queueLimit),
                        "a flood of sends to one box (status << 16 | messages accepted: 6, exhausted,"
                        + " after \(MessageManager.queueLimit))")
    }
}
