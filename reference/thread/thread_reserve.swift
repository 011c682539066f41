// reference/thread/thread_reserve.swift -- reserving and releasing
// threads, and their stacks.
//
// A thread's stack is a segment of its task's address space, mapped by
// a region of that space (privileged in the kernel's own space: only
// ring 0 may touch it; the region manager allows privileged regions
// there only, and ring 0 reaches user pages anyway). Releasing the thread releases both, so a thread leaves no
// page behind.

import Machine

extension ThreadManager {
    /// A new, stopped thread of the task `task`, with `priority` in [10,
    /// 250), a stack of `stackSize` bytes (whole pages, at least one),
    /// that will start at `entry`.
    ///
    /// Steps: 1. check the priority, the stack size and the task (a
    /// zombie gets no thread); 2. name the thread; 3. reserve its stack
    /// and map it; 4. store it and tell the machine (if anything fails,
    /// undo 3 and 2).
    public static func reserve(
        _ task: Identifier, priority: UInt8, stackSize: UInt64, entry: UInt64
    ) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(ThreadProbe.reserve) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            _ = try container()
            try checkPriority(priority)
            if stackSize == 0 || !Pages.isAligned(stackSize) {
                throw KernelError.invalidArgument
            }
            let owner = try TaskManager.container().get(task)
            if owner.lifecycle.state == .zombie {
                throw KernelError.invalidArgument
            }
            // 2.
            let identifier = try IdentifierManager.reserve(.thread)
            // 3.
            let stack: Stack
            do throws(KernelError) {
                stack = try reserveStack(owner, stackSize)
            } catch {
                try? IdentifierManager.release(identifier)
                throw error
            }
            // 4.
            let thread = ThreadDescriptor(identifier: identifier, task: task, priority: priority, entry: entry,
                                          stackSegment: stack.segment, stackRegion: stack.region,
                                          stackBase: stack.base, stackSize: stackSize)
            do throws(KernelError) {
                try store(thread, taskClass: owner.taskClass)
            } catch {
                try? releaseStack(owner.space, stack.segment, stack.region)
                try? IdentifierManager.release(identifier)
                throw error
            }
            return identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
    }

    /// Releases the thread `identifier` and its stack. Refused (`busy`)
    /// for the current thread and for a live thread others wait for
    /// (exit it first: its death answers them).
    ///
    /// Steps: 1. find it and check it may go; 2. tell the machine; 3.
    /// leave the list of the thread it waits for; 4. drop it from its
    /// task and the set; 5. give its stack back, then its identifier.
    public static func release(_ identifier: Identifier) throws(KernelError) {
        try StatisticsManager.measure(ThreadProbe.release) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            let all = try container()
            var thread = try all.get(identifier)
            if identifier == current || !thread.lifecycle.waiters.isEmpty {
                throw KernelError.busy
            }
            let space = try TaskManager.container().get(thread.task).space
            // 2.
            try Machine.threadReleasing(identifier, record: &thread.machineRecord)
            // 3.
            let target = thread.lifecycle.waitingFor
            if target != 0 {
                try all.update(target) { waited in waited.lifecycle.dropWaiter(identifier) }
            }
            // 4.
            try TaskManager.container().get(thread.task).threads.remove(identifier)
            try all.remove(identifier)
            // 5.
            try releaseStack(space, thread.stackSegment, thread.stackRegion)
            try IdentifierManager.release(identifier)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
        // A released thread leaves the scheduler's queues (if it was running).
        Scheduler.forget(identifier)
    }

    /// Releases every thread of the task `task`.
    ///
    /// Steps: 1. list its threads (an unknown task is refused); 2.
    /// release each (the first refusal stops the flush with its error).
    public static func flush(_ task: Identifier) throws(KernelError) {
        try StatisticsManager.measure(ThreadProbe.flush) { () throws(KernelError) in
            // 1.
            let owned = try TaskManager.threads(of: task)
            // 2.
            for identifier in owned {
                try release(identifier)
            }
        }
    }

    // MARK: given helpers

    /// A thread's stack: its segment, the region mapping it, and where.
    struct Stack {
        /// The segment of the task's space that holds it.
        let segment: Identifier
        /// The region that maps it.
        let region: Identifier
        /// Its lowest virtual address.
        let base: UInt64
    }

    /// Refuses a thread priority outside [10, 250) (`outOfRange`).
    static func checkPriority(_ priority: UInt8) throws(KernelError) {
        if priority < lowestPriority || priority >= priorityLimit {
            throw KernelError.outOfRange
        }
    }

    /// Reserves a stack of `size` bytes in the space of `task` and maps
    /// it (privileged in the kernel's space).
    ///
    /// Steps: 1. reserve the segment; 2. map it (if that fails, release 1).
    static func reserveStack(_ task: TaskDescriptor, _ size: UInt64) throws(KernelError) -> Stack {
        // 1.
        let segment = try SegmentManager.reserve(task.space, size: size, permissions: [.read, .write])
        // 2.
        do throws(KernelError) {
            let options: RegionOptions = task.space == AddressSpaceManager.kernel ? .privileged : []
            let region = try RegionManager.reserve(task.space, segment: segment, offset: 0, size: size, options: options)
            return Stack(segment: segment, region: region, base: try RegionManager.get(task.space, region).address)
        } catch {
            try? SegmentManager.release(segment)
            throw error
        }
    }

    /// Unmaps and releases a stack.
    static func releaseStack(_ space: Identifier, _ segment: Identifier, _ region: Identifier) throws(KernelError) {
        try RegionManager.release(space, region)
        try SegmentManager.release(segment)
    }

    /// Stores a new thread, lists it in its task and tells the machine.
    ///
    /// Steps: 1. add it to the set and to its task; 2. tell the machine
    /// (if it refuses, undo 1).
    static func store(_ thread: ThreadDescriptor, taskClass: TaskClass) throws(KernelError) {
        let all = try container()
        let list = try TaskManager.container().get(thread.task).threads
        var thread = thread
        do throws(KernelError) {
            // 1.
            try all.add(thread)
            try list.add(ThreadReference(identifier: thread.identifier))
            // 2.
            try Machine.threadReserved(
                thread.identifier, task: thread.task, taskClass: taskClass, priority: thread.priority,
                entry: thread.entry, stackBase: thread.stackBase, stackSize: thread.stackSize,
                record: &thread.machineRecord)
            let record = thread.machineRecord
            try all.update(thread.identifier) { stored in stored.machineRecord = record }
        } catch {
            try? list.remove(thread.identifier)
            try? all.remove(thread.identifier)
            throw error
        }
    }
}
