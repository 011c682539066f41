// assignments/06-ipc/tests/program_tests.swift -- programs: loaded from a
// boot module, run in ring 3, end with an exit value.

import Kernel
import Machine

/// The program hello prints a line from ring 3 and exits with the value
/// it was given; its task then gives every page back.
func test_program_hello() throws(TestFailure) {
    try ipcStart()
    let free = try expectSuccess("free memory") { () throws(KernelError) in try SegmentManager.freeBytes() }
    let calls = SystemCallManager.calls
    let hello = try startProgram("hello", [42])
    let values = try exitValues([hello])
    check("exit_value") { () throws(TestFailure) in
        try expectExit(values[0], 42, "hello's exit value (its argument)")
        try expect(SystemCallManager.calls >= calls + 2, "hello made \(SystemCallManager.calls - calls) system calls"
                   + " (a print and an exit at least)")
    }
    check("pages_back") { () throws(TestFailure) in
        let after = try expectSuccess("free memory") { () throws(KernelError) in try SegmentManager.freeBytes() }
        try expectEqual(after, free, "free bytes after the program's task was released")
    }
}
