// reference/thread/thread_state.swift -- moving threads through their
// states, waiting for them, sleeping, and their priority.
//
// The moves and the waits are reference/task/lifecycle.swift's, the same
// as a task's; this file applies them to threads and tells the machine
// through `threadStateChanged`.

import Machine

extension ThreadManager {
    /// Starts the thread `identifier`: the scheduler may run it (a
    /// sleeping thread is woken early).
    public static func start(_ identifier: Identifier) throws(KernelError) {
        try change(identifier, .start, wakeUp: 0)
    }

    /// Stops the thread `identifier`.
    public static func stop(_ identifier: Identifier) throws(KernelError) {
        try change(identifier, .stop, wakeUp: 0)
    }

    /// Blocks the (running) thread `identifier`.
    public static func block(_ identifier: Identifier) throws(KernelError) {
        try change(identifier, .block, wakeUp: 0)
    }

    /// Ends the thread `identifier` with `value`: a zombie until
    /// released; every thread waiting for it is answered.
    public static func exit(_ identifier: Identifier, value: UInt64) throws(KernelError) {
        try change(identifier, .exit(value), wakeUp: 0)
    }

    /// Blocks the (running) thread `identifier` until the clock
    /// (`TimerManager.clock`) reads `wakeUp` milliseconds (not 0); the
    /// scheduler's alarm starts it then, unless something started it
    /// before.
    ///
    /// Steps: 1. check the time; 2. set the alarm; 3. block the thread
    /// (if that is refused, the alarm goes).
    public static func sleep(_ identifier: Identifier, until wakeUp: UInt64) throws(KernelError) {
        try StatisticsManager.measure(ThreadProbe.sleep) { () throws(KernelError) in
            // 1.
            if wakeUp == 0 {
                throw KernelError.invalidArgument
            }
            // 2.
            let alarm = try Scheduler.alarm(identifier, at: wakeUp)
            // 3.
            do throws(KernelError) {
                try change(identifier, .block, wakeUp: wakeUp)
            } catch {
                try? TimerManager.release(alarm)
                throw error
            }
        }
    }

    /// Makes `waiter` (the current thread by default) wait for one of the
    /// `events` of the thread `target`: answered at once if one already
    /// happened (a zombie answers with its death and exit value), else
    /// the waiter is blocked and finds the answer in its `lifecycle.answer`.
    ///
    /// Steps: 1. plan the wait; 2. write it and tell the machine.
    public static func wait(
        _ target: Identifier, for events: WaitEvents, by waiter: Identifier = current
    ) throws(KernelError) -> WaitOutcome {
        let outcome: WaitOutcome = try StatisticsManager.measure(ThreadProbe.wait) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            var plan = LifecyclePlan<ThreadDescriptor>(fetch: { (identifier) throws(KernelError) in
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
        // A thread that waits for itself to be answered runs no more.
        if case .blocked = outcome {
            try Scheduler.rescheduleIfDescheduled()
        }
        return outcome
    }

    /// Sets the priority of the thread `identifier`, refused outside
    /// [10, 250) (`outOfRange`) and for a zombie (`invalidArgument`).
    ///
    /// Steps: 1. find it, check the state and the priority; 2. change it
    /// and tell the machine (if it refuses, the old priority stays).
    public static func priority(_ identifier: Identifier, _ priority: UInt8) throws(KernelError) {
        try StatisticsManager.measure(ThreadProbe.priority) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            var thread = try container().get(identifier)
            if thread.lifecycle.state == .zombie {
                throw KernelError.invalidArgument
            }
            try checkPriority(priority)
            // 2.
            thread.priority = priority
            try Machine.threadPriorityChanged(identifier, priority: priority, record: &thread.machineRecord)
            let changed = thread
            try container().update(identifier) { stored in stored = changed }
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
        // The scheduler takes the new priority in (its level, its quantum).
        try Scheduler.refresh(identifier)
    }

    /// Applies `verb` to the thread `identifier`, sets its wake-up time,
    /// and wakes its waiters.
    ///
    /// Steps: 0. a move that concerns the thread alone is made in place
    /// (`changeAlone`); else 1. plan the move and the wake-ups; 2. set
    /// the wake-up time; 3. write them and tell the machine (a refusal
    /// undoes all).
    static func change(_ identifier: Identifier, _ verb: LifecycleVerb, wakeUp: UInt64) throws(KernelError) {
        try StatisticsManager.measure(ThreadProbe.state) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 0.
            if try changeAlone(identifier, verb, wakeUp: wakeUp) {
                return
            }
            // 1.
            var plan = LifecyclePlan<ThreadDescriptor>(fetch: { (identifier) throws(KernelError) in
                try container().get(identifier)
            })
            try plan.move(identifier, verb)
            // 2.
            var thread = try plan.object(identifier)
            thread.wakeUp = wakeUp
            plan.put(thread)
            // 3.
            try plan.commit(into: container(), notify: notify)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
        // The running thread that blocked, slept, stopped or exited
        // gives the processor up now. (A start never stops the running
        // thread, nor its task: there is nothing to look at, and a
        // message's path starts a thread at every send.)
        if case .start = verb {
            return
        }
        try Scheduler.rescheduleIfDescheduled()
    }

    // excerpt: thread-change-alone
    /// Makes the move of `change` in place when it concerns the thread
    /// alone: no thread waits for it, it waits for no one, and it does
    /// not exit. That is every block and start of a message's path, and
    /// the plan's array and copies cost a fifth of a round trip (book
    /// 7.10: 68,335 instructions before, 54,325 after). Returns
    /// false, the thread untouched, for any other move: the plan makes it.
    ///
    /// Steps: 1. anything else to change: leave it to the plan; 2. apply
    /// the verb and set the wake-up time; 3. tell the scheduler and the
    /// machine; a refusal (thrown) leaves the thread as it was.
    static func changeAlone(_ identifier: Identifier, _ verb: LifecycleVerb, wakeUp: UInt64) throws(KernelError) -> Bool {
        // end excerpt
        // BEGIN ASSIGNMENT 04-task
        if case .exit = verb {
            return false
        }
        return try container().modify(identifier) { (thread) throws(KernelError) -> Bool in
            // 1.
            if !thread.lifecycle.waiters.isEmpty || thread.lifecycle.waitingFor != 0 {
                return false
            }
            // 2. (in place: a refusal puts back what was changed)
            let (lifecycle, oldWakeUp, record) = (thread.lifecycle, thread.wakeUp, thread.machineRecord)
            do throws(KernelError) {
                _ = try thread.lifecycle.apply(verb)
                thread.wakeUp = wakeUp
                // 3.
                if thread.lifecycle.state != lifecycle.state {
                    try notify(&thread, lifecycle.state)
                }
            } catch {
                (thread.lifecycle, thread.wakeUp, thread.machineRecord) = (lifecycle, oldWakeUp, record)
                throw error
            }
            return true
        }
        // ELSE
        // return false
        // END ASSIGNMENT 04-task
    }

    /// Tells the scheduler, then the machine, that `thread` moved from
    /// `previous` to its state (a thread that starts running joins the
    /// scheduler's queues, one that stops leaves them).
    ///
    /// Steps: 1. the scheduler follows; 2. the machine is told (if it
    /// refuses, the scheduler follows the move back).
    static func notify(_ thread: inout ThreadDescriptor, _ previous: ExecutionState) throws(KernelError) {
        let state = thread.lifecycle.state
        // 1.
        try Scheduler.follow(thread, state: state, previous: previous)
        // 2.
        do throws(KernelError) {
            try Machine.threadStateChanged(thread.identifier, state: state, previous: previous,
                                           record: &thread.machineRecord)
        } catch {
            try? Scheduler.follow(thread, state: previous, previous: state)
            throw error
        }
    }
}
