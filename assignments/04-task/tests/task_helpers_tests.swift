// assignments/04-task/tests/task_helpers_tests.swift -- what the task
// and thread tests share: starting the kernel with paging on, tasks and
// threads that must be made, thread bodies written in Swift (ring 0) or
// copied into a task's space (any ring), and running the threads until
// they are done.

import Kernel
import Machine

/// Starts the kernel's managers (once per boot) and turns paging on in
/// the kernel's space: a thread's stack is a region of its task's space.
func executionStart() throws(TestFailure) {
    try startManagersWithPaging()
}

/// The stack every test thread gets: Swift frames, the kernel's calls
/// and the interrupts taken on it fit in 16 KiB.
let threadStack: UInt64 = 16 * 1024

/// A new task of class `taskClass`, timesharing at `priority`, started
/// unless `start` is false.
func startedTask(_ taskClass: TaskClass = .core, priority: UInt8 = 100, start: Bool = true) throws(TestFailure) -> Identifier {
    let task = try expectSuccess("reserve a task of class \(taskClass.rawValue)") { () throws(KernelError) in
        try TaskManager.reserve(taskClass, .timesharing, priority: priority)
    }
    if start {
        try expectSuccess("start task 0x\(hexadecimal(task))") { () throws(KernelError) in try TaskManager.start(task) }
    }
    return task
}

/// A thread body written in Swift: it runs in ring 0, on its own stack.
typealias ThreadBody = @convention(c) () -> Void

/// The address of `body`, as a thread's entry.
func entryAddress(_ body: ThreadBody) -> UInt64 {
    UInt64(UInt(bitPattern: unsafeBitCast(body, to: UnsafeRawPointer.self)))
}

/// A thread of `task` that runs `body` (from its first instruction),
/// started unless `start` is false.
func swiftThread(
    _ task: Identifier, _ body: ThreadBody, priority: UInt8 = 100, start: Bool = true
) throws(TestFailure) -> Identifier {
    let thread = try expectSuccess("reserve a thread") { () throws(KernelError) in
        try ThreadManager.reserve(task, priority: priority, stackSize: threadStack, entry: entryAddress(body))
    }
    if start {
        try expectSuccess("start thread 0x\(hexadecimal(thread))") { () throws(KernelError) in
            try ThreadManager.start(thread)
        }
    }
    return thread
}

// excerpt: exit-thread
/// Ends the running thread with `value`; a kernel that lets it go on
/// fails the test at once (a thread that does not die would run on).
func exitThread(_ value: UInt64) {
    let thread = ThreadManager.current
    do throws(KernelError) {
        try ThreadManager.exit(thread, value: value)
    } catch {
        print("exit of thread 0x\(hexadecimal(thread)) failed: \(error.description)")
    }
    print("KTEST FAIL the thread 0x\(hexadecimal(thread)) ran on after exiting")
    Machine.exit(.fail)
}
// end excerpt

// excerpt: run-threads
/// Runs the threads from the boot context until `done` holds: elects
/// whenever nothing runs and a thread waits in a queue (so every thread
/// that can run has run before `done` is asked), else halts until the
/// next interrupt. False if `milliseconds` of the kernel's clock go by
/// first.
func runThreads(forAtMost milliseconds: UInt64 = 2000, until done: () -> Bool) throws(TestFailure) -> Bool {
    let start = Clock.delivered + Clock.pendingMilliseconds
    while Clock.delivered + Clock.pendingMilliseconds - start <= milliseconds {
        if Scheduler.current() == 0 && (Scheduler.queues?.count ?? 0) > 0 {
            let choice = try expectSuccess("elect a thread") { () throws(KernelError) in try Scheduler.elect() }
            if choice == .idle {
                // Queued threads of tasks that do not run: wait for time.
                if done() { return true }
                Clock.idle()
            }
        } else if done() {
            return true
        } else {
            Clock.idle()
        }
    }
    return false
}
// end excerpt

/// The state of the thread `thread`.
func threadState(_ thread: Identifier) throws(TestFailure) -> ExecutionState {
    try expectSuccess("get thread 0x\(hexadecimal(thread))") { () throws(KernelError) in
        try ThreadManager.get(thread).lifecycle.state
    }
}

/// Fails unless the thread `thread` is in `state`.
func expectState(_ thread: Identifier, _ state: ExecutionState, _ what: String) throws(TestFailure) {
    let actual = try threadState(thread)
    if actual != state {
        throw TestFailure("\(what): expected \(state.name), got \(actual.name)")
    }
}

/// Where a task's probe thread runs: code at `probeCode`, its mailbox
/// at `probeMailbox`, in the task's own space.
let probeCode: UInt64 = 0x5000_0000
let probeMailbox: UInt64 = 0x5001_0000

/// A task's copy of one of the machine's probes (RingProbe), with a
/// mailbox page, and a thread started at it with the mailbox's address
/// as its argument.
struct ProbeThread {
    let task: Identifier
    let thread: Identifier
    let mailbox: Identifier

    /// Copies `code` into a new segment of `task`'s space mapped at
    /// `probeCode`, maps a zeroed mailbox at `probeMailbox`, and reserves
    /// a thread there (started unless `start` is false).
    ///
    /// Steps: 1. the code's segment and region; 2. the mailbox's; 3. the
    /// thread, its argument, its start.
    static func make(_ task: Identifier, code: [UInt8], start: Bool = true) throws(TestFailure) -> ProbeThread {
        let space = try expectSuccess("get task 0x\(hexadecimal(task))") { () throws(KernelError) in
            try TaskManager.get(task).space
        }
        // 1.
        let text = try expectSuccess("reserve the probe's code") { () throws(KernelError) in
            let segment = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write, .execute])
            try SegmentManager.write(segment, offset: 0, bytes: code)
            _ = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize,
                                          options: .forceAddress, address: probeCode)
            return segment
        }
        _ = text
        // 2.
        let mailbox = try expectSuccess("reserve the probe's mailbox") { () throws(KernelError) in
            let segment = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write])
            try SegmentManager.write(segment, offset: 0, bytes: [UInt8](repeating: 0, count: 64))
            _ = try RegionManager.reserve(space, segment: segment, offset: 0, size: pageSize,
                                          options: .forceAddress, address: probeMailbox)
            return segment
        }
        // 3.
        let thread = try expectSuccess("reserve the probe's thread") { () throws(KernelError) in
            let thread = try ThreadManager.reserve(task, priority: 100, stackSize: threadStack, entry: probeCode)
            try ThreadManager.arguments(thread, [UInt32(probeMailbox)])
            if start {
                try ThreadManager.start(thread)
            }
            return thread
        }
        return ProbeThread(task: task, thread: thread, mailbox: mailbox)
    }

    /// Word `index` of the mailbox, read through its segment.
    func word(_ index: Int) throws(TestFailure) -> UInt32 {
        let bytes = try expectSuccess("read the probe's mailbox") { () throws(KernelError) in
            try SegmentManager.read(mailbox, offset: UInt64(index * 4), count: 4)
        }
        return UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
    }
}
