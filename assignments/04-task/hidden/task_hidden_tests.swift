// assignments/04-task/hidden/task_hidden_tests.swift -- the hidden tests
// of assignment 4: waits for a start and a stop, waits between tasks,
// two tasks' threads at the same virtual addresses, the running thread
// protected, and flush.

import Kernel
import Machine

// MARK: waits for a start and a stop

/// The events a waiter thread learnt, in order.
nonisolated(unsafe) var hiddenAnswers: [WaitAnswer] = []
nonisolated(unsafe) var hiddenTarget: Identifier = 0
nonisolated(unsafe) var hiddenEvents: WaitEvents = .started

/// Waits for `hiddenEvents` of `hiddenTarget`, keeps the answer, exits.
let waitsForEvent: ThreadBody = {
    if let answer = waitForEvent(hiddenTarget, hiddenEvents) {
        hiddenAnswers.append(answer)
    }
    exitThread(0)
}

/// Blocks itself each time it runs: the boot context gets the
/// processor back (it runs only when no thread can).
let blocksForever: ThreadBody = {
    while true {
        _ = try? ThreadManager.block(ThreadManager.current)
    }
}

/// A thread waits for another to start (it blocks until the start) and
/// for another to stop (answered when the boot context stops it).
func test_thread_wait_start_stop() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    check("start") { () throws(TestFailure) in
        hiddenAnswers = []
        hiddenTarget = try swiftThread(task, blocksForever, start: false)
        hiddenEvents = .started
        _ = try swiftThread(task, waitsForEvent)
        _ = try runThreads { ThreadManager.current == 0 }
        try expectEqual(hiddenAnswers.count, 0, "answers before the target started")
        try expectSuccess("start the target") { () throws(KernelError) in try ThreadManager.start(hiddenTarget) }
        let done = try runThreads { hiddenAnswers.count == 1 && ThreadManager.current == 0 }
        try expect(done, "the waiter was not answered once the target started")
        try expectEqual(hiddenAnswers[0].event.rawValue, WaitEvents.started.rawValue, "the event that answered")
    }
    check("stop") { () throws(TestFailure) in
        hiddenAnswers = []
        hiddenEvents = .stopped
        _ = try swiftThread(task, waitsForEvent)
        _ = try runThreads { ThreadManager.current == 0 }
        try expectEqual(hiddenAnswers.count, 0, "answers before the target stopped")
        try expectSuccess("stop the target") { () throws(KernelError) in try ThreadManager.stop(hiddenTarget) }
        let done = try runThreads { hiddenAnswers.count == 1 && ThreadManager.current == 0 }
        try expect(done, "the waiter was not answered once the target stopped")
        try expectEqual(hiddenAnswers[0].event.rawValue, WaitEvents.stopped.rawValue, "the event that answered")
        try expectState(hiddenTarget, .stopped, "the target after the stop")
    }
}

// MARK: two tasks, the same addresses

/// Two programs' probes at the same virtual addresses each write their
/// own mailbox: every switch between them changes the address space.
func test_thread_spaces_apart() throws(TestFailure) {
    try executionStart()
    let first = try ProbeThread.make(try startedTask(.program), code: RingProbe.reportingCode())
    let second = try ProbeThread.make(try startedTask(.driver), code: RingProbe.reportingCode())
    let done = try runThreads {
        (try? first.word(5)) == RingProbe.written && (try? second.word(5)) == RingProbe.written
            && ThreadManager.current == 0
    }
    check("each_its_own") { () throws(TestFailure) in
        try expect(done, "the two probes did not both write within 2 s")
        try expectEqual(try first.word(0), 3, "the ring the program's probe wrote in its own mailbox")
        try expectEqual(try second.word(0), 1, "the ring the driver's probe wrote in its own mailbox")
    }
    check("boot_space_back") { () throws(TestFailure) in
        try expectEqual(KernelSpace.loadedDirectory(), KernelSpace.directory,
                        "CR3 once the boot context runs again (the kernel's directory)")
    }
}

// MARK: the running thread

/// A thread that ran and blocked itself is stopped and released (its
/// kernel stack goes with it); a running thread cannot be started twice.
func test_thread_running_protected() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    let thread = try swiftThread(task, blocksForever)
    check("release_stopped_after") { () throws(TestFailure) in
        _ = try runThreads { ThreadManager.current == 0 }
        try expectState(thread, .blocked, "the thread after it blocked itself")
        try expectSuccess("stop the thread") { () throws(KernelError) in try ThreadManager.stop(thread) }
        try expectSuccess("release the stopped thread") { () throws(KernelError) in try ThreadManager.release(thread) }
        try expect(!ThreadManager.exist(thread), "the released thread still exists")
    }
    check("double_start") { () throws(TestFailure) in
        let other = try swiftThread(task, countsAndDies)
        try expectError(.invalidArgument, "start a thread that already runs") { () throws(KernelError) in
            try ThreadManager.start(other)
        }
    }
}

// MARK: flush

/// Flushing a task releases every thread it has, and their stacks.
func test_thread_flush() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core, start: false)
    let free = try freePhysical()
    var threads: [Identifier] = []
    for _ in 0..<5 {
        threads.append(try swiftThread(task, countsAndDies, start: false))
    }
    check("flush") { () throws(TestFailure) in
        try expectSuccess("flush the task's threads") { () throws(KernelError) in try ThreadManager.flush(task) }
        for thread in threads {
            try expect(!ThreadManager.exist(thread), "thread 0x\(hexadecimal(thread)) survived the flush")
        }
        let left = try expectSuccess("the task's threads") { () throws(KernelError) in try TaskManager.threads(of: task) }
        try expectEqual(left.count, 0, "threads left in the task")
        try expectEqual(try freePhysical(), free, "free physical bytes after the flush")
    }
}

// MARK: tasks wait for tasks

/// A task's exit answers a waiting task with its value; a wait on an
/// already dead task is answered at once.
func test_task_wait_death() throws(TestFailure) {
    try executionStart()
    let waiter = try startedTask(.core)
    let target = try startedTask(.core)
    check("before") { () throws(TestFailure) in
        let outcome = try expectSuccess("wait for the target") { () throws(KernelError) in
            try TaskManager.wait(target, for: .died, by: waiter)
        }
        try expect(outcome == .blocked, "a wait for a live task's death was answered at once")
        try expectSuccess("exit the target") { () throws(KernelError) in try TaskManager.exit(target, value: 99) }
        let answer = try expectSuccess("get the waiter") { () throws(KernelError) in
            try TaskManager.get(waiter).lifecycle.answer
        }
        try expectEqual(answer?.value ?? 0, 99, "the exit value the waiting task learnt")
    }
    check("after") { () throws(TestFailure) in
        let other = try startedTask(.core)
        let outcome = try expectSuccess("wait for the dead target") { () throws(KernelError) in
            try TaskManager.wait(target, for: .died, by: other)
        }
        guard case .answered(let answer) = outcome else {
            throw TestFailure("a wait for a dead task's death was not answered at once")
        }
        try expectEqual(answer.value, 99, "the exit value of the dead task")
    }
}
