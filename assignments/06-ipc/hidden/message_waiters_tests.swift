// assignments/06-ipc/hidden/message_waiters_tests.swift -- two threads of
// one task waiting in the same box: each message starts one of them, and
// a thread that stops waiting takes only itself off the box's list.

import Kernel
import Machine

/// The first byte each waiter received (0: nothing yet), by waiter.
nonisolated(unsafe) var waiterGot: [UInt8] = [0, 0]

/// Receives one message of type 3 and keeps its first byte as waiter
/// `index`'s, then exits.
func receiveAsWaiter(_ index: Int) {
    if let message = try? MessageManager.receive(type: 3), let first = message.bytes.first {
        waiterGot[index] = first
    }
    try? ThreadManager.exit(ThreadManager.current, value: 0)
}

/// A ring-0 thread body (the thread's first instruction; its task must
/// be of the core class, whose threads run in ring 0).
typealias WaiterBody = @convention(c) () -> Void

/// Starts a thread of `task` that runs `body` on a 16 KiB stack.
func startWaiter(_ task: Identifier, _ body: WaiterBody) throws(TestFailure) -> Identifier {
    let entry = UInt64(UInt(bitPattern: unsafeBitCast(body, to: UnsafeRawPointer.self)))
    return try expectSuccess("start a waiting thread") { () throws(KernelError) in
        let thread = try ThreadManager.reserve(task, priority: 100, stackSize: 16 * 1024, entry: entry)
        try ThreadManager.start(thread)
        return thread
    }
}

/// Two threads wait in one box; a first message wakes one, which takes
/// it and exits; a second message, sent after, must still find the
/// other waiting and wake it.
func test_message_two_waiters() throws(TestFailure) {
    try ipcStart()
    // A core task: its threads run Swift code of the kernel, in ring 0.
    let task = try expectSuccess("reserve and start a core task") { () throws(KernelError) in
        let task = try TaskManager.reserve(.core, .timesharing, priority: 100)
        try TaskManager.start(task)
        try MessageManager.register(task, type: 3, maximumSize: 8)
        return task
    }
    let first = try startWaiter(task) { receiveAsWaiter(0) }
    let second = try startWaiter(task) { receiveAsWaiter(1) }
    let waiting = try runUntil(forAtMost: 200) {
        (try? MessageManager.get(task, type: 3).waiting.count) == 2
    }
    check("both_wait") { () throws(TestFailure) in
        try expect(waiting, "two threads receiving on an empty box: the box lists"
            + " \((try? MessageManager.get(task, type: 3).waiting.count) ?? -1) waiting, not 2")
    }
    check("each_woken") { () throws(TestFailure) in
        try expectSuccess("send the first message") { () throws(KernelError) in
            try MessageManager.send(to: task, type: 3, [0x11], from: TaskManager.kernel)
        }
        let one = try runUntil(forAtMost: 200) { isDead(first) || isDead(second) }
        try expect(one, "one message sent to a box where two threads wait: neither received it")
        try expectSuccess("send the second message") { () throws(KernelError) in
            try MessageManager.send(to: task, type: 3, [0x22], from: TaskManager.kernel)
        }
        let both = try runUntil(forAtMost: 200) { isDead(first) && isDead(second) }
        try expect(both, "a second message, sent once the first waiter was done: the other waiter never got it"
            + " (a thread leaving a box must take only itself off its waiting list)")
        let got = waiterGot.sorted()
        try expect(got == [0x11, 0x22], "the waiters received first bytes 0x\(hexadecimal(UInt64(got[0])))"
            + " and 0x\(hexadecimal(UInt64(got[1]))), not 0x11 and 0x22 (0: nothing)")
    }
}
