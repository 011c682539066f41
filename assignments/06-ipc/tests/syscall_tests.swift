// assignments/06-ipc/tests/syscall_tests.swift -- system calls with lies
// in their arguments, and programs that do what ring 3 may not: the kernel
// answers the first with an error status and kills the second, and goes
// on either way.

import Kernel
import Machine

/// Runs the program hostile in `mode` and returns its exit value.
func hostile(_ mode: UInt32) throws(TestFailure) -> UInt64 {
    let program = try startProgram("hostile", [mode])
    return try exitValues([program])[0]
}

/// What a status word means, for messages.
func statusName(_ status: UInt64) -> String {
    if status == 0 {
        return "0 (success)"
    }
    let error = KernelError(status: UInt32(truncatingIfNeeded: status & 0xFF))
    return "\(status) (\(error?.description ?? "no such error"))"
}

/// Runs hostile in `mode` and checks its exit value: the status the
/// kernel returned, plus 0x100 when `leftQueued` (the refused message was
/// still there for a poll).
func expectRefusal(_ mode: UInt32, _ error: KernelError, leftQueued: Bool = false, _ what: String) throws(TestFailure) {
    let value = try hostile(mode)
    let expected = UInt64(error.status) | (leftQueued ? 0x100 : 0)
    if value != expected {
        throw TestFailure("\(what): expected status \(statusName(expected & 0xFF))"
            + (leftQueued ? " with the message still queued (+0x100)" : "") + ", got \(statusName(value & 0xFF))"
            + (value & 0x100 != 0 ? " with the message still queued" : (leftQueued ? " and the message was lost" : ""))
            + programNote(value))
    }
}

/// A pointer into the kernel is refused: the kernel never reads its own
/// memory into a program's print, nor writes a message over its code.
func test_syscall_kernel_pointer() throws(TestFailure) {
    try ipcStart()
    check("print_kernel") { () throws(TestFailure) in
        try expectRefusal(1, .outOfRange, "print 16 bytes at 0x00100000 (the kernel's image)")
    }
    check("receive_kernel") { () throws(TestFailure) in
        try expectRefusal(2, .outOfRange, leftQueued: true, "receive a message at 0x00100000")
    }
}

/// Unmapped, read-only, wrapping and oversized buffers and an unknown call
/// number are refused with the right error; a refused receive loses
/// nothing.
func test_syscall_bad_arguments() throws(TestFailure) {
    try ipcStart()
    check("unmapped") { () throws(TestFailure) in
        try expectRefusal(3, .outOfRange, "send 16 bytes from 0x80000000 (nothing mapped)")
        try expectRefusal(7, .outOfRange, "print 32 bytes from 0xfffffff0 (past the end of memory)")
    }
    check("sizes") { () throws(TestFailure) in
        try expectRefusal(4, .outOfRange, "print 0xffffffff bytes")
        try expectRefusal(8, .outOfRange, leftQueued: true, "receive a 16-byte message into 8 bytes")
    }
    check("read_only") { () throws(TestFailure) in
        try expectRefusal(5, .permissionDenied, leftQueued: true, "receive a message into the program's own code")
    }
    check("unknown_call") { () throws(TestFailure) in
        try expectRefusal(6, .invalidArgument, "system call number 999")
    }
}

/// A program that writes or reads the kernel, touches a port, raises an
/// exception itself or turns interrupts off is killed with a report;
/// the kernel goes on and runs the next program.
func test_program_faults() throws(TestFailure) {
    try ipcStart()
    let cases: [(UInt32, UInt8, String)] = [
        (10, 14, "write into the kernel"), (14, 14, "read the kernel"), (11, 13, "read the serial port"),
        (12, 13, "int $13"), (13, 13, "cli"),
    ]
    check("killed") { () throws(TestFailure) in
        for (mode, exception, what) in cases {
            let value = try hostile(mode)
            try expectExit(value, Kernel.faultExitValue(exception),
                            "the exit value of a program that tried to \(what) (0xdead0000 + the exception)")
        }
    }
    check("kernel_goes_on") { () throws(TestFailure) in
        let hello = try startProgram("hello", [7])
        try expectExit(try exitValues([hello])[0], 7, "hello's exit value after the faults")
    }
}
