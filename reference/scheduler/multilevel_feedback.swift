// reference/scheduler/multilevel_feedback.swift -- the kernel's policy:
// multilevel feedback queues.
//
// A thread's priority is the mean of its task's priority (inside its
// behaviour's band: background 10-50 ... core 210-250) and its own (10
// to 249), so a task's behaviour counts as much as the thread's own
// choice. From that priority p:
//
// * its entry level: eight levels, 30 priorities each, the highest
//   first:  p 220-249 -> level 0,  190-219 -> 1,  ...,  10-39 -> 7;
// * its quantum: base * p / 50 milliseconds (at least 1): with the base
//   of 10 ms, 2 ms at p = 10, 20 ms at p = 100, 49 ms at p = 249. A
//   higher priority runs first and longer;
// * feedback: a thread that used its whole quantum at a level (it
//   computes) drops one level; one that gives the processor up early
//   (it yields: the rest of its quantum waits for its next turn) keeps
//   its level; one that blocks comes back at its entry level when it
//   wakes (it waits for something: it rises). Computing threads sink
//   below the interactive ones, and yielding just before the quantum
//   ends does not keep a thread up: the quantum counts over its turns;
// * boost: every second of running, every thread goes to the top level
//   with a fresh quantum, so no thread starves: after a boost each one
//   runs within one round of the top level.

import Machine

/// Multilevel feedback queues (see the top of this file).
public enum MultilevelFeedback: SchedulingPolicy {
    /// "multilevel-feedback".
    public static var name: StaticString { "multilevel-feedback" }
    /// Eight levels.
    public static var levels: Int { 8 }
    /// A boost every second of running.
    public static var boostPeriod: UInt64 { 1000 }

    /// The mean of the task's priority and the thread's.
    public static func priority(taskPriority: UInt8, threadPriority: UInt8) -> UInt32 {
        (UInt32(taskPriority) + UInt32(threadPriority)) / 2
    }

    /// Thirty priorities per level, the highest at level 0.
    public static func level(taskPriority: UInt8, threadPriority: UInt8) -> Int {
        // BEGIN ASSIGNMENT 05-scheduler
        let p = min(priority(taskPriority: taskPriority, threadPriority: threadPriority), 249)
        return min(Int((249 - p) / 30), levels - 1)
        // ELSE
        // return 0
        // END ASSIGNMENT 05-scheduler
    }

    /// base * p / 50 milliseconds, at least 1.
    public static func quantum(taskPriority: UInt8, threadPriority: UInt8, base: UInt32) -> UInt32 {
        // BEGIN ASSIGNMENT 05-scheduler
        let p = UInt64(priority(taskPriority: taskPriority, threadPriority: threadPriority))
        let slice = UInt64(base) * p / 50
        return UInt32(min(max(slice, 1), UInt64(UInt32.max)))
        // ELSE
        // return base
        // END ASSIGNMENT 05-scheduler
    }

    /// Down one level after a whole quantum; the same level after
    /// giving the processor up early.
    public static func feedback(level: Int, best: Int, exhausted: Bool) -> Int {
        // BEGIN ASSIGNMENT 05-scheduler
        if exhausted {
            return min(level + 1, levels - 1)
        }
        return level
        // ELSE
        // return level
        // END ASSIGNMENT 05-scheduler
    }
}
