// assignments/05-scheduler/tests/scheduler_verbs_tests.swift -- the
// scheduler's bookkeeping without running anything: the quantum and level
// a priority gives, the errors of start, stop and quantum; and an
// interrupt line taken as an event.

import IA32
import Kernel
import Machine

/// The priority the policy uses: the mean of the task's and the thread's.
func meanPriority(_ task: UInt8, _ thread: UInt8) -> UInt32 {
    (UInt32(task) + UInt32(thread)) / 2
}

/// A thread's quantum is base * p / 50 ms and its entry level (249 - p)
/// / 30, p the mean of its task's priority and its own; a new base
/// quantum applies to every thread.
func test_sched_quantum_policy() throws(TestFailure) {
    try executionStart()
    try requireMultilevelFeedback()
    let pairs: [(TaskBehaviour, UInt8, UInt8)] = [
        (.background, 10, 10), (.timesharing, 100, 100), (.timesharing, 50, 200),
        (.interactive, 160, 120), (.core, 250, 249),
        // Both sides of two level boundaries: p = 220 | 219 and 190 | 189.
        (.core, 220, 220), (.core, 220, 218), (.realtime, 190, 190), (.realtime, 190, 188),
    ]
    var threads: [Identifier] = []
    for (behaviour, taskPriority, priority) in pairs {
        let task = try startedTask(.core, behaviour, priority: taskPriority)
        let thread = try expectSuccess("reserve a thread") { () throws(KernelError) in
            try ThreadManager.reserve(task, priority: priority, stackSize: threadStack, entry: 0x1000)
        }
        try expectSuccess("start it (it is queued, never run)") { () throws(KernelError) in try ThreadManager.start(thread) }
        threads.append(thread)
    }
    check("quantum") { () throws(TestFailure) in
        for (index, (_, taskPriority, priority)) in pairs.enumerated() {
            let p = meanPriority(taskPriority, priority)
            let quantum = try expectSuccess("its quantum") { () throws(KernelError) in try Scheduler.quantum(of: threads[index]) }
            try expectEqual(quantum, max(10 * p / 50, 1), "the quantum at priorities \(taskPriority)/\(priority) (p = \(p))")
        }
    }
    check("level") { () throws(TestFailure) in
        for (index, (_, taskPriority, priority)) in pairs.enumerated() {
            let p = min(meanPriority(taskPriority, priority), 249)
            let entry = try schedulerEntry(threads[index])
            try expectEqual(entry.best, Int((249 - p) / 30), "the entry level at priorities \(taskPriority)/\(priority)")
            try expectEqual(entry.level, entry.best, "the level of a thread that never ran")
        }
    }
    check("base_change") { () throws(TestFailure) in
        try expectSuccess("set the base quantum to 20 ms") { () throws(KernelError) in try Scheduler.quantum(20) }
        for (index, (_, taskPriority, priority)) in pairs.enumerated() {
            let p = meanPriority(taskPriority, priority)
            let quantum = try expectSuccess("its quantum") { () throws(KernelError) in try Scheduler.quantum(of: threads[index]) }
            try expectEqual(quantum, max(20 * p / 50, 1), "the quantum on a base of 20 ms at p = \(p)")
        }
        // A base so short that low priorities round down to nothing:
        // a quantum is still one tick at least.
        try expectSuccess("set the base quantum to 1 ms") { () throws(KernelError) in try Scheduler.quantum(1) }
        for (index, (_, taskPriority, priority)) in pairs.enumerated() {
            let p = meanPriority(taskPriority, priority)
            let quantum = try expectSuccess("its quantum") { () throws(KernelError) in try Scheduler.quantum(of: threads[index]) }
            try expectEqual(quantum, max(p / 50, 1), "the quantum on a base of 1 ms at p = \(p)")
        }
    }
}

/// Start, stop and quantum refuse what makes no sense, and a refusal
/// changes nothing: stop before start, start twice, a zero quantum,
/// threads the scheduler does not hold (add and remove too).
func test_sched_errors() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    let stopped = try expectSuccess("reserve a thread, not started") { () throws(KernelError) in
        try ThreadManager.reserve(task, priority: 100, stackSize: threadStack, entry: 0x1000)
    }
    check("start_stop") { () throws(TestFailure) in
        try expectError(.invalidArgument, "stop before start") { () throws(KernelError) in try Scheduler.stop() }
        try expect(!Scheduler.preempting, "a refused stop started preemption")
        try expectSuccess("start") { () throws(KernelError) in try Scheduler.start() }
        try expectError(.busy, "start twice") { () throws(KernelError) in try Scheduler.start() }
        try expect(Scheduler.preempting, "a refused second start stopped preemption")
        try expectSuccess("stop") { () throws(KernelError) in try Scheduler.stop() }
        try expectError(.invalidArgument, "stop twice") { () throws(KernelError) in try Scheduler.stop() }
        try expect(!Scheduler.preempting, "preempting after stop")
    }
    check("quantum") { () throws(TestFailure) in
        let base = Scheduler.queues?.base ?? 0
        try expectError(.invalidArgument, "a base quantum of 0 ms") { () throws(KernelError) in try Scheduler.quantum(0) }
        try expectEqual(Scheduler.queues?.base ?? 0, base, "the base quantum after a refused change")
        try expectError(.unknownIdentifier, "the quantum of a thread not started") { () throws(KernelError) in
            try Scheduler.quantum(of: stopped)
        }
        // Membership: add and remove refuse a thread that does not run.
        let count = Scheduler.queues?.count ?? -1
        try expectError(.invalidArgument, "add a thread that is not running") { () throws(KernelError) in
            try Scheduler.add(stopped)
        }
        try expectError(.unknownIdentifier, "remove a thread the scheduler does not hold") { () throws(KernelError) in
            try Scheduler.remove(stopped)
        }
        try expectEqual(Scheduler.queues?.count ?? -1, count, "threads held after refused add and remove")
        try expect(!Scheduler.exist(stopped), "the scheduler holds a thread that never started")
    }
}

// MARK: events

/// The events the handler saw: (number, data).
nonisolated(unsafe) var eventsSeen: [(UInt8, UInt64)] = []

/// Notes the event.
let noteEvent: EventHandler = { number, data in
    eventsSeen.append((number, data))
}

/// The line the event tests raise (free on the PC: no device uses it).
let testLine: UInt8 = 5

/// Raises the test line in software and halts until the next tick, at
/// which the machine tells the core of it (the boot context is not
/// preemptible, so the line waits until the idle loop).
/// Fails if the event manager met an error there (its dispatch threw).
func raiseTestLine() throws(TestFailure) {
    Kernel.interruptFailures.events = nil
    ia32_raise_irq(testLine)
    Clock.idle()
    Clock.idle()
    if let error = Kernel.interruptFailures.events {
        throw TestFailure("the event manager failed to dispatch line \(testLine): \(error.description)")
    }
}

/// An interrupt line reserved as an event with a kernel handler: raising
/// it runs the handler once with the event's number and data, and the
/// event counts it.
func test_event_irq_dispatch() throws(TestFailure) {
    try executionStart()
    let number = EventNumbers.interrupt(testLine)
    try expectSuccess("reserve the event of line 5") { () throws(KernelError) in
        try EventManager.reserve(number, .kernel(noteEvent), data: 0x5EED)
    }
    try raiseTestLine()
    check("dispatched") { () throws(TestFailure) in
        try expectEqual(eventsSeen.count, 1, "handler calls after one raise")
        try expectEqual(eventsSeen[0].0, number, "the event number the handler got")
        try expectEqual(eventsSeen[0].1, 0x5EED, "the data the handler got")
    }
    check("counted") { () throws(TestFailure) in
        let event = try expectSuccess("get the event") { () throws(KernelError) in try EventManager.get(number) }
        try expectEqual(event.delivered, 1, "the event's count of deliveries")
        try expectEqual(event.missed, 0, "the event's count of misses")
        try raiseTestLine()
        try expectEqual(eventsSeen.count, 2, "handler calls after a second raise")
    }
}
