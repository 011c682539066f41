// assignments/04-task/tests/task_life_tests.swift -- the lives of tasks
// and threads: waits answered before and after the event, zombies reaped
// with every page given back, many threads, bad input refused.

import Kernel
import Machine

// MARK: waits

/// The thread the waiter waits for, and what the waiter learnt.
nonisolated(unsafe) var waitTarget: Identifier = 0
nonisolated(unsafe) var waitAnswers: [WaitAnswer] = []

/// Dies with 42 after one yield (so that the waiter blocks first).
let diesLater: ThreadBody = {
    _ = try? Scheduler.yield()
    exitThread(42)
}

/// Makes the running thread wait for one of `events` of `target`, and
/// returns the answer, whether it came at once (the event had already
/// happened) or once the thread was woken (nil: no answer, or an error).
func waitForEvent(_ target: Identifier, _ events: WaitEvents) -> WaitAnswer? {
    let me = ThreadManager.current
    do throws(KernelError) {
        switch try ThreadManager.wait(target, for: events, by: me) {
        case .answered(let answer):
            return answer
        case .blocked:
            return try ThreadManager.get(me).lifecycle.answer
        }
    } catch {
        print("wait failed: \(error.description)")
        return nil
    }
}

/// Waits for `waitTarget`'s death, keeps the answer and exits.
let waitsForDeath: ThreadBody = {
    if let answer = waitForEvent(waitTarget, .died) {
        waitAnswers.append(answer)
    }
    exitThread(0)
}

/// A thread waits for another's death before it happens (it blocks,
/// then learns the exit value) and after (answered at once).
func test_thread_wait_death() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    check("before") { () throws(TestFailure) in
        waitAnswers = []
        let waiter = try swiftThread(task, waitsForDeath, start: false)
        waitTarget = try swiftThread(task, diesLater, start: false)
        try expectSuccess("start the waiter, then the target") { () throws(KernelError) in
            try ThreadManager.start(waiter)
            try ThreadManager.start(waitTarget)
        }
        let done = try runThreads { waitAnswers.count == 1 && ThreadManager.current == 0 }
        try expect(done, "the waiter never learnt of the death")
        try expectEqual(waitAnswers[0].target, waitTarget, "the answer's target")
        try expectEqual(waitAnswers[0].value, 42, "the exit value the waiter learnt")
    }
    check("after") { () throws(TestFailure) in
        waitAnswers = []
        waitTarget = try swiftThread(task, diesLater)
        _ = try runThreads { (try? threadState(waitTarget)) == .zombie && ThreadManager.current == 0 }
        _ = try swiftThread(task, waitsForDeath)
        let done = try runThreads { waitAnswers.count == 1 && ThreadManager.current == 0 }
        try expect(done, "the wait on a dead thread was not answered")
        try expectEqual(waitAnswers[0].value, 42, "the exit value of a thread already dead")
    }
}

// MARK: zombies and memory

/// Free physical memory, in bytes.
func freePhysical() throws(TestFailure) -> UInt64 {
    try expectSuccess("read the free memory") { () throws(KernelError) in try SegmentManager.freeBytes() }
}

/// What became of a task whose two threads ran and died.
struct TaskLife {
    /// Both threads died within 2 s.
    var threadsDied = false
    /// The exited task stayed, a zombie, until released.
    var zombieKept = false
    /// Its threads were gone once it was released.
    var threadsGone = false
}

/// A task with two threads that run and die; the task exits, then is
/// released. Everything it allocates is given back before it returns,
/// so that the caller can count the heap around it.
func liveAndDie() throws(TestFailure) -> TaskLife {
    var life = TaskLife()
    let task = try startedTask(.core)
    let first = try swiftThread(task, firstRunBody)
    let second = try swiftThread(task, firstRunBody)
    life.threadsDied = try runThreads {
        (try? threadState(first)) == .zombie && (try? threadState(second)) == .zombie && ThreadManager.current == 0
    }
    try expectSuccess("exit the task") { () throws(KernelError) in try TaskManager.exit(task, value: 1) }
    life.zombieKept = TaskManager.exist(task)
    try expectSuccess("release the task") { () throws(KernelError) in try TaskManager.release(task) }
    life.threadsGone = !ThreadManager.exist(first) && !ThreadManager.exist(second)
    return life
}

/// A task whose threads ran and died is released: every page and every
/// byte of the heap it took comes back.
func test_task_zombie_reaped() throws(TestFailure) {
    try executionStart()
    // A first task lives and goes unmeasured: the managers' sets may keep
    // the room they grew for it (the rule of assignment 1).
    _ = try liveAndDie()
    let free = try freePhysical()
    let blocks = Machine.heapLiveBlocks()
    let life = try liveAndDie()
    let blocksAfter = Machine.heapLiveBlocks()
    check("zombies") { () throws(TestFailure) in
        try expect(life.threadsDied, "the threads did not both die within 2 s")
        try expect(life.zombieKept, "the dead task was gone before anyone released it")
        try expect(life.threadsGone, "a thread outlived its task")
    }
    check("pages_back") { () throws(TestFailure) in
        try expectEqual(try freePhysical(), free, "free physical bytes after the task was released")
        try expectEqual(blocksAfter, blocks, "heap blocks after the task was released")
    }
}

// MARK: many threads

/// Threads that ran, each counted once.
nonisolated(unsafe) var ranCount = 0

/// Counts itself and dies.
let countsAndDies: ThreadBody = {
    ranCount += 1
    exitThread(0)
}

/// Runs `count` threads of one task and returns how many ran, and the
/// elections it took.
func runMany(_ count: Int) throws(TestFailure) -> (ran: Int, elections: UInt64) {
    ranCount = 0
    let task = try startedTask(.core)
    for _ in 0..<count {
        _ = try swiftThread(task, countsAndDies)
    }
    let before = Scheduler.elections
    _ = try runThreads(forAtMost: 10_000) { ranCount == count && ThreadManager.current == 0 }
    let ran = ranCount
    try expectSuccess("release the task") { () throws(KernelError) in try TaskManager.release(task) }
    return (ran, Scheduler.elections - before)
}

/// 25, then 100 threads all run, within a bound of elections (each one
/// runs and dies in one turn: about one election each).
func test_threads_many() throws(TestFailure) {
    try executionStart()
    for count in [25, 100] {
        let result = try runMany(count)
        check(count == 25 ? "twenty_five" : "hundred") { () throws(TestFailure) in
            try expectEqual(result.ran, count, "threads that ran")
            try expect(result.elections <= UInt64(2 * count + 2),
                       "\(count) threads took \(result.elections) elections (at most \(2 * count + 2))")
        }
    }
}

/// Reserves `count` threads of `task`, then releases them.
func reserveAndRelease(_ task: Identifier, _ count: Int) throws(TestFailure) {
    var batch: [Identifier] = []
    for _ in 0..<count {
        batch.append(try swiftThread(task, countsAndDies, start: false))
    }
    for thread in batch {
        try expectSuccess("release a thread") { () throws(KernelError) in try ThreadManager.release(thread) }
    }
}

/// A thousand threads reserved and released, in batches, leave the heap
/// and free memory as they were.
func test_threads_thousand_no_leak() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core, start: false)
    let free = try freePhysical()
    check("no_leak") { () throws(TestFailure) in
        // A first batch of 100 goes unmeasured: the thread set may keep
        // the room it grew for them (the rule of assignment 1).
        try reserveAndRelease(task, 100)
        try expectNoLeak("1000 threads reserved and released") { () throws(TestFailure) in
            for _ in 0..<10 {
                try reserveAndRelease(task, 100)
            }
        }
        let after = try freePhysical()
        try expectEqual(after, free, "free physical bytes after 1000 threads came and went")
    }
}

// MARK: bad input

/// Bad classes, behaviours, priorities and identifiers are refused, and
/// nothing changes.
func test_task_bad_input() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core, priority: 100)
    check("task") { () throws(TestFailure) in
        try expectError(.invalidArgument, "a task of class 4") { () throws(KernelError) in
            try TaskManager.reserve(TaskClass(rawValue: 4), .timesharing, priority: 100)
        }
        try expectError(.invalidArgument, "a task of behaviour 9") { () throws(KernelError) in
            try TaskManager.reserve(.core, TaskBehaviour(rawValue: 9), priority: 100)
        }
        try expectError(.outOfRange, "a timesharing task at priority 200") { () throws(KernelError) in
            try TaskManager.reserve(.core, .timesharing, priority: 200)
        }
        try expectError(.outOfRange, "priority 40 for a timesharing task") { () throws(KernelError) in
            try TaskManager.priority(task, 40)
        }
        let priority = try expectSuccess("get the task") { () throws(KernelError) in try TaskManager.get(task).priority }
        try expectEqual(priority, 100, "the task's priority after a refused change")
        try expectSuccess("priority 120, in the band") { () throws(KernelError) in try TaskManager.priority(task, 120) }
        let changed = try expectSuccess("get the task") { () throws(KernelError) in try TaskManager.get(task).priority }
        try expectEqual(changed, 120, "the task's priority after an accepted change")
        try expectError(.unknownIdentifier, "start an unknown task") { () throws(KernelError) in
            try TaskManager.start(0x0500_0000_0000_FFFF)
        }
    }
    check("thread") { () throws(TestFailure) in
        try expectError(.outOfRange, "a thread at priority 9") { () throws(KernelError) in
            try ThreadManager.reserve(task, priority: 9, stackSize: threadStack, entry: entryAddress(countsAndDies))
        }
        try expectError(.outOfRange, "a thread at priority 250") { () throws(KernelError) in
            try ThreadManager.reserve(task, priority: 250, stackSize: threadStack, entry: entryAddress(countsAndDies))
        }
        try expectError(.invalidArgument, "a thread with a stack of 100 bytes") { () throws(KernelError) in
            try ThreadManager.reserve(task, priority: 100, stackSize: 100, entry: entryAddress(countsAndDies))
        }
        try expectError(.unknownIdentifier, "a thread of an unknown task") { () throws(KernelError) in
            try ThreadManager.reserve(0x0500_0000_0000_FFFF, priority: 100, stackSize: threadStack,
                                      entry: entryAddress(countsAndDies))
        }
        let threads = try expectSuccess("the task's threads") { () throws(KernelError) in try TaskManager.threads(of: task) }
        try expectEqual(threads.count, 0, "threads of the task after four refused reservations")
    }
}

// MARK: saved context

/// A new thread's saved context is its entry and its stack's top; a
/// load moves it (and the thread starts there), a stack pointer outside
/// its stack is refused.
func test_thread_context() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    let thread = try swiftThread(task, countsAndDies, start: false)
    let descriptor = try expectSuccess("get the thread") { () throws(KernelError) in try ThreadManager.get(thread) }
    check("store") { () throws(TestFailure) in
        let context = try expectSuccess("store") { () throws(KernelError) in try ThreadManager.store(thread) }
        try expectEqual(context.programCounter, entryAddress(countsAndDies), "the saved program counter of a new thread")
        try expectEqual(context.stackPointer, descriptor.stackTop, "the saved stack pointer of a new thread")
    }
    check("load_runs_there") { () throws(TestFailure) in
        firstRunSeen = nil
        try expectSuccess("load") { () throws(KernelError) in
            try ThreadManager.load(thread, ThreadContext(programCounter: entryAddress(firstRunBody),
                                                         stackPointer: descriptor.stackTop - 64))
        }
        try expectError(.outOfRange, "a stack pointer below the stack") { () throws(KernelError) in
            try ThreadManager.load(thread, ThreadContext(programCounter: entryAddress(firstRunBody),
                                                         stackPointer: descriptor.stackBase - 4))
        }
        try expectSuccess("start") { () throws(KernelError) in try ThreadManager.start(thread) }
        let ran = try runThreads { firstRunSeen != nil && ThreadManager.current == 0 }
        try expect(ran, "the thread did not run from the loaded context")
        try expectEqual(firstRunThread, thread, "the thread that ran the loaded entry")
        let pointer = UInt64(firstRunSeen?.stackPointer ?? 0)
        try expect(pointer < descriptor.stackTop - 64 && pointer >= descriptor.stackBase,
                   "the thread did not start on the loaded stack pointer (it ran at 0x\(hexadecimal(pointer)))")
    }
}
