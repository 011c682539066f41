// assignments/05-scheduler/tests/scheduler_helpers_tests.swift -- what
// the scheduler, timer and event tests share. A few helpers come from
// assignment 04's tests (an assignment's tests are built into its own
// image only): starting the kernel, tasks and threads, running them from
// the boot context. New here: spinning probes that only the clock can
// preempt, a window that ends them, and guest time.
//
// Every test of this assignment runs under icount (its script says so):
// one instruction is one nanosecond of guest time, and the time-stamp
// counter (`Machine.cycles`) reads those nanoseconds, so every timing
// below is exact and repeats from run to run.

import IA32
import Kernel
import Machine

/// Starts the kernel's managers (once per boot) and turns paging on.
func executionStart() throws(TestFailure) {
    try startManagersWithPaging()
}

/// Starts the kernel and lets the clock preempt (`Scheduler.start`).
func preemptiveStart() throws(TestFailure) {
    try executionStart()
    try expectSuccess("start the scheduler (preemption)") { () throws(KernelError) in try Scheduler.start() }
}

/// The stack every test thread gets.
let threadStack: UInt64 = 16 * 1024

/// A new started task of `taskClass` and `behaviour` at `priority`.
func startedTask(
    _ taskClass: TaskClass = .core, _ behaviour: TaskBehaviour = .timesharing, priority: UInt8 = 100
) throws(TestFailure) -> Identifier {
    try expectSuccess("reserve and start a task of class \(taskClass.rawValue)") { () throws(KernelError) in
        let task = try TaskManager.reserve(taskClass, behaviour, priority: priority)
        try TaskManager.start(task)
        return task
    }
}

/// A thread body written in Swift: it runs in ring 0, on its own stack.
typealias ThreadBody = @convention(c) () -> Void

/// A started thread of `task` that runs `body`, at `priority`.
func swiftThread(_ task: Identifier, _ body: ThreadBody, priority: UInt8 = 100) throws(TestFailure) -> Identifier {
    let entry = UInt64(UInt(bitPattern: unsafeBitCast(body, to: UnsafeRawPointer.self)))
    return try expectSuccess("reserve and start a thread") { () throws(KernelError) in
        let thread = try ThreadManager.reserve(task, priority: priority, stackSize: threadStack, entry: entry)
        try ThreadManager.start(thread)
        return thread
    }
}

/// Ends the running thread with `value`; a kernel that lets it go on
/// fails the test at once.
func exitThread(_ value: UInt64) {
    let thread = ThreadManager.current
    try? ThreadManager.exit(thread, value: value)
    print("KTEST FAIL the thread 0x\(hexadecimal(thread)) ran on after exiting")
    Machine.exit(.fail)
}

/// Puts the running thread to sleep for `milliseconds` of the core's
/// clock; a refusal ends the test.
func sleepFor(_ milliseconds: UInt64) {
    do throws(KernelError) {
        try ThreadManager.sleep(ThreadManager.current, until: TimerManager.clock + milliseconds)
    } catch {
        print("KTEST FAIL sleep refused: \(error.description)")
        Machine.exit(.fail)
    }
}

/// Fails if the clock's interrupt met an error in the timers or the
/// scheduler since the kernel started (`Kernel.interruptFailures`): a
/// timer that never fires, or a thread never preempted, then says why.
func expectClockWorks() throws(TestFailure) {
    if let error = Kernel.interruptFailures.timers {
        throw TestFailure("the clock's tick failed in the timers (TimerManager.tick): \(error.description)")
    }
    if let error = Kernel.interruptFailures.scheduler {
        throw TestFailure("the clock's tick failed in the scheduler (Scheduler.tick): \(error.description)")
    }
}

/// Fails unless the scheduler's policy is `MultilevelFeedback`: the
/// kit's `RoundRobin` runs the threads until assignment 05 chooses it.
func requireMultilevelFeedback() throws(TestFailure) {
    let same = Scheduler.Policy.name.withUTF8Buffer { chosen in
        MultilevelFeedback.name.withUTF8Buffer { wanted in chosen.elementsEqual(wanted) }
    }
    if !same {
        throw TestFailure("not implemented: the scheduler's policy is still \(Scheduler.Policy.name);"
                          + " write MultilevelFeedback and choose it in scheduler.swift (Scheduler.Policy)")
    }
}

/// Runs the threads from the boot context until `done` holds: elects
/// when nothing runs and a thread waits, else halts until the next
/// interrupt. False if `milliseconds` of the clock go by first; fails
/// if the clock's interrupt met an error (`expectClockWorks`).
func runThreads(forAtMost milliseconds: UInt64 = 3000, until done: () -> Bool) throws(TestFailure) -> Bool {
    let start = Clock.delivered + Clock.pendingMilliseconds
    while !done() {
        try expectClockWorks()
        if Clock.delivered + Clock.pendingMilliseconds - start > milliseconds {
            return false
        }
        if Scheduler.current() == 0 && (Scheduler.queues?.count ?? 0) > 0 {
            _ = try expectSuccess("elect a thread") { () throws(KernelError) in try Scheduler.elect() }
        } else {
            Clock.idle()
        }
    }
    return true
}

/// Halts in the boot context until the core's clock reads
/// `milliseconds`; fails if the clock's interrupt met an error.
func idleUntil(_ milliseconds: UInt64) throws(TestFailure) {
    while TimerManager.clock < milliseconds {
        Clock.idle()
        try expectClockWorks()
    }
}

/// Nanoseconds of guest time (under icount the time-stamp counter counts
/// instructions, one per nanosecond).
func guestNanoseconds() -> UInt64 {
    Machine.cycles()
}

/// The state of the thread `thread`.
func threadState(_ thread: Identifier) throws(TestFailure) -> ExecutionState {
    try expectSuccess("get thread 0x\(hexadecimal(thread))") { () throws(KernelError) in
        try ThreadManager.get(thread).lifecycle.state
    }
}

/// The scheduler's entry of `thread` (its level, quantum, ...).
func schedulerEntry(_ thread: Identifier) throws(TestFailure) -> SchedulerEntry {
    guard let entry = Scheduler.queues?.entry(thread) else {
        throw TestFailure("the scheduler does not hold thread 0x\(hexadecimal(thread))")
    }
    return entry
}

// MARK: spinning probes

/// Where a probe runs in its task's space: code, then mailbox.
let probeCode: UInt64 = 0x5000_0000
let probeMailbox: UInt64 = 0x5001_0000

/// A task's copy of `RingProbe.spinningCode()`: a thread that counts in
/// word 0 of its mailbox for ever and never gives the processor up.
struct SpinProbe {
    let task: Identifier
    let thread: Identifier
    let mailbox: Identifier

    /// A spinner in a new started task of `taskClass` (ring = class),
    /// `behaviour` and `taskPriority`, its thread at `priority`.
    ///
    /// Steps: 1. the task; 2. the code's segment and region; 3. the
    /// mailbox's; 4. the thread, its argument, its start.
    static func make(
        _ taskClass: TaskClass = .program, _ behaviour: TaskBehaviour = .timesharing,
        taskPriority: UInt8 = 100, priority: UInt8 = 100
    ) throws(TestFailure) -> SpinProbe {
        // 1.
        let task = try startedTask(taskClass, behaviour, priority: taskPriority)
        return try expectSuccess("make a spinning probe") { () throws(KernelError) in
            let space = try TaskManager.get(task).space
            // 2.
            let text = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write, .execute])
            try SegmentManager.write(text, offset: 0, bytes: RingProbe.spinningCode())
            _ = try RegionManager.reserve(space, segment: text, offset: 0, size: pageSize,
                                          options: .forceAddress, address: probeCode)
            // 3.
            let mailbox = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write])
            try SegmentManager.write(mailbox, offset: 0, bytes: [UInt8](repeating: 0, count: 64))
            _ = try RegionManager.reserve(space, segment: mailbox, offset: 0, size: pageSize,
                                          options: .forceAddress, address: probeMailbox)
            // 4.
            let thread = try ThreadManager.reserve(task, priority: priority, stackSize: threadStack, entry: probeCode)
            try ThreadManager.arguments(thread, [UInt32(probeMailbox)])
            try ThreadManager.start(thread)
            return SpinProbe(task: task, thread: thread, mailbox: mailbox)
        }
    }

    /// How far it counted (word 0 of its mailbox).
    func count() -> UInt32 {
        guard let bytes = try? SegmentManager.read(mailbox, offset: 0, count: 4) else {
            return 0
        }
        return UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
    }
}

// MARK: windows

/// What the window's controller does when the window ends, before it
/// stops the spinners (a test sets it; it runs in the controller thread).
nonisolated(unsafe) var windowEnd: () -> Void = {}
/// The length of the window, in milliseconds of the core's clock.
nonisolated(unsafe) var windowLength: UInt64 = 0
/// The threads the controller stops when the window ends.
nonisolated(unsafe) var windowThreads: [Identifier] = []
/// True once the controller stopped them.
nonisolated(unsafe) var windowClosed = false

/// The controller: sleeps through the window, runs `windowEnd`, stops
/// every thread of `windowThreads`, exits.
let windowController: ThreadBody = {
    sleepFor(windowLength)
    windowEnd()
    for thread in windowThreads {
        try? ThreadManager.stop(thread)
    }
    windowClosed = true
    exitThread(0)
}

/// Lets `threads` run for `milliseconds` of the core's clock, then
/// stops them (from a core thread of the highest priority, which sleeps
/// through the window), running `atEnd` first; fails if the window does
/// not close within a second past its end.
func runWindow(_ milliseconds: UInt64, stopping threads: [Identifier], atEnd: @escaping () -> Void = {}) throws(TestFailure) {
    windowLength = milliseconds
    windowThreads = threads
    windowEnd = atEnd
    windowClosed = false
    let task = try startedTask(.core, .core, priority: 250)
    _ = try swiftThread(task, windowController, priority: 249)
    let closed = try runThreads(forAtMost: milliseconds + 1000) { windowClosed && Scheduler.current() == 0 }
    try expect(closed, "the window of \(milliseconds) ms did not close within a second past its end"
               + " (the controller thread never ran again: nothing preempted the spinners?)")
}

/// `values` as text, "[1, 2, 3]" (embedded Swift cannot print an array).
func listText<T: BinaryInteger>(_ values: [T]) -> String {
    var text = "["
    for (index, value) in values.enumerated() {
        text += (index == 0 ? "" : ", ") + "\(value)"
    }
    return text + "]"
}
