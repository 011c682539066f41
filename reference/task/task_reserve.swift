// reference/task/task_reserve.swift -- reserving and releasing tasks.
//
// A task is born with a new, empty address space and an empty set of
// threads, stopped; it goes with its threads (their stacks given back)
// and its space (every segment and region in it): releasing a task
// leaves nothing of it behind.

import Machine

extension TaskManager {
    /// A new task of class `taskClass` and behaviour `behaviour`, with
    /// `priority` inside the behaviour's band; it is stopped, with a new
    /// address space and no thread.
    ///
    /// Steps: 1. check the class, the behaviour and the priority; 2. name
    /// the task; 3. reserve its address space; 4. store it and tell the
    /// machine (if anything fails, undo 3 and 2).
    public static func reserve(
        _ taskClass: TaskClass, _ behaviour: TaskBehaviour, priority: UInt8
    ) throws(KernelError) -> Identifier {
        try StatisticsManager.measure(TaskProbe.reserve) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            _ = try container()
            try checkPriority(priority, behaviour: behaviour, taskClass: taskClass)
            // 2.
            let identifier = try IdentifierManager.reserve(.task)
            // 3.
            let space: Identifier
            do throws(KernelError) {
                space = try AddressSpaceManager.reserve(task: identifier)
            } catch {
                try? IdentifierManager.release(identifier)
                throw error
            }
            // 4.
            do throws(KernelError) {
                try store(identifier, taskClass, behaviour, priority, space: space, lifecycle: Lifecycle())
            } catch {
                try? AddressSpaceManager.release(space)
                try? IdentifierManager.release(identifier)
                throw error
            }
            return identifier
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
    }

    /// Releases the task `identifier`, its threads and its address
    /// space. Refused (`busy`) for the kernel's task, the current task,
    /// and a live task that others wait for (exit it first: its death
    /// answers them).
    ///
    /// Steps: 1. find it and check it may go; 2. release its threads;
    /// 3. tell the machine and release the rest (`drop`); 4. leave the
    /// list of the task it waits for; 5. release its space.
    public static func release(_ identifier: Identifier) throws(KernelError) {
        try StatisticsManager.measure(TaskProbe.release) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            let task = try container().get(identifier)
            if identifier == kernel || identifier == current || !task.lifecycle.waiters.isEmpty
                || AddressSpaceManager.active == task.space {
                throw KernelError.busy
            }
            // 2.
            try ThreadManager.flush(identifier)
            // 3.
            try drop(identifier)
            // 4.
            let target = task.lifecycle.waitingFor
            if target != 0 {
                try container().update(target) { waited in waited.lifecycle.dropWaiter(identifier) }
            }
            // 5.
            try AddressSpaceManager.release(task.space)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
    }

    // MARK: given helpers

    /// Refuses a class or behaviour that does not exist
    /// (`invalidArgument`), and a priority outside the behaviour's band
    /// (`outOfRange`).
    static func checkPriority(_ priority: UInt8, behaviour: TaskBehaviour, taskClass: TaskClass) throws(KernelError) {
        guard taskClass.isValid, let band = behaviour.band else {
            throw KernelError.invalidArgument
        }
        if !band.contains(priority) {
            throw KernelError.outOfRange
        }
    }

    /// Stores a new task named `identifier` with an empty set of threads,
    /// and tells the machine.
    ///
    /// Steps: 1. reserve its set of threads; 2. add it; 3. tell the
    /// machine (if it refuses, undo 2 and 1).
    static func store(
        _ identifier: Identifier, _ taskClass: TaskClass, _ behaviour: TaskBehaviour, _ priority: UInt8,
        space: Identifier, lifecycle: Lifecycle
    ) throws(KernelError) {
        let all = try container()
        // 1.
        let threads = try SetManager.reserve(Store<ThreadReference>.self)
        var task = TaskDescriptor(identifier: identifier, taskClass: taskClass, behaviour: behaviour,
                                  priority: priority, space: space, threads: threads, lifecycle: lifecycle)
        do throws(KernelError) {
            // 2.
            try all.add(task)
            // 3.
            try Machine.taskReserved(identifier, taskClass: taskClass, behaviour: behaviour.rawValue,
                                     priority: priority, space: space, record: &task.machineRecord)
            let record = task.machineRecord
            try all.update(identifier) { stored in stored.machineRecord = record }
        } catch {
            try? all.remove(identifier)
            try? SetManager.release(threads)
            throw error
        }
    }

    /// Tells the machine the task `identifier` goes, then drops it, its
    /// set of threads (empty by now) and its identifier.
    static func drop(_ identifier: Identifier) throws(KernelError) {
        let all = try container()
        var task = try all.get(identifier)
        try Machine.taskReleasing(identifier, record: &task.machineRecord)
        // Its message boxes go: a thread blocked transmitting to it is
        // started, and learns that its message was lost.
        try? MessageManager.flush(identifier)
        CapabilityManager.unguardMessages(to: identifier)
        try SetManager.release(task.threads)
        try all.remove(identifier)
        try IdentifierManager.release(identifier)
    }
}
