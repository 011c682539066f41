// machine/ia32/io_ports.swift -- which I/O ports each task's threads may
// use outside ring 0.
//
// A thread of ring 1, 2 or 3 runs with IOPL 0 (context.swift's first-run
// flags), so every `in` or `out` it executes is checked against the
// TSS's I/O bitmap (tss.swift): bit p clear, port p allowed. The core
// grants and denies ports per task (reference/io/); this file keeps a
// bitmap per task that has any, and loads the elected thread's task's
// into the TSS on the way to it (context_hooks.swift, schedulerElected):
// 128 bytes copied only when the bitmap changes. A task with no grant gets
// a bitmap of ones: every port refused. Ring 0 is never checked (CPL <=
// IOPL): the core's own threads may use every port.

/// The I/O bitmaps of the tasks that were granted ports.
enum IoPorts {
    /// Ports the bitmap covers: 0 to 1023 (the ISA range: the serial
    /// ports, the PIC, the PIT, the keyboard controller...).
    static let count: UInt32 = 1024

    /// Each task's bitmap, a bit per port, 1: refused.
    nonisolated(unsafe) static var bitmaps: [Identifier: InlineArray<128, UInt8>] = [:]
    /// The task whose bitmap the TSS holds (0: the bitmap of ones, every
    /// port refused, which every task without a grant shares).
    nonisolated(unsafe) static var loaded: Identifier = 0

    /// Grants (`allowed`) or refuses ports [first, first + count) to the
    /// task `task`, and reloads the TSS if its bitmap is the one in use.
    static func set(_ task: Identifier, first: UInt32, count: UInt32, allowed: Bool) {
        var bitmap = bitmaps[task] ?? InlineArray(repeating: 0xFF)
        for port in first..<first + count {
            let bit = UInt8(1) << UInt8(port % 8)
            let index = Int(port / 8)
            bitmap[index] = allowed ? bitmap[index] & ~bit : bitmap[index] | bit
        }
        bitmaps[task] = bitmap
        if loaded == task {
            loaded = 0
            load(task)
        }
    }

    /// True if the task `task` may use `port` outside ring 0.
    static func allows(_ task: Identifier, _ port: UInt32) -> Bool {
        guard port < count, let bitmap = bitmaps[task] else {
            return false
        }
        return bitmap[Int(port / 8)] & (UInt8(1) << UInt8(port % 8)) == 0
    }

    /// Puts the task `task`'s bitmap in the TSS (all ones for a task
    /// with no grant), unless it is there already. Allocates nothing: it
    /// runs on the way back from interrupts. Switching between tasks
    /// without grants, the usual case, costs one test: no lookup, no copy.
    static func load(_ task: Identifier) {
        let owner = bitmaps.isEmpty || bitmaps[task] == nil ? 0 : task
        if owner == loaded {
            return
        }
        Tss.setPorts(bitmaps[owner] ?? InlineArray(repeating: 0xFF))
        loaded = owner
    }

    /// Forgets the task `task` (it is being released).
    static func forget(_ task: Identifier) {
        bitmaps[task] = nil
        if loaded == task {
            loaded = 0
            Tss.setPorts(InlineArray(repeating: 0xFF))
        }
    }
}

extension Machine {
    /// Ports 0 to 1023 can be granted.
    public static var ioPortCount: UInt32 { IoPorts.count }

    /// The core granted or denied ports to a task: its bitmap follows.
    @export(interface)
    public static func ioChanged(_ task: Identifier, first: UInt32, count: UInt32, granted: Bool) throws(KernelError) {
        guard count > 0, first < IoPorts.count, count <= IoPorts.count - first else {
            throw KernelError.machineRefused
        }
        IoPorts.set(task, first: first, count: count, allowed: granted)
    }

    /// True if the task `task`'s threads of rings 1-3 may use `port`.
    @export(interface)
    public static func ioGranted(_ task: Identifier, port: UInt32) -> Bool {
        IoPorts.allows(task, port)
    }
}

extension Machine {
    /// A task goes: its ports go with it.
    @export(interface)
    public static func taskReleasing(_ identifier: Identifier, record: inout TaskRecord) throws(KernelError) {
        IoPorts.forget(identifier)
    }
}
