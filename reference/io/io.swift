// reference/io/io.swift -- the I/O manager: which ports a task's threads
// may use.
//
// Devices answer on I/O ports (the serial line at 0x3F8-0x3FF, the PIC at
// 0x20 and 0xA0...). The kernel's own threads (ring 0) may use them all.
// Outside ring 0 a thread may use only the ports granted to its task, and
// only drivers get grants: a service or a program that executes `in` or
// `out` faults, is reported and killed, like any other fault (chapter 5).
//
//     io grant  driver 0x..07  ports 0x3f8-0x3ff   -> its threads may read the serial line
//     io grant  program 0x..09 ...                  -> permissionDenied
//
// The machine keeps the grants where the processor checks them (ia32:
// the TSS's I/O bitmap, loaded for the task of every thread it resumes);
// the core checks every request first.

import Machine

/// Grants and denies I/O ports to tasks.
public enum IoManager {
    /// Gives the task `task` the ports [first, first + count).
    /// Errors (nothing changes): `unknownIdentifier` for no such task,
    /// `invalidArgument` for a dead one, `permissionDenied` unless it is
    /// a driver or of the core, `outOfRange` for no port or ports past
    /// `Machine.ioPortCount`.
    public static func grant(_ task: Identifier, first: UInt32, count: UInt32) throws(KernelError) {
        try change(task, first: first, count: count, granted: true)
    }

    /// Takes the ports [first, first + count) back from the task `task`
    /// (errors as `grant`, but any task may lose ports).
    public static func deny(_ task: Identifier, first: UInt32, count: UInt32) throws(KernelError) {
        try change(task, first: first, count: count, granted: false)
    }

    /// True if the threads of the task `task` outside ring 0 may use `port`.
    public static func granted(_ task: Identifier, port: UInt32) -> Bool {
        Machine.ioGranted(task, port: port)
    }

    /// Checks a grant or a denial, then tells the machine.
    ///
    /// Steps: 1. the range; 2. the task, alive, and for a grant its class;
    /// 3. the machine.
    static func change(_ task: Identifier, first: UInt32, count: UInt32, granted: Bool) throws(KernelError) {
        // 1.
        if count == 0 || first >= Machine.ioPortCount || count > Machine.ioPortCount - first {
            throw KernelError.outOfRange
        }
        // 2.
        let found = try TaskManager.get(task)
        if found.lifecycle.state == .zombie {
            throw KernelError.invalidArgument
        }
        if granted && found.taskClass != .driver && found.taskClass != .core {
            throw KernelError.permissionDenied
        }
        // 3.
        try Machine.ioChanged(task, first: first, count: count, granted: granted)
    }
}
