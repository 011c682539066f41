// assignments/06-ipc/tests/capability_tests.swift -- a program uses the
// capabilities it was given, and the kernel honours exactly those: a
// restricted one cannot write, a forged or widened one is refused, an
// invalidated one and its children die, one it does not hold is not its.

import Kernel
import Machine

/// The last step programs/keeper.swift reports, and its exit value when
/// every step went as expected.
let keeperSteps: UInt64 = 16
let keeperDone: UInt64 = 0x600D

/// The step the keeper stopped at (past the last when it did them all).
func keeperStep(_ value: UInt64) -> UInt64 {
    value == keeperDone ? keeperSteps + 1 : (value >> 8) & 0xFF
}

/// Fails unless the keeper went past `step`, saying where it stopped and
/// what the kernel answered there.
func expectKeeperPast(_ step: UInt64, _ value: UInt64, _ what: String) throws(TestFailure) {
    let reached = keeperStep(value)
    if reached <= step {
        let said = value & 0xFF == 0xEE ? "the call succeeded but the bytes were wrong"
            : "the kernel answered status \(value & 0xFF)"
        throw TestFailure("\(what): the program stopped at step \(reached) of programs/keeper.swift (\(said))"
                          + "\(programNote(value))")
    }
}

/// The keeper gets a capability for a kernel segment (read, write,
/// grant) and one it does not hold, and tries them all.
func test_capability_rights() throws(TestFailure) {
    try ipcStart()
    let kernel = TaskManager.kernel
    let space = try expectSuccess("get the kernel's task") { () throws(KernelError) in
        try TaskManager.get(kernel).space
    }
    let segment = try expectSuccess("reserve a segment") { () throws(KernelError) in
        try SegmentManager.reserve(space, size: 4096, permissions: [.read, .write])
    }
    let keeper = try startProgram("keeper", taskWords(kernel))
    let first = try expectSuccess("reserve the keeper's capability") { () throws(KernelError) in
        try CapabilityManager.reserve(segment, [.read, .write, .grant], holder: keeper.task)
    }
    let notHeld = try expectSuccess("reserve the kernel's capability") { () throws(KernelError) in
        try CapabilityManager.reserve(segment, [.read], holder: kernel)
    }
    let registered = try runUntil(forAtMost: 500) { (try? MessageManager.get(keeper.task, type: 1)) != nil }
    try expect(registered, "the keeper never registered its box for type 1\(programNote(0))")
    try expectSuccess("send the keeper its two capabilities") { () throws(KernelError) in
        try MessageManager.send(to: keeper.task, type: 1, first.bytes + notHeld.bytes, from: kernel)
    }
    let value = try exitValues([keeper])[0]
    check("write") { () throws(TestFailure) in
        try expectKeeperPast(2, value, "writing through a capability with write")
        let written = try expectSuccess("read the segment") { () throws(KernelError) in
            try SegmentManager.read(segment, offset: 0, count: 15)
        }
        try expect(written == Array("keeper was here".utf8), "the segment does not hold what the keeper wrote")
    }
    check("restricted") { () throws(TestFailure) in
        try expectKeeperPast(5, value, "a capability restricted to read: it reads and cannot write")
    }
    check("forged") { () throws(TestFailure) in
        try expectKeeperPast(8, value, "a changed check field, a widened operation word, a widening restrict")
    }
    check("invalidated") { () throws(TestFailure) in
        try expectKeeperPast(12, value, "an invalidated capability and its child are refused, its parent is not")
    }
    check("not_held") { () throws(TestFailure) in
        try expectKeeperPast(13, value, "a capability the program does not hold")
    }
    check("bad_pointers") { () throws(TestFailure) in
        try expectKeeperPast(15, value, "a kernel pointer as result or buffer, a run past the segment")
    }
    check("give") { () throws(TestFailure) in
        try expectKeeperPast(16, value, "giving a capability away (and a dead one)")
        try expectExit(value, keeperDone, "the keeper's exit value")
        try expect(CapabilityManager.holds(kernel, first), "the kernel's task does not hold the capability given to it")
    }
    try expectSuccess("release the segment") { () throws(KernelError) in try SegmentManager.release(segment) }
}

/// A guarded task takes messages from the holders of a capability for it
/// allowing `send`, and from nobody else: programs (programs/messages.swift,
/// mode 3) send to the kernel's task, guarded.
func test_capability_messages() throws(TestFailure) {
    try ipcStart()
    let kernel = TaskManager.kernel
    try expectSuccess("register type 1 for the kernel's task") { () throws(KernelError) in
        try MessageManager.register(kernel, type: 1, maximumSize: 64)
    }
    try expectSuccess("guard the kernel's task") { () throws(KernelError) in
        try CapabilityManager.guardMessages(to: kernel)
    }
    /// Runs a sender given `operations` on the kernel's task (none: no
    /// capability; `invalidated`: one killed before it runs) and returns
    /// the status of its send.
    func sender(_ operations: CapabilityOperations, invalidated: Bool = false) throws(TestFailure) -> UInt64 {
        let program = try startProgram("messages", [3] + taskWords(kernel))
        if !operations.isEmpty {
            let capability = try expectSuccess("reserve the sender's capability") { () throws(KernelError) in
                try CapabilityManager.reserve(kernel, operations, holder: program.task)
            }
            if invalidated {
                try expectSuccess("invalidate it") { () throws(KernelError) in
                    try CapabilityManager.invalidate(capability)
                }
            }
        }
        return try exitValues([program])[0]
    }
    let denied = UInt64(KernelError.permissionDenied.status)
    check("refused_without") { () throws(TestFailure) in
        try expectExit(try sender([]), denied, "a send to a guarded task without a capability")
        try expectExit(try sender(.receive), denied, "a send with a capability that does not allow send")
    }
    check("allowed_with") { () throws(TestFailure) in
        let queued = (try? MessageManager.get(kernel, type: 1).queued.count) ?? 0
        try expectExit(try sender([.send]), 0, "a send with a capability allowing send")
        try expectEqual((try? MessageManager.get(kernel, type: 1).queued.count) ?? 0, queued + 1, "messages queued")
    }
    check("invalidated") { () throws(TestFailure) in
        try expectExit(try sender([.send, .grant], invalidated: true), denied,
                       "a send with an invalidated capability")
    }
    check("open_control") { () throws(TestFailure) in
        CapabilityManager.unguardMessages(to: kernel)
        try expectExit(try sender([]), 0, "a send without a capability once the task is open again")
    }
}
