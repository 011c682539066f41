// assignments/06-ipc/tests/io_tests.swift -- drivers and the hardware: I/O
// ports granted per task, interrupts delivered as messages, and a line
// typed on the serial port that reaches a program through its driver.

import IA32
import Kernel
import Machine

/// The serial line's ports (COM1) and its interrupt line.
let serialPorts: (first: UInt32, count: UInt32) = (0x3F8, 8)
let serialLine: UInt8 = 4
/// The interrupt line the tests raise themselves (nothing is wired to it).
let spareLine: UInt8 = 5

/// Starts the program `name` as a driver (ring 1).
func startDriver(_ name: String, _ arguments: [UInt32] = []) throws(TestFailure) -> ProgramManager.Started {
    try expectSuccess("start the program \(name) as a driver") { () throws(KernelError) in
        try ProgramManager.start(name, taskClass: .driver, arguments: arguments)
    }
}

/// Grants the serial ports to `task`.
func grantSerial(_ task: Identifier) throws(TestFailure) {
    try expectSuccess("grant ports 0x3f8-0x3ff") { () throws(KernelError) in
        try IoManager.grant(task, first: serialPorts.first, count: serialPorts.count)
    }
}

/// A driver uses the ports granted to its task and no other; a program
/// gets no grant; a denied port is refused again.
func test_io_rights() throws(TestFailure) {
    try startManagersWithPaging()
    check("granted_port") { () throws(TestFailure) in
        let driver = try startDriver("ports", [1, 0x3FD])
        try grantSerial(driver.task)
        try expect(IoManager.granted(driver.task, port: 0x3FD), "port 0x3fd is not granted after the grant")
        let value = try exitValues([driver])[0]
        try expectExit(value & ~0xFF, 0x100, "a driver reading its granted port 0x3fd (0x100 + the byte)")
    }
    check("refused_port") { () throws(TestFailure) in
        let ungranted = try startDriver("ports", [1, 0x3FD])
        try expectExit(try exitValues([ungranted])[0], Kernel.faultExitValue(13),
                       "a driver reading port 0x3fd with no grant (killed by a general protection fault)")
        let other = try startDriver("ports", [1, 0x60])
        try grantSerial(other.task)
        try expectExit(try exitValues([other])[0], Kernel.faultExitValue(13),
                       "a driver granted 0x3f8-0x3ff reading port 0x60")
    }
    check("denied") { () throws(TestFailure) in
        let driver = try startDriver("ports", [1, 0x3FD])
        try grantSerial(driver.task)
        try expectSuccess("deny port 0x3fd again") { () throws(KernelError) in
            try IoManager.deny(driver.task, first: 0x3FD, count: 1)
        }
        try expect(!IoManager.granted(driver.task, port: 0x3FD), "port 0x3fd is still granted after the denial")
        try expectExit(try exitValues([driver])[0], Kernel.faultExitValue(13), "a driver reading a denied port")
    }
    check("grant_refusals") { () throws(TestFailure) in
        let program = try startProgram("hello", [0])
        try expectError(.permissionDenied, "grant a port to a program") { () throws(KernelError) in
            try IoManager.grant(program.task, first: 0x3F8, count: 1)
        }
        let driver = try startDriver("hello", [0])
        try expectError(.outOfRange, "grant ports past the last (1024)") { () throws(KernelError) in
            try IoManager.grant(driver.task, first: 1020, count: 8)
        }
        try expectError(.outOfRange, "grant no port") { () throws(KernelError) in
            try IoManager.grant(driver.task, first: 0x3F8, count: 0)
        }
        _ = try exitValues([program, driver])
    }
}

/// An interrupt line reserved as a message goes to the task as a
/// one-byte message from the kernel's task; with no box to take it, it
/// is counted missed.
func test_event_message() throws(TestFailure) {
    try startManagersWithPaging()
    let number = EventNumbers.interrupt(spareLine)
    let kernel = TaskManager.kernel
    let driver = try startDriver("ports", [2, EventManager.messageType(of: number)] + taskWords(kernel))
    try expectSuccess("reserve line 5's event as a message to the driver") { () throws(KernelError) in
        try EventManager.reserve(number, .message(task: driver.task))
    }
    _ = try runUntil(forAtMost: 50) { false }
    ia32_raise_irq(spareLine)
    let value = try exitValues([driver])[0]
    check("delivered") { () throws(TestFailure) in
        try expectExit(value, 0x200 | UInt64(number), "the driver's exit value (0x200 + the event it received)"
                       + "\(Kernel.interruptFailures.events.map { "; the dispatch failed: \($0.description)" } ?? "")")
        let event = try expectSuccess("get the event") { () throws(KernelError) in try EventManager.get(number) }
        try expectEqual(event.delivered, 1, "the event's deliveries")
    }
    check("missed_without_box") { () throws(TestFailure) in
        try expectSuccess("release the event") { () throws(KernelError) in try EventManager.release(number) }
        let boxless = try expectSuccess("reserve a task with no box") { () throws(KernelError) in
            try TaskManager.reserve(.driver, .timesharing, priority: 100)
        }
        try expectSuccess("reserve the event as a message to it") { () throws(KernelError) in
            try EventManager.reserve(number, .message(task: boxless))
        }
        Kernel.interruptFailures.events = nil
        ia32_raise_irq(spareLine)
        Clock.idle()
        Clock.idle()
        let event = try expectSuccess("get the event") { () throws(KernelError) in try EventManager.get(number) }
        try expectEqual(event.missed, 1, "misses of an event whose task has no box for it")
        try expectEqual(event.delivered, 0, "deliveries of an event whose task has no box for it")
    }
}

/// A line typed on the serial port reaches a program: the driver gets
/// IRQ 4 as messages, reads the UART itself, and answers the program's
/// request with the line.
func test_serial_line() throws(TestFailure) {
    try startManagersWithPaging()
    let driver = try startDriver("serial")
    try grantSerial(driver.task)
    try expectSuccess("reserve IRQ 4 as a message to the driver") { () throws(KernelError) in
        try EventManager.reserve(EventNumbers.interrupt(serialLine), .message(task: driver.task))
    }
    let reader = try startProgram("reader", taskWords(driver.task))
    let values = try exitValues([reader, driver], forAtMost: 20_000)
    check("line") { () throws(TestFailure) in
        try expectExit(values[0], 12, "the reader's exit value (the length of \"hello driver\")")
        try expectExit(values[1], 12, "the driver's exit value (the length of the line it served)")
    }
}

/// The words of a task, low then high.
func taskWords(_ task: Identifier) -> [UInt32] {
    [UInt32(truncatingIfNeeded: task), UInt32(truncatingIfNeeded: task >> 32)]
}
