// assignments/06-ipc/hidden/ipc_hidden_tests.swift -- the hidden tests of
// 06-ipc: two ping-pongs at once, a thousand null calls, blocking on both
// sides of a message, sixteen programs at once, and more lies.

import Kernel
import Machine

/// Two ping-pongs at once (64 bytes asynchronously, 3,000 synchronously,
/// 20 rounds each): their messages never mix.
func test_message_pairs_apart() throws(TestFailure) {
    try ipcStart()
    var programs: [ProgramManager.Started] = []
    for (size, synchronous) in [(UInt32(64), false), (UInt32(3000), true)] {
        let pong = try startProgram("pong", [20, size, synchronous ? 1 : 0])
        let ping = try startProgram("ping", [UInt32(truncatingIfNeeded: pong.task),
                                             UInt32(truncatingIfNeeded: pong.task >> 32), size,
                                             20 | (synchronous ? 0x1_0000 : 0)])
        programs += [ping, pong]
    }
    let values = try exitValues(programs, forAtMost: 5000)
    check("both_pairs") { () throws(TestFailure) in
        for (index, name) in ["ping 64", "pong 64", "ping 3000", "pong 3000"].enumerated() {
            try expectExit(values[index], 20, "\(name)'s exit value (rounds done)")
        }
    }
}

/// A thousand null system calls all succeed; identity names the caller.
func test_syscall_null_identity() throws(TestFailure) {
    try ipcStart()
    let calls = SystemCallManager.calls
    let program = try startProgram("messages", [9])
    let value = try exitValues([program])[0]
    check("null_identity") { () throws(TestFailure) in
        try expectExit(value, program.task & 0xFFFF_FFFF, "the low word of the identity the program was told")
        try expect(SystemCallManager.calls >= calls + 1000, "\(SystemCallManager.calls - calls) system calls counted"
                   + " for a thousand null calls")
    }
}

/// A transmit blocks its sender until its own message is taken: here by
/// the kernel's own task, which checks bytes and sender. Two
/// transmitters wait in one box; taking the first message frees the
/// first transmitter only.
func test_message_transmit_blocks() throws(TestFailure) {
    try ipcStart()
    let kernel = TaskManager.kernel
    try expectSuccess("register type 5 for the kernel's task") { () throws(KernelError) in
        try MessageManager.register(kernel, type: 5, maximumSize: 100)
    }
    let words = [UInt32(truncatingIfNeeded: kernel), UInt32(truncatingIfNeeded: kernel >> 32)]
    let first = try startProgram("messages", [10] + words)
    let queued = try runUntil(forAtMost: 500) { (try? MessageManager.get(kernel, type: 5).queued.count) == 1 }
    let second = try startProgram("messages", [10] + words)
    let both = try runUntil(forAtMost: 500) { (try? MessageManager.get(kernel, type: 5).queued.count) == 2 }
    _ = try runUntil(forAtMost: 50) { false }
    check("blocked") { () throws(TestFailure) in
        try expect(queued && both, "the programs' messages never reached the kernel's box\(programNote(0))")
        for program in [first, second] {
            let state = try threadState(program.thread)
            try expect(state == .blocked, "a transmitting thread, its message not taken, is \(state.name), not blocked")
        }
    }
    check("taken") { () throws(TestFailure) in
        let message = try expectSuccess("poll the kernel's box") { () throws(KernelError) in
            try MessageManager.poll(kernel, type: 5)
        }
        try expect(message?.sender == first.task, "the first message's sender is not the first program's task")
        try expectEqual(message?.bytes.count ?? 0, 100, "the message's size")
        let right = (message?.bytes ?? []).enumerated().allSatisfy { index, byte in byte == patternByte(index, seed: 10) }
        try expect(right, "the message's bytes are not those the program sent")
        try expectExit(try exitValues([first])[0], 0, "the first program's exit value (transmit's status, once taken)")
        let state = try threadState(second.thread)
        try expect(state == .blocked, "the second transmitter, its message still queued, is \(state.name), not blocked")
        _ = try expectSuccess("poll the second message") { () throws(KernelError) in
            try MessageManager.poll(kernel, type: 5)
        }
        try expectExit(try exitValues([second])[0], 0, "the second program's exit value, once its message was taken")
    }
}

/// A receive blocks until a message comes: here sent by the kernel's task.
func test_message_receive_blocks() throws(TestFailure) {
    try ipcStart()
    let kernel = TaskManager.kernel
    let program = try startProgram("messages", [11, UInt32(truncatingIfNeeded: kernel), UInt32(truncatingIfNeeded: kernel >> 32)])
    _ = try runUntil(forAtMost: 100) { false }
    check("blocked") { () throws(TestFailure) in
        let state = try threadState(program.thread)
        try expect(state == .blocked, "the receiving thread, with nothing to receive, is \(state.name), not blocked")
    }
    check("woken") { () throws(TestFailure) in
        let bytes = (0..<50).map { patternByte($0, seed: 11) }
        try expectSuccess("send 50 bytes to the program") { () throws(KernelError) in
            try MessageManager.send(to: program.task, type: 1, bytes, from: kernel)
        }
        try expectExit(try exitValues([program])[0], 0,
                       "the program's exit value (0xbad000SS: step SS went wrong: 1 status, 2 size, 3 sender, 4 bytes)")
    }
}

/// Sixteen programs at once each end with their own value, and every
/// page comes back.
func test_program_many() throws(TestFailure) {
    try ipcStart()
    let free = try expectSuccess("free memory") { () throws(KernelError) in try SegmentManager.freeBytes() }
    var programs: [ProgramManager.Started] = []
    for index in 0..<16 {
        programs.append(try startProgram("hello", [UInt32(100 + index)]))
    }
    let values = try exitValues(programs, forAtMost: 5000)
    check("values") { () throws(TestFailure) in
        for (index, value) in values.enumerated() {
            try expectExit(value, UInt64(100 + index), "program \(index)'s exit value")
        }
    }
    check("pages_back") { () throws(TestFailure) in
        let after = try expectSuccess("free memory") { () throws(KernelError) in try SegmentManager.freeBytes() }
        try expectEqual(after, free, "free bytes after sixteen programs were released")
    }
}

/// More lies: a message past the largest size, boxes of no size or of
/// 2 GiB, the last page below the region window; and a truth at the edge:
/// a run that ends where its region ends.
func test_syscall_more_lies() throws(TestFailure) {
    try ipcStart()
    check("sizes") { () throws(TestFailure) in
        try expectRefusal(15, .outOfRange, "send 70,000 bytes (more than a message may hold)")
        let out = UInt64(KernelError.outOfRange.status)
        try expectExit(try hostile(16), out << 8 | out, "register boxes of 0 bytes and of 2 GiB (status << 8 | status)")
    }
    check("below_window") { () throws(TestFailure) in
        try expectRefusal(17, .outOfRange, "print 16 bytes at 0x3ffff000 (the kernel's mapping)")
    }
    check("region_edge") { () throws(TestFailure) in
        // The last 16 bytes of the program's stack region, which nothing
        // maps after: all of them are the program's, so the send is
        // fine; the byte after the run must not be looked at.
        let program = try startProgram("hostile", [18])
        let end = try expectSuccess("find the end of the program's stack region") { () throws(KernelError) in
            let space = try TaskManager.get(program.task).space
            return try RegionManager.get(space, ThreadManager.get(program.thread).stackRegion).end
        }
        let words = [UInt32(truncatingIfNeeded: end), 0]
        let bytes = words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
        let sent = try runUntil(forAtMost: 500) {
            (try? MessageManager.send(to: program.task, type: 1, bytes, from: TaskManager.kernel)) != nil
        }
        try expect(sent, "the program never registered type 1\(programNote(0))")
        try expectExit(try exitValues([program])[0], 0,
                       "send the 16 bytes that end the program's stack region at 0x\(hexadecimal(end))"
                       + " (the byte after them is no business of the check)")
    }
}

/// The kernel's own calls: a box for a task that does not exist, boxes
/// of no size and past the largest, a transmit or a receive from the boot
/// context (which cannot wait): each refused, nothing registered. Boxes
/// of the smallest and the largest size are accepted.
func test_message_kernel_side() throws(TestFailure) {
    try ipcStart()
    let kernel = TaskManager.kernel
    check("register") { () throws(TestFailure) in
        try expectError(.unknownIdentifier, "register a box for a task that does not exist") { () throws(KernelError) in
            try MessageManager.register(kernel + 0x7777, type: 1, maximumSize: 16)
        }
        try expectError(.outOfRange, "register a box of 0 bytes") { () throws(KernelError) in
            try MessageManager.register(kernel, type: 1, maximumSize: 0)
        }
        try expectError(.outOfRange, "register a box of 65,537 bytes") { () throws(KernelError) in
            try MessageManager.register(kernel, type: 1, maximumSize: MessageManager.largestMessage + 1)
        }
        try expectError(.invalidArgument, "get the box no refused call registered") { () throws(KernelError) in
            _ = try MessageManager.get(kernel, type: 1)
        }
        try expectSuccess("register a box of 1 byte (the smallest)") { () throws(KernelError) in
            try MessageManager.register(kernel, type: 3, maximumSize: 1)
        }
        try expectSuccess("register a box of 65,536 bytes (the largest)") { () throws(KernelError) in
            try MessageManager.register(kernel, type: 4, maximumSize: MessageManager.largestMessage)
        }
    }
    check("boot_context") { () throws(TestFailure) in
        try expectSuccess("register a box for the kernel's task") { () throws(KernelError) in
            try MessageManager.register(kernel, type: 2, maximumSize: 16)
        }
        try expectError(.invalidArgument, "transmit from the boot context") { () throws(KernelError) in
            try MessageManager.transmit(to: kernel, type: 2, [1, 2, 3])
        }
        try expectError(.invalidArgument, "receive on an empty box from the boot context") { () throws(KernelError) in
            _ = try MessageManager.receive(type: 2)
        }
        let queued = try expectSuccess("get the box") { () throws(KernelError) in try MessageManager.get(kernel, type: 2) }
        try expectEqual(queued.queued.count, 0, "messages queued by a refused transmit")
    }
}

/// A transmitter waiting on a task that is released is started and told
/// its message was lost (`unknownIdentifier`); the task's boxes are gone.
func test_message_receiver_released() throws(TestFailure) {
    try ipcStart()
    let receiver = try expectSuccess("reserve a task with no thread") { () throws(KernelError) in
        try TaskManager.reserve(.service, .timesharing, priority: 100)
    }
    try expectSuccess("register type 5 for it") { () throws(KernelError) in
        try MessageManager.register(receiver, type: 5, maximumSize: 100)
    }
    let program = try startProgram("messages", [10, UInt32(truncatingIfNeeded: receiver),
                                                UInt32(truncatingIfNeeded: receiver >> 32)])
    let queued = try runUntil(forAtMost: 500) { (try? MessageManager.get(receiver, type: 5).queued.count) == 1 }
    check("lost") { () throws(TestFailure) in
        try expect(queued, "the program's message never reached the box\(programNote(0))")
        try expectSuccess("release the receiving task") { () throws(KernelError) in try TaskManager.release(receiver) }
        try expectExit(try exitValues([program])[0], UInt64(KernelError.unknownIdentifier.status),
                       "the transmitter's exit value (transmit's status: 1, unknown identifier, its message lost)")
        try expectError(.invalidArgument, "get the released task's box") { () throws(KernelError) in
            _ = try MessageManager.get(receiver, type: 5)
        }
    }
}

/// The byte `index` of the pattern of `seed` (as programs/lib/buffer.swift).
func patternByte(_ index: Int, seed: UInt32) -> UInt8 {
    UInt8(truncatingIfNeeded: UInt32(truncatingIfNeeded: index) &* 31 &+ seed &* 7 &+ UInt32(truncatingIfNeeded: index >> 8))
}

/// The state of the thread `thread`.
func threadState(_ thread: Identifier) throws(TestFailure) -> ExecutionState {
    try expectSuccess("get thread 0x\(hexadecimal(thread))") { () throws(KernelError) in
        try ThreadManager.get(thread).lifecycle.state
    }
}
