// reference/scheduler/round_robin.swift -- the simplest policy: one
// queue, one quantum, every thread in turn.
//
// Every thread enters the same level and gets the base quantum whatever
// its priorities; after its turn it goes back to the tail. With threads
// A, B and C runnable the processor runs A B C A B C ..., each for the
// same time. No thread ever waits more than (n - 1) quanta.
//
// The kit's skeletons keep this file whole: it runs the threads of
// assignment 04 before the multilevel feedback policy of assignment 05
// is written.

import Machine

// excerpt: round-robin
/// One queue, one quantum: every runnable thread in turn.
public enum RoundRobin: SchedulingPolicy {
    /// "round-robin".
    public static var name: StaticString { "round-robin" }
    /// A single queue.
    public static var levels: Int { 1 }
    /// Nothing sinks, so nothing needs lifting.
    public static var boostPeriod: UInt64 { 0 }

    /// Every thread enters the one queue.
    public static func level(taskPriority: UInt8, threadPriority: UInt8) -> Int {
        0
    }

    /// Every thread gets the base quantum.
    public static func quantum(taskPriority: UInt8, threadPriority: UInt8, base: UInt32) -> UInt32 {
        base
    }

    /// Back to the one queue, whatever the thread did.
    public static func feedback(level: Int, best: Int, exhausted: Bool) -> Int {
        0
    }
}
// end excerpt
