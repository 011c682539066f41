// reference/scheduler/scheduler_elect.swift -- the scheduler's verbs
// that change its queues: add, remove, update, elect, yield, and the
// clock's tick that preempts.
//
// A thread enters the queues when it becomes running and leaves them
// when it stops running; the thread manager calls `follow` from its
// state hook, so every way a state changes (start, stop, block, a wait,
// a wake-up, exit) is seen, and a change the machine refuses is undone
// here too. `add` and `remove` are the same moves for a caller that
// wants them by hand.
//
// The preemption path: the clock charges its milliseconds to the
// running thread (`tick`); when its quantum is used up the scheduler
// elects again, and the thread goes back to a queue, one level down
// under multilevel feedback. A thread that yields or blocks before
// that keeps its level or rises.

import Machine

extension Scheduler {
    /// Adds the running thread `thread` to its queue (`invalidArgument`
    /// if it is not running, `duplicateIdentifier` if it is there).
    public static func add(_ thread: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SchedulerProbe.add) { () throws(KernelError) in
            _ = try container()
            let descriptor = try ThreadManager.get(thread)
            if descriptor.lifecycle.state != .running {
                throw KernelError.invalidArgument
            }
            try enqueue(descriptor)
        }
    }

    /// Takes the thread `thread` out of the queues (`unknownIdentifier`
    /// if it is not there); if it was elected, nothing runs until the
    /// next election.
    public static func remove(_ thread: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SchedulerProbe.remove) { () throws(KernelError) in
            _ = try container()
            try queues?.remove(thread)
        }
    }

    /// Takes in the priorities of the thread `thread` and of its task
    /// (`unknownIdentifier` if the scheduler does not hold it).
    public static func update(_ thread: Identifier) throws(KernelError) {
        try StatisticsManager.measure(SchedulerProbe.update) { () throws(KernelError) in
            _ = try container()
            let descriptor = try ThreadManager.get(thread)
            let task = try TaskManager.get(descriptor.task)
            try queues?.update(thread, taskPriority: task.priority, threadPriority: descriptor.priority)
        }
    }

    /// The running thread gives the processor up before its quantum
    /// ends: it goes back to its queue (keeping or raising its level)
    /// and the scheduler elects again (it may elect it again).
    @discardableResult
    public static func yield() throws(KernelError) -> SchedulerChoice {
        try elect()
    }

    /// Elects the thread that runs next, and tells the machine: the
    /// elected thread (now current, with its task) is resumed, or the
    /// processor idles if no thread of a running task is queued.
    ///
    /// Steps: 1. remember who ran; 2. let the queues choose among the
    /// threads whose task runs; 3. none: idle; 4. else make it current
    /// and tell the machine (if it refuses, the thread goes back to the
    /// head of its queue and nothing runs).
    @discardableResult
    public static func elect() throws(KernelError) -> SchedulerChoice {
        try StatisticsManager.measure(SchedulerProbe.elect) { () throws(KernelError) in
            // 1.
            _ = try container()
            let previous = ThreadManager.current
            // 2.
            let chosen = queues?.elect(taskRuns) ?? 0
            elections += 1
            // 3.
            if chosen == 0 {
                ThreadManager.current = 0
                TaskManager.current = TaskManager.kernel
                try Machine.schedulerIdle(previous: previous)
                return .idle
            }
            // 4.
            do throws(KernelError) {
                try resume(chosen, previous: previous)
            } catch {
                queues?.unelect()
                ThreadManager.current = 0
                TaskManager.current = TaskManager.kernel
                throw error
            }
            return .thread(chosen)
        }
    }

    /// The clock went `milliseconds` on (`Kernel.tick`, after the
    /// timers). Once started, the scheduler charges them to the running
    /// thread and elects again when its quantum is used up, or when
    /// nothing runs and a thread waits in a queue.
    ///
    /// Steps: 1. nothing to do before `start`; 2. an idle processor
    /// takes a thread that became runnable; 3. else charge the running
    /// thread, and preempt it when its quantum is over.
    public static func tick(_ milliseconds: UInt64) throws(KernelError) {
        // 1.
        guard queues != nil, preempting else {
            return
        }
        // 2.
        if current() == 0 && (queues?.count ?? 0) > 0 {
            try elect()
            return
        }
        // 3.
        // BEGIN ASSIGNMENT 05-scheduler
        if queues?.charge(milliseconds) == true {
            try elect()
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 05-scheduler
    }

    // MARK: following the threads

    // excerpt: scheduler-reschedule
    /// After a change of state: if the thread that runs may run no more
    /// (it, or its task, blocked, slept, waited, stopped or exited),
    /// elect another one now, so that it does not go on running. On a
    /// machine that switches stacks, this returns only once the thread
    /// is elected again (a sleeper after its alarm), or never (a thread
    /// that exited).
    ///
    /// Steps: 1. nothing to do without queues or a running thread;
    /// 2. nothing to do while it is still the elected thread and its
    /// task runs; 3. elect.
    ///
    /// Step 2 asks the queues, not the thread manager: a thread that
    /// stops running leaves them (`follow`), so the elected thread is
    /// still elected only while it runs, and its entry names its task.
    /// (Reading the thread's descriptor instead cost a search of the
    /// threads' set and a copy, after every change of state.)
    static func rescheduleIfDescheduled() throws(KernelError) {
        // 1.
        let running = ThreadManager.current
        guard queues != nil, running != 0 else {
            return
        }
        // 2.
        if queues?.running == running, let entry = queues?.entry(running), taskRuns(entry) {
            return
        }
        // 3.
        try elect()
    }
    // end excerpt


    // excerpt: scheduler-follow
    /// The thread `thread` moved from `previous` to `state` (the thread
    /// manager's state hook calls this): a thread that starts running
    /// joins its queue, one that stops running leaves.
    static func follow(_ thread: ThreadDescriptor, state: ExecutionState, previous: ExecutionState) throws(KernelError) {
        guard queues != nil else {
            return
        }
        try StatisticsManager.measure(SchedulerProbe.state) { () throws(KernelError) in
            if state == .running && previous != .running {
                try enqueue(thread)
            } else if previous == .running && state != .running {
                try queues?.remove(thread.identifier)
            }
        }
    }
    // end excerpt

    /// Forgets the released thread `thread`, if the scheduler held it.
    static func forget(_ thread: Identifier) {
        if exist(thread) {
            try? queues?.remove(thread)
        }
    }

    /// Takes in the new priority of the thread `thread`, if the
    /// scheduler holds it.
    static func refresh(_ thread: Identifier) throws(KernelError) {
        if exist(thread) {
            try update(thread)
        }
    }

    /// Takes in the new priority of the task `task` for each of its
    /// threads the scheduler holds.
    static func refresh(task: Identifier) throws(KernelError) {
        for thread in try TaskManager.threads(of: task) {
            try refresh(thread)
        }
    }

    // MARK: sleepers

    /// Reserves the one-shot timer that wakes the thread `thread` when
    /// the clock reads `wakeUp` (at the next millisecond if that is
    /// past); returns the timer.
    static func alarm(_ thread: Identifier, at wakeUp: UInt64) throws(KernelError) -> Identifier {
        let now = TimerManager.clock
        let delay = wakeUp > now ? wakeUp - now : 1
        return try TimerManager.reserve(delay: delay, data: thread, handler: wake)
    }

    /// An alarm rang (a timer handler: `thread` is its data word): the
    /// thread starts if it still sleeps until now or earlier. One that
    /// was started early, released, or sleeps until later since, is
    /// left alone.
    static func wake(_ timer: Identifier, _ thread: Identifier) {
        guard let sleeper = try? ThreadManager.get(thread) else {
            return
        }
        let due = sleeper.wakeUp != 0 && sleeper.wakeUp <= TimerManager.clock
        if due && sleeper.lifecycle.state == .blocked && sleeper.lifecycle.waitingFor == 0 {
            try? ThreadManager.start(thread)
        }
    }

    // MARK: helpers

    /// Queues the running thread `thread` at its entry level.
    static func enqueue(_ thread: ThreadDescriptor) throws(KernelError) {
        let taskPriority = try TaskManager.container().read(thread.task) { $0.priority }
        try queues?.add(thread.identifier, task: thread.task, taskPriority: taskPriority,
                        threadPriority: thread.priority)
    }

    /// True if the task of `entry` runs: a thread of a stopped or
    /// blocked task waits in its queue.
    static func taskRuns(_ entry: SchedulerEntry) -> Bool {
        (try? TaskManager.state(of: entry.task)) == .running
    }

    // excerpt: scheduler-resume
    /// What the machine is told of an elected thread: plain values only.
    /// A descriptor held across the machine's hook would keep its arrays
    /// alive for as long as the previous thread stays switched out:
    /// forever, for a thread that exited.
    struct Election {
        let task: Identifier
        let space: Identifier
        let taskClass: TaskClass
        let quantum: UInt32
        let record: Machine.ThreadRecord
    }

    /// The plain values of the election of `chosen`.
    static func election(of chosen: Identifier) throws(KernelError) -> Election {
        let (task, record) = try ThreadManager.container().read(chosen) { ($0.task, $0.machineRecord) }
        let (space, taskClass) = try TaskManager.container().read(task) { ($0.space, $0.taskClass) }
        return Election(task: task, space: space, taskClass: taskClass,
                        quantum: queues?.entry(chosen)?.quantum ?? 0, record: record)
    }

    /// Makes the elected thread `chosen` current and tells the machine
    /// to resume it. The machine may switch stacks inside its hook and
    /// come back only when `previous` runs again, so everything is done
    /// before the hook and nothing after it.
    ///
    /// Steps: 1. the election's plain values; 2. make the thread and its
    /// task current; 3. tell the machine (if it refuses, they are
    /// current no more).
    static func resume(_ chosen: Identifier, previous: Identifier) throws(KernelError) {
        // 1.
        let election = try election(of: chosen)
        // 2.
        ThreadManager.current = chosen
        TaskManager.current = election.task
        // 3.
        do throws(KernelError) {
            try Machine.schedulerElected(chosen, task: election.task, space: election.space,
                                         taskClass: election.taskClass, quantum: election.quantum,
                                         previous: previous, record: election.record)
        } catch {
            ThreadManager.current = 0
            TaskManager.current = TaskManager.kernel
            throw error
        }
    }
    // end excerpt
}
