// assignments/04-task/tests/task_switch_tests.swift -- what a switch
// between threads keeps and changes: a blocked thread resumes where it
// blocked, a stopped task's threads wait, and a switch to a thread of
// another task loads that task's page directory.

import Kernel
import Machine

// MARK: block and resume

/// Steps a blocked thread went through: 1 before its block, 2 after.
nonisolated(unsafe) var blockSteps: [Int] = []
nonisolated(unsafe) var blockLocal: UInt64 = 0

/// Blocks itself between two steps, with a value in a local variable
/// that must survive the switch.
let blocksOnce: ThreadBody = {
    let kept: UInt64 = 0x1234_5678_9ABC
    blockSteps.append(1)
    _ = try? ThreadManager.block(ThreadManager.current)
    blockSteps.append(2)
    blockLocal = kept
    exitThread(0)
}

/// A thread that blocks itself gives the processor up at once, and
/// resumes after its call to block, its registers and stack intact,
/// once started again.
func test_thread_block_resume() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    let thread = try swiftThread(task, blocksOnce)
    check("blocks") { () throws(TestFailure) in
        _ = try runThreads { ThreadManager.current == 0 }
        try expectEqual(blockSteps.count, 1, "steps taken before the block (the thread ran on after blocking?)")
        try expectState(thread, .blocked, "the thread after it blocked itself")
    }
    check("resumes") { () throws(TestFailure) in
        try expectSuccess("start it again") { () throws(KernelError) in try ThreadManager.start(thread) }
        let done = try runThreads { blockSteps.count == 2 && ThreadManager.current == 0 }
        try expect(done, "the thread did not go on after it was started again")
        try expectEqual(blockLocal, 0x1234_5678_9ABC, "a local variable of the thread after the switch")
    }
}

// MARK: a stopped task

/// A task's threads run only while the task runs.
func test_task_stop_start() throws(TestFailure) {
    try executionStart()
    ranCount = 0
    let task = try startedTask(.core, start: false)
    for _ in 0..<3 {
        _ = try swiftThread(task, countsAndDies)
    }
    check("stopped_waits") { () throws(TestFailure) in
        _ = try runThreads(forAtMost: 30) { ranCount > 0 }
        try expectEqual(ranCount, 0, "threads of a stopped task that ran")
    }
    check("started_runs") { () throws(TestFailure) in
        try expectSuccess("start the task") { () throws(KernelError) in try TaskManager.start(task) }
        let done = try runThreads { ranCount == 3 && ThreadManager.current == 0 }
        try expect(done, "\(ranCount) of the 3 threads ran once their task started")
    }
}

// MARK: address spaces

/// What each thread saw: its task's space and the directory in CR3.
nonisolated(unsafe) var spacesSeen: [(space: Identifier, loaded: UInt32)] = []

/// Notes its task's space and CR3 three times, yielding in between.
let notesSpace: ThreadBody = {
    for _ in 0..<3 {
        let space = (try? TaskManager.get(TaskManager.current).space) ?? 0
        spacesSeen.append((space, KernelSpace.loadedDirectory()))
        _ = try? Scheduler.yield()
    }
    exitThread(0)
}

/// Two tasks' threads take turns; each finds its own task's page
/// directory loaded every time it runs, and the boot context finds the
/// kernel's once they are done.
func test_thread_cross_task_cr3() throws(TestFailure) {
    try executionStart()
    spacesSeen = []
    let first = try startedTask(.core)
    let second = try startedTask(.core)
    _ = try swiftThread(first, notesSpace)
    _ = try swiftThread(second, notesSpace)
    let done = try runThreads { spacesSeen.count == 6 && ThreadManager.current == 0 }
    check("own_directory") { () throws(TestFailure) in
        try expect(done, "the two threads took \(spacesSeen.count) of 6 turns")
        var spaces: [Identifier] = []
        for seen in spacesSeen {
            let directory = try expectSuccess("the space's directory") { () throws(KernelError) in
                try AddressSpaceManager.get(seen.space).machineRecord.directory
            }
            try expect(directory != 0, "space 0x\(hexadecimal(seen.space)) has no page directory")
            try expectEqual(seen.loaded, directory, "CR3 while a thread of space 0x\(hexadecimal(seen.space)) runs")
            if !spaces.contains(seen.space) { spaces.append(seen.space) }
        }
        try expectEqual(spaces.count, 2, "spaces the threads ran in")
    }
    check("kernel_after") { () throws(TestFailure) in
        try expectEqual(KernelSpace.loadedDirectory(), KernelSpace.directory, "CR3 once the boot context runs again")
    }
}
