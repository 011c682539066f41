// assignments/06-ipc/hidden/capability_hidden_tests.swift -- the hidden
// tests of 06-ipc on what the kit gives: messages that leave the node
// under the global policy (a loopback), and timers delivered as messages.

import Kernel
import Machine

/// Under the global policy a message leaving the node carries a code
/// the receiving side checks: a frame changed on the wire is dropped.
/// Control: under the local policy nothing is checked and the same
/// change goes through.
func test_capability_global() throws(TestFailure) {
    try ipcStart()
    let kernel = TaskManager.kernel
    try expectSuccess("register type 7 for the kernel's task") { () throws(KernelError) in
        try MessageManager.register(kernel, type: 7, maximumSize: 64)
    }
    let payload = Array("across the wire".utf8)
    /// Sends the payload to the kernel's task through the loopback,
    /// lets `change` spoil the frame on the wire, and delivers it.
    func loopback(_ change: (inout NodeFrame) -> Void) throws(TestFailure) -> Int {
        try expectSuccess("send through the loopback") { () throws(KernelError) in
            try NodeLink.send(toNode: CapabilityManager.node, task: kernel, type: 7, payload, from: kernel)
        }
        try expectEqual(NodeLink.wire.count, 1, "frames on the wire")
        change(&NodeLink.wire[0])
        return NodeLink.deliver()
    }
    func queued() -> [Message] {
        (try? MessageManager.get(kernel, type: 7).queued) ?? []
    }
    CapabilityManager.choose(.global)
    check("delivered") { () throws(TestFailure) in
        try expectEqual(try loopback { _ in }, 1, "frames delivered intact")
        try expect(queued().last?.bytes == payload && queued().last?.sender == kernel,
                   "the kernel's task did not get the payload from itself")
    }
    check("tampered") { () throws(TestFailure) in
        let forged = NodeLink.forged
        try expectEqual(try loopback { $0.bytes[0] ^= 1 }, 0, "frames delivered with a byte changed")
        try expectEqual(try loopback { $0.type = 8 }, 0, "frames delivered with their type changed")
        try expectEqual(try loopback { $0.sender = 1 }, 0, "frames delivered with their sender changed")
        try expectEqual(NodeLink.forged - forged, 3, "frames counted as forged")
        try expectEqual(queued().count, 1, "messages queued")
    }
    check("local_control") { () throws(TestFailure) in
        CapabilityManager.choose(.local)
        try expectEqual(try loopback { $0.bytes[0] ^= 1 }, 1, "changed frames delivered under the local policy")
        try expectError(.unknownIdentifier, "send to node 2 (there is none)") { () throws(KernelError) in
            try NodeLink.send(toNode: 2, task: kernel, type: 7, payload, from: kernel)
        }
    }
    CapabilityManager.choose(.local)
}

/// A repeating timer delivered as messages: five expiries 10 ms apart
/// reach a program from the kernel's task; once the program is gone its
/// expiries are counted missed.
func test_timer_message() throws(TestFailure) {
    try ipcStart()
    let kernel = TaskManager.kernel
    let ticker = try startProgram("ticker", [5] + taskWords(kernel))
    let registered = try runUntil(forAtMost: 500) {
        (try? MessageManager.get(ticker.task, type: TimerManager.messageType)) != nil
    }
    try expect(registered, "the ticker never registered its box for timer messages\(programNote(0))")
    let timer = try expectSuccess("reserve a 10 ms repeating timer for the ticker") { () throws(KernelError) in
        try TimerManager.reserve(delay: 10, repeats: true, messageTo: ticker.task)
    }
    let value = try exitValues([ticker])[0]
    check("expiries") { () throws(TestFailure) in
        try expectExit(value, 5 | 40 << 8, "the ticker's exit value (5 expiries, 40 ms from the first to the last)")
    }
    check("missed") { () throws(TestFailure) in
        let missed = TimerManager.missedMessages
        _ = try runUntil(forAtMost: 30) { false }
        try expect(TimerManager.missedMessages >= missed + 2,
                   "\(TimerManager.missedMessages - missed) expiries counted missed in 30 ms after the program ended")
        try expectError(.unknownIdentifier, "reserve a message timer for a task that does not exist") {
            () throws(KernelError) in
            _ = try TimerManager.reserve(delay: 10, messageTo: ticker.task)
        }
    }
    try expectSuccess("release the timer") { () throws(KernelError) in try TimerManager.release(timer) }
}
