// reference/scheduler/scheduler.swift -- the scheduler: which thread
// runs, and for how long.
//
// The scheduler keeps the threads that may run in its run queues
// (run_queues.swift), arranged by the policy named below, and elects
// one of them whenever the processor is free: when the running thread
// yields, blocks, stops or exits, and when its quantum runs out (the
// clock preempts it once the scheduler is started). It never switches
// stacks itself: it tells the machine which thread to resume
// (`schedulerElected`), or that nothing can run (`schedulerIdle`).
//
// It follows the threads' states: a thread that becomes running (start,
// a wake-up) is added, one that stops running (stop, block, a wait,
// exit) is removed, by the thread manager's state hook (thread_state.swift);
// a released thread is forgotten, a new priority is taken in. A thread
// runs only while its task runs too: the others wait in their queues.

import Machine

/// The scheduler's answer to an election.
public enum SchedulerChoice: Equatable, Sendable {
    /// This thread runs next.
    case thread(Identifier)
    /// Nothing can run: the machine halts until the next interrupt.
    case idle
}

/// The probes of the scheduler, one per measured function.
enum SchedulerProbe {
    static let add = StatisticsManager.reserve(manager: "scheduler", function: "add")
    static let remove = StatisticsManager.reserve(manager: "scheduler", function: "remove")
    static let update = StatisticsManager.reserve(manager: "scheduler", function: "update")
    static let elect = StatisticsManager.reserve(manager: "scheduler", function: "elect")
    static let state = StatisticsManager.reserve(manager: "scheduler", function: "state")
    static let quantum = StatisticsManager.reserve(manager: "scheduler", function: "quantum")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [add, remove, update, elect, state, quantum]
        _ = all.count
    }
}

/// Elects the thread that runs.
public enum Scheduler {
    /// The policy: one word chooses it (`RoundRobin` or
    /// `MultilevelFeedback`, or any type of `SchedulingPolicy`).
    // BEGIN ASSIGNMENT 05-scheduler
    public typealias Policy = MultilevelFeedback
    // ELSE
    // public typealias Policy = RoundRobin
    // END ASSIGNMENT 05-scheduler

    /// The base quantum after `initialize`, in milliseconds.
    public static let defaultQuantum: UInt32 = 10

    /// The run queues; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var queues: RunQueues<Policy>?
    /// True between `start` and `stop`: the clock preempts.
    nonisolated(unsafe) public internal(set) static var preempting = false
    /// Elections so far (idle ones included).
    nonisolated(unsafe) public internal(set) static var elections: UInt64 = 0

    /// Starts the manager: empty queues, the default quantum, no
    /// preemption yet (`start`).
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. empty queues.
    public static func initialize() throws(KernelError) {
        // 1.
        if queues != nil {
            throw KernelError.busy
        }
        SchedulerProbe.reserveAll()
        // 2.
        queues = RunQueues<Policy>(base: defaultQuantum)
        preempting = false
        elections = 0
    }

    /// Stops the manager: preemption stops, the queues are forgotten
    /// (the threads stay, with their states).
    ///
    /// Steps: 1. stop preempting; 2. forget the queues.
    public static func clean() throws(KernelError) {
        guard queues != nil else {
            return
        }
        // 1.
        if preempting {
            try stop()
        }
        // 2.
        queues = nil
    }

    /// Lets the clock preempt: from now on a thread that used its
    /// quantum gives way (`busy` if already started).
    public static func start() throws(KernelError) {
        // BEGIN ASSIGNMENT 05-scheduler
        let held = try container()
        if preempting {
            throw KernelError.busy
        }
        try Machine.schedulerStarted(quantum: held.base)
        preempting = true
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 05-scheduler
    }

    /// Stops preemption: threads run until they yield or block
    /// (`invalidArgument` if not started).
    public static func stop() throws(KernelError) {
        // BEGIN ASSIGNMENT 05-scheduler
        _ = try container()
        if !preempting {
            throw KernelError.invalidArgument
        }
        try Machine.schedulerStopped()
        preempting = false
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 05-scheduler
    }

    /// Sets the base quantum to `milliseconds` (not 0): every thread's
    /// quantum follows from it.
    public static func quantum(_ milliseconds: UInt32) throws(KernelError) {
        try StatisticsManager.measure(SchedulerProbe.quantum) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 05-scheduler
            var held = try container()
            try held.setBase(milliseconds)
            queues = held
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 05-scheduler
        }
    }

    /// The quantum of the thread `thread`, in milliseconds
    /// (`unknownIdentifier` if the scheduler does not hold it).
    public static func quantum(of thread: Identifier) throws(KernelError) -> UInt32 {
        guard let entry = try container().entry(thread) else {
            throw KernelError.unknownIdentifier
        }
        return entry.quantum
    }

    /// The thread elected last (0: none, the processor idles).
    public static func current() -> Identifier {
        queues?.running ?? 0
    }

    /// True if the scheduler holds `thread` (running or queued).
    public static func exist(_ thread: Identifier) -> Bool {
        queues?.entry(thread) != nil
    }

    /// Prints what the scheduler knows of the thread `thread`.
    public static func show(_ thread: Identifier) throws(KernelError) {
        guard let entry = try container().entry(thread) else {
            throw KernelError.unknownIdentifier
        }
        print("  thread 0x\(hexadecimal(entry.thread)) task 0x\(hexadecimal(entry.task)) priorities"
            + " \(entry.taskPriority)/\(entry.threadPriority) level \(entry.level) (best \(entry.best))"
            + " quantum \(entry.quantum) ms used \(entry.used)")
    }

    /// Prints the policy, the running thread and every queue.
    public static func dump() {
        guard let held = queues else {
            print("scheduler: none (the manager is not initialised)")
            return
        }
        print("scheduler: \(Policy.name), quantum \(held.base) ms, \(preempting ? "preempting" : "not preempting"),"
            + " \(held.count) threads, \(elections) elections, running 0x\(hexadecimal(held.running))")
        for (level, queue) in held.queues.enumerated() where !queue.isEmpty {
            var line = "  level \(level):"
            for thread in queue {
                line += " 0x\(hexadecimal(thread))"
            }
            print(line)
        }
    }

    /// The run queues, or `busy` before `initialize`.
    static func container() throws(KernelError) -> RunQueues<Policy> {
        guard let held = queues else { throw KernelError.busy }
        return held
    }
}
