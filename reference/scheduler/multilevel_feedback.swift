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
// * feedback: a thread that used its whole quantum (it computes) drops
//   one level; one that gave the processor up early (it blocked or
//   yielded: it waits for something) rises one level, never above its
//   entry level. Computing threads sink below the interactive ones;
// * boost: every second of running, every thread goes back to its entry
//   level, so a thread that sank can never starve: within a boost
//   period the sunk threads all reach the lowest level and share it.

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

    /// Down one level after a whole quantum; up one (not above `best`)
    /// after giving the processor up early.
    public static func feedback(level: Int, best: Int, exhausted: Bool) -> Int {
        // BEGIN ASSIGNMENT 05-scheduler
        if exhausted {
            return min(level + 1, levels - 1)
        }
        return max(level - 1, best)
        // ELSE
        // return level
        // END ASSIGNMENT 05-scheduler
    }
}
