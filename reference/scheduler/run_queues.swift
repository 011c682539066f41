// reference/scheduler/run_queues.swift -- the scheduler's bookkeeping:
// which threads may run, in which queue, for how long.
//
// The run queues are one queue per level, level 0 first. Every thread
// the scheduler knows is either the one running (elected, out of the
// queues) or in exactly one queue, the one of its level:
//
//     running: 0x..18 (level 1, used 4 of 21 ms)
//     level 0: 0x..1a
//     level 1: 0x..1c 0x..1e
//     level 7: 0x..20
//
// An election puts the running thread back at the tail of a queue (the
// level its policy gives it after what it did with its quantum), then
// takes the first thread of the first non-empty level that may run. A
// level of one queue is round robin; levels above levels are priorities.
// A thread's quantum is what it may use at one level, over all its
// turns there: yielding early keeps the rest for its next turn.
//
// What a policy decides (`SchedulingPolicy`): how many levels there are,
// the level a thread enters at and its quantum (from its task's priority
// and its own), the level it moves to after each turn, and how often
// every thread is lifted to the top level (the boost, so that no thread
// waits for ever behind others). The queues here carry those decisions out and
// know nothing of threads or tasks: the tests drive them alone.

import Machine

// excerpt: scheduling-policy
/// A scheduling policy: the decisions the run queues carry out.
public protocol SchedulingPolicy {
    /// The policy's name, for dumps.
    static var name: StaticString { get }
    /// How many levels (queues) it uses; level 0 is elected first.
    static var levels: Int { get }
    /// Milliseconds of running between two boosts (0: never).
    static var boostPeriod: UInt64 { get }
    /// The level a thread enters at, its best: from its task's priority
    /// and its own (below `levels`).
    static func level(taskPriority: UInt8, threadPriority: UInt8) -> Int
    /// The thread's time slice in milliseconds (at least 1), `base`
    /// being the scheduler's base quantum.
    static func quantum(taskPriority: UInt8, threadPriority: UInt8, base: UInt32) -> UInt32
    /// The level after a turn at `level`: `exhausted` if the thread
    /// used its whole quantum, else it gave the processor up early
    /// (`best` is its entry level).
    static func feedback(level: Int, best: Int, exhausted: Bool) -> Int
}
// end excerpt

/// What the run queues know of one thread.
public struct SchedulerEntry: Equatable, Sendable {
    /// What fills the free slots of the queues' table (no thread).
    static let vacant = SchedulerEntry(thread: 0, task: 0, taskPriority: 0, threadPriority: 0, best: 0, level: 0,
                                       quantum: 0)

    /// The thread.
    public let thread: Identifier
    /// Its task.
    public let task: Identifier
    /// Its task's priority.
    public internal(set) var taskPriority: UInt8
    /// Its own priority.
    public internal(set) var threadPriority: UInt8
    /// Its entry (best) level.
    public internal(set) var best: Int
    /// Its level now.
    public internal(set) var level: Int
    /// Its time slice, in milliseconds.
    public internal(set) var quantum: UInt32
    /// Milliseconds it ran at its level since it got there, over all
    /// its turns: its quantum is an allotment per level, so a thread
    /// cannot stay high by yielding just before its quantum ends.
    public internal(set) var used: UInt64 = 0
}

/// The run queues of the policy `Policy` (see the top of this file).
public struct RunQueues<Policy: SchedulingPolicy> {
    /// One queue of thread identifiers per level, oldest first.
    public internal(set) var queues: [ThreadQueue]
    /// Every thread known, running or queued.
    public internal(set) var entries = IdentifierTable(vacant: SchedulerEntry.vacant)
    /// The elected thread (0: none, the processor idles).
    public internal(set) var running: Identifier = 0
    /// The base quantum, in milliseconds.
    public internal(set) var base: UInt32
    /// Milliseconds charged since the last boost.
    public internal(set) var sinceBoost: UInt64 = 0

    /// Empty queues with a base quantum of `base` milliseconds.
    public init(base: UInt32) {
        self.base = base
        queues = [ThreadQueue](repeating: ThreadQueue(), count: Policy.levels)
    }

    /// Adds `thread` of `task`, at the tail of its entry level;
    /// `duplicateIdentifier` if it is there already.
    ///
    /// Steps: 1. refuse a thread known already; 2. its level and
    /// quantum from the policy; 3. queue it.
    public mutating func add(
        _ thread: Identifier, task: Identifier, taskPriority: UInt8, threadPriority: UInt8
    ) throws(KernelError) {
        // 1.
        if entries[thread] != nil {
            throw KernelError.duplicateIdentifier
        }
        // 2.
        let best = clamp(Policy.level(taskPriority: taskPriority, threadPriority: threadPriority))
        let quantum = Policy.quantum(taskPriority: taskPriority, threadPriority: threadPriority, base: base)
        entries[thread] = SchedulerEntry(thread: thread, task: task, taskPriority: taskPriority,
                                         threadPriority: threadPriority, best: best, level: best,
                                         quantum: max(quantum, 1))
        // 3.
        queues[best].append(thread)
    }

    /// Forgets `thread` (running or queued); `unknownIdentifier` if it
    /// is not there. The running thread removed, none runs.
    public mutating func remove(_ thread: Identifier) throws(KernelError) {
        guard let entry = entries[thread] else {
            throw KernelError.unknownIdentifier
        }
        if running == thread {
            running = 0
        } else {
            queues[entry.level].remove(thread)
        }
        entries[thread] = nil
    }

    /// New priorities for `thread`: its entry level and quantum follow,
    /// and it moves to its new entry level (a change of priority starts
    /// its feedback afresh); `unknownIdentifier` if it is not there.
    ///
    /// Steps: 1. find it; 2. recompute; 3. move it if it is queued.
    public mutating func update(_ thread: Identifier, taskPriority: UInt8, threadPriority: UInt8) throws(KernelError) {
        // 1.
        guard var entry = entries[thread] else {
            throw KernelError.unknownIdentifier
        }
        // 2.
        let previous = entry.level
        entry.taskPriority = taskPriority
        entry.threadPriority = threadPriority
        entry.best = clamp(Policy.level(taskPriority: taskPriority, threadPriority: threadPriority))
        entry.level = entry.best
        entry.quantum = max(Policy.quantum(taskPriority: taskPriority, threadPriority: threadPriority, base: base), 1)
        entries[thread] = entry
        // 3.
        if running != thread && previous != entry.level {
            queues[previous].remove(thread)
            queues[entry.level].append(thread)
        }
    }

    /// A new base quantum (not 0): every thread's quantum follows.
    public mutating func setBase(_ base: UInt32) throws(KernelError) {
        if base == 0 {
            throw KernelError.invalidArgument
        }
        self.base = base
        for (thread, entry) in entries {
            let quantum = Policy.quantum(taskPriority: entry.taskPriority, threadPriority: entry.threadPriority, base: base)
            entries[thread]?.quantum = max(quantum, 1)
        }
    }

    /// Charges `milliseconds` to the running thread; true when its
    /// quantum is used up (the scheduler then elects another).
    public mutating func charge(_ milliseconds: UInt64) -> Bool {
        guard running != 0, var entry = entries[running] else {
            return false
        }
        entry.used += milliseconds
        entries[running] = entry
        sinceBoost += milliseconds
        return entry.used >= UInt64(entry.quantum)
    }

    /// Elects the next thread: the running one goes back to a queue, at
    /// the level the policy gives it, then the first thread that
    /// `eligible` accepts, from level 0 down, is taken out and runs.
    /// Returns it, or 0 when none may run (idle).
    ///
    /// Steps: 1. requeue the running thread after its turn (a thread
    /// that used up its quantum starts a new one at its new level);
    /// 2. boost if it is time; 3. take the first eligible thread, top
    /// level first; 4. none: idle.
    public mutating func elect(_ eligible: (SchedulerEntry) -> Bool) -> Identifier {
        // 1.
        if running != 0, var entry = entries[running] {
            let exhausted = entry.used >= UInt64(entry.quantum)
            entry.level = clamp(Policy.feedback(level: entry.level, best: entry.best, exhausted: exhausted))
            if exhausted {
                entry.used = 0
            }
            entries[running] = entry
            queues[entry.level].append(running)
            running = 0
        }
        // 2.
        if Policy.boostPeriod > 0 && sinceBoost >= Policy.boostPeriod {
            boost()
        }
        // 3.
        for level in queues.indices {
            if let offset = queues[level].firstOffset(where: { entries[$0].map(eligible) == true }) {
                running = queues[level].remove(at: offset)
                return running
            }
        }
        // 4.
        return 0
    }

    /// Puts the elected thread back at the head of its queue, unelected
    /// (the machine refused to run it): nothing runs.
    public mutating func unelect() {
        if running != 0, let entry = entries[running] {
            queues[entry.level].prepend(running)
        }
        running = 0
    }

    /// Lifts every thread to the top level with a fresh quantum (the
    /// queued ones in the order they were queued, top level first; the
    /// running one stays elected), and restarts the count: every thread
    /// runs within one round of the top level, whatever sank it.
    public mutating func boost() {
        var lifted: [Identifier] = []
        for queue in queues {
            lifted += queue
        }
        for thread in lifted + [running] {
            entries[thread]?.level = 0
            entries[thread]?.used = 0
        }
        queues = [ThreadQueue](repeating: ThreadQueue(), count: queues.count)
        queues[0] = ThreadQueue(lifted)
        sinceBoost = 0
    }

    /// The entry of `thread`, if it is there.
    public func entry(_ thread: Identifier) -> SchedulerEntry? {
        entries[thread]
    }

    /// How many threads are known (running and queued).
    public var count: Int { entries.count }

    /// Checks the invariant: every known thread is the running one or in
    /// exactly one queue, the one of its level; nothing else is queued.
    /// Returns what is wrong, nil if nothing.
    public func inconsistency() -> String? {
        var seen = 0
        for (level, queue) in queues.enumerated() {
            for thread in queue {
                guard let entry = entries[thread] else { return "0x\(hexadecimal(thread)) queued, unknown" }
                if entry.level != level { return "0x\(hexadecimal(thread)) in level \(level), not \(entry.level)" }
                if thread == running { return "0x\(hexadecimal(thread)) running and queued" }
                seen += 1
            }
        }
        if running != 0 {
            if entries[running] == nil { return "running 0x\(hexadecimal(running)) unknown" }
            seen += 1
        }
        return seen == entries.count ? nil : "\(entries.count) threads known, \(seen) placed"
    }

    /// `level` kept within the levels (a policy's answer is not trusted).
    func clamp(_ level: Int) -> Int {
        min(max(level, 0), queues.count - 1)
    }
}
