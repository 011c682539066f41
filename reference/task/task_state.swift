// reference/task/task_state.swift -- moving tasks through their states,
// waiting for them, and their priority.
//
// The moves and the waits are lifecycle.swift's; this file applies them
// to tasks (`LifecyclePlan`) and tells the machine through
// `taskStateChanged`.

import Machine

extension TaskManager {
    /// Starts the task `identifier`: the scheduler may run its threads.
    public static func start(_ identifier: Identifier) throws(KernelError) {
        try change(identifier, .start)
    }

    /// Stops the task `identifier`.
    public static func stop(_ identifier: Identifier) throws(KernelError) {
        try change(identifier, .stop)
    }

    /// Blocks the (running) task `identifier`.
    public static func block(_ identifier: Identifier) throws(KernelError) {
        try change(identifier, .block)
    }

    /// Ends the task `identifier` with `value`: it is a zombie until
    /// released, and every task waiting for it is answered. The kernel's
    /// task cannot exit (`busy`).
    public static func exit(_ identifier: Identifier, value: UInt64) throws(KernelError) {
        try change(identifier, .exit(value))
    }

    /// Makes `waiter` (the current task by default) wait for one of the
    /// `events` of the task `target`: answered at once if one already
    /// happened (a zombie answers with its death and exit value), else
    /// the waiter is blocked until it comes, and finds the answer in its
    /// `lifecycle.answer`.
    ///
    /// Steps: 1. plan the wait (checks, the answer, or the block); 2.
    /// write the plan and tell the machine of the waiter's block.
    public static func wait(
        _ target: Identifier, for events: WaitEvents, by waiter: Identifier = current
    ) throws(KernelError) -> WaitOutcome {
        let outcome: WaitOutcome = try StatisticsManager.measure(TaskProbe.wait) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            var plan = LifecyclePlan<TaskDescriptor>(fetch: { (identifier) throws(KernelError) in
                try container().get(identifier)
            })
            let outcome = try plan.wait(target, for: events, by: waiter)
            // 2.
            try plan.commit(into: container(), notify: notify)
            return outcome
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
        // The running thread's task that waits runs no more.
        if case .blocked = outcome {
            try Scheduler.rescheduleIfDescheduled()
        }
        return outcome
    }

    /// Sets the priority of the task `identifier`, refused (`outOfRange`)
    /// outside its behaviour's band, and for a zombie (`invalidArgument`).
    ///
    /// Steps: 1. find it, check the state and the band; 2. change it and
    /// tell the machine (if it refuses, the old priority stays).
    public static func priority(_ identifier: Identifier, _ priority: UInt8) throws(KernelError) {
        try StatisticsManager.measure(TaskProbe.priority) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            var task = try container().get(identifier)
            if task.lifecycle.state == .zombie {
                throw KernelError.invalidArgument
            }
            try checkPriority(priority, behaviour: task.behaviour, taskClass: task.taskClass)
            // 2.
            task.priority = priority
            try Machine.taskPriorityChanged(identifier, priority: priority, record: &task.machineRecord)
            let changed = task
            try container().update(identifier) { stored in stored = changed }
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
        // The scheduler takes the new priority in for each of its threads.
        try Scheduler.refresh(task: identifier)
    }

    /// Applies `verb` to the task `identifier` and wakes its waiters.
    ///
    /// Steps: 1. the kernel's task never exits; plan the move and the
    /// wake-ups; 2. write them and tell the machine (a refusal undoes
    /// them all).
    static func change(_ identifier: Identifier, _ verb: LifecycleVerb) throws(KernelError) {
        try StatisticsManager.measure(TaskProbe.state) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            if case .exit = verb, identifier == kernel {
                throw KernelError.busy
            }
            var plan = LifecyclePlan<TaskDescriptor>(fetch: { (identifier) throws(KernelError) in
                try container().get(identifier)
            })
            try plan.move(identifier, verb)
            // 2.
            try plan.commit(into: container(), notify: notify)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
        // The running thread whose task stopped, blocked or exited gives
        // the processor up now.
        try Scheduler.rescheduleIfDescheduled()
    }

    /// Tells the machine that `task` moved from `previous` to its state.
    static func notify(_ task: inout TaskDescriptor, _ previous: ExecutionState) throws(KernelError) {
        try Machine.taskStateChanged(task.identifier, state: task.lifecycle.state, previous: previous,
                                     record: &task.machineRecord)
    }
}
