// Tests/KernelCoreTests/TaskTestSupport.swift -- what the task and thread
// tests share: a snapshot of every task and thread (with the memory and
// the MMU under them), the invariants that tie them together, and short
// ways to make tasks and threads.

import Testing
@testable import Kernel
@testable import Machine

/// Every task, every thread and the memory under them, as plain values:
/// two snapshots are equal when a call changed nothing.
struct ExecutionSnapshot: Equatable, CustomStringConvertible {
    /// Regions, segments, spaces and the simulated MMU.
    var memory: RegionSnapshot
    /// Each task, described on one line (lifecycle included).
    var tasks: [String] = []
    /// Each thread, described on one line (lifecycle and context included).
    var threads: [String] = []
    /// The sets alive (their records on the host machine).
    var sets: Int = 0
    /// The current task and thread.
    var current: [Identifier] = []

    var description: String { "tasks \(tasks) threads \(threads) sets \(sets) \(memory)" }
}

/// Tasks, threads and memory now.
func executionSnapshot() throws -> ExecutionSnapshot {
    var snapshot = ExecutionSnapshot(memory: try regionSnapshot())
    try #require(TaskManager.tasks).forEach { (task: TaskDescriptor) throws(KernelError) in
        var threads: [Identifier] = []
        try task.threads.forEach { (thread: ThreadReference) throws(KernelError) in threads.append(thread.identifier) }
        snapshot.tasks.append("\(task.identifier) class \(task.taskClass.rawValue) behaviour \(task.behaviour.rawValue)"
            + " priority \(task.priority) space \(task.space) threads \(threads) \(task.lifecycle)")
    }
    try #require(ThreadManager.threads).forEach { (thread: ThreadDescriptor) throws(KernelError) in
        snapshot.threads.append("\(thread.identifier) task \(thread.task) priority \(thread.priority)"
            + " stack \(thread.stackSegment) \(thread.stackRegion) \(thread.stackBase) \(thread.stackSize)"
            + " wake \(thread.wakeUp) context \(thread.machineRecord.context) \(thread.lifecycle)")
    }
    snapshot.sets = Machine.liveSetRecords
    snapshot.current = [TaskManager.current, ThreadManager.current]
    return snapshot
}

/// Checks the invariants of tasks and threads: every task's space
/// exists and names it (the kernel's names task 0); every thread is
/// listed once, in its task; its stack is a segment of its task's space
/// mapped by a region of that space at `stackBase`; the memory below is
/// consistent; nothing waits for what does not list it.
func expectExecutionConsistent(_ context: String = "") throws {
    try expectRegionsConsistent(context)
    let tasks = try #require(TaskManager.tasks)
    var listed: [Identifier: Identifier] = [:]
    try tasks.forEach { (task: TaskDescriptor) throws(KernelError) in
        let space = try AddressSpaceManager.get(task.space)
        #expect(space.task == (task.identifier == TaskManager.kernel ? 0 : task.identifier), "\(context): space of \(task.identifier)")
        try task.threads.forEach { (thread: ThreadReference) throws(KernelError) in listed[thread.identifier] = task.identifier }
        for waiter in task.lifecycle.waiters {
            #expect((try? TaskManager.get(waiter.identifier))?.lifecycle.waitingFor == task.identifier, "\(context): waiter")
        }
        if task.lifecycle.waitingFor != 0 {
            #expect((try? TaskManager.get(task.lifecycle.waitingFor))?.lifecycle.waiters.contains { $0.identifier == task.identifier } == true)
        }
    }
    var count = 0
    try #require(ThreadManager.threads).forEach { (thread: ThreadDescriptor) throws(KernelError) in
        count += 1
        #expect(listed[thread.identifier] == thread.task, "\(context): thread \(thread.identifier) not in its task")
        let space = try TaskManager.get(thread.task).space
        let region = try RegionManager.get(space, thread.stackRegion)
        #expect(region.segment == thread.stackSegment && region.address == thread.stackBase && region.size == thread.stackSize)
        #expect(try SegmentManager.get(thread.stackSegment).owner == space)
        for waiter in thread.lifecycle.waiters {
            #expect((try? ThreadManager.get(waiter.identifier))?.lifecycle.waitingFor == thread.identifier, "\(context): waiter")
        }
    }
    #expect(count == listed.count, "\(context): tasks list \(listed.count) threads, there are \(count)")
}

/// Restarts the kernel (memory, regions, tasks, threads) fresh.
func restartTasks() throws {
    try restartRegions()
}

/// The errors counted so far for `manager`'s `function`.
func errors(_ manager: StaticString, _ function: StaticString) -> UInt64 {
    StatisticsManager.get(manager: manager, function: function)?.errors ?? 0
}

/// A program task of the timesharing behaviour.
func programTask(priority: UInt8 = 100) throws(KernelError) -> Identifier {
    try TaskManager.reserve(.program, .timesharing, priority: priority)
}

/// A started program task.
func runningTask() throws(KernelError) -> Identifier {
    let task = try programTask()
    try TaskManager.start(task)
    return task
}

/// A thread of `task` with a stack of `stackPages` pages.
func threadOf(_ task: Identifier, priority: UInt8 = 130, stackPages: UInt64 = 2,
              entry: UInt64 = 0x1000) throws(KernelError) -> Identifier {
    try ThreadManager.reserve(task, priority: priority, stackSize: pages(stackPages), entry: entry)
}

/// The state of the task `task`.
func state(ofTask task: Identifier) throws -> ExecutionState {
    try TaskManager.get(task).lifecycle.state
}

/// The state of the thread `thread`.
func state(ofThread thread: Identifier) throws -> ExecutionState {
    try ThreadManager.get(thread).lifecycle.state
}
