// Tests/KernelCoreTests/SchedulerPropertyTests.swift -- seeded random
// runs: thread operations and clock ticks in the kernel, checked after
// every step (every running thread in exactly one place, nothing else
// held, never a blocked thread or a thread of a stopped task elected);
// and the bound on how long a runnable thread waits under multilevel
// feedback, with a boost-less policy as the control that breaks it.

import Testing
@testable import Kernel
@testable import Machine

/// Multilevel feedback without its boost: threads that block often
/// stay at the top and starve the others.
enum NoBoost: SchedulingPolicy {
    static var name: StaticString { "no-boost" }
    static var levels: Int { MultilevelFeedback.levels }
    static var boostPeriod: UInt64 { 0 }
    static func level(taskPriority: UInt8, threadPriority: UInt8) -> Int {
        MultilevelFeedback.level(taskPriority: taskPriority, threadPriority: threadPriority)
    }
    static func quantum(taskPriority: UInt8, threadPriority: UInt8, base: UInt32) -> UInt32 {
        MultilevelFeedback.quantum(taskPriority: taskPriority, threadPriority: threadPriority, base: base)
    }
    static func feedback(level: Int, best: Int, exhausted: Bool) -> Int {
        MultilevelFeedback.feedback(level: level, best: best, exhausted: exhausted)
    }
}

/// The longest time, in milliseconds, a runnable thread waited for the
/// processor in a run of `milliseconds` with `count` threads: two of
/// core priority that block and wake often (interactive), the rest of
/// random lower priorities that compute, some yielding now and then.
func longestWait<Policy: SchedulingPolicy>(
    _ policy: Policy.Type, seed: UInt64, count: Int, milliseconds: UInt64
) throws -> UInt64 {
    var random = SeededGenerator(seed: seed)
    var queues = RunQueues<Policy>(base: 10)
    var priorities: [Identifier: (UInt8, UInt8)] = [:]
    for thread in 1...Identifier(count) {
        priorities[thread] = thread <= 2 ? (240, 240) : (UInt8.random(in: 10...130, using: &random),
                                                         UInt8.random(in: 10...249, using: &random))
        try queues.add(thread, task: 1, taskPriority: priorities[thread]!.0, threadPriority: priorities[thread]!.1)
    }
    var lastRan: [Identifier: UInt64] = [:]
    var worst: UInt64 = 0
    /// Elects, and measures the wait of the one elected.
    func elect(at now: UInt64) {
        let thread = queues.elect { _ in true }
        worst = max(worst, now - (lastRan[thread] ?? 0))
    }
    elect(at: 0)
    for now in 1...milliseconds {
        let thread = queues.running
        lastRan[thread] = now
        let exhausted = queues.charge(1)
        if thread <= 2 && Bool.random(using: &random) {
            // it blocks and wakes at once: back at its entry level
            try queues.remove(thread)
            try queues.add(thread, task: 1, taskPriority: 240, threadPriority: 240)
            elect(at: now)
        } else if exhausted || Int.random(in: 0..<20, using: &random) == 0 {
            elect(at: now)
        }
    }
    // a thread never elected again has waited until the end
    for thread in 1...Identifier(count) where thread != queues.running {
        worst = max(worst, milliseconds - (lastRan[thread] ?? 0))
    }
    return worst
}

@Suite struct SchedulerStarvation {
    /// After a boost every thread is at the top level and runs within
    /// one round of it: no wait is longer than a boost period plus one
    /// quantum (49 ms at most) per thread.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func noRunnableThreadWaitsBeyondTheBound(seed: UInt64) throws {
        let count = 6
        let bound = MultilevelFeedback.boostPeriod + UInt64(count) * 49
        let wait = try longestWait(MultilevelFeedback.self, seed: seed, count: count, milliseconds: 20_000)
        #expect(wait <= bound, "seed \(seed): waited \(wait) ms, bound \(bound)")
        // control: without the boost the interactive pair starves the rest
        let starved = try longestWait(NoBoost.self, seed: seed, count: count, milliseconds: 20_000)
        #expect(starved > bound, "seed \(seed): without a boost the longest wait is \(starved) ms")
    }
}

extension KernelManagers {
    @Suite struct SchedulerProperties {
        /// One random step on the kernel's threads; errors are allowed
        /// (the thread manager refuses moves its state machine lacks),
        /// the invariants are checked after each step all the same.
        enum Step: CaseIterable {
            case reserve, start, stop, block, exit, release, priority, yield, tick, stopTask, startTask
        }

        @Test(arguments: [11, 12, 13, 14] as [UInt64])
        func randomStepsKeepTheSchedulerInStepWithTheThreads(seed: UInt64) throws {
            try restartTasks()
            var random = SeededGenerator(seed: seed)
            let tasks = [try runningTask(), try runningTask()]
            var threads: [Identifier] = []
            try Scheduler.start()
            Machine.schedulerCalls = []
            for step in 0..<400 {
                let context = "seed \(seed) step \(step)"
                let calls = Machine.schedulerCalls.count
                let thread = threads.randomElement(using: &random) ?? 0
                switch Step.allCases.randomElement(using: &random)! {
                case .reserve where threads.count < 12:
                    let owner = tasks.randomElement(using: &random)!
                    if let made = try? threadOf(owner, priority: UInt8.random(in: 10...249, using: &random)) {
                        threads.append(made)
                        try? ThreadManager.start(made)
                    }
                case .start: try? ThreadManager.start(thread)
                case .stop: try? ThreadManager.stop(thread)
                case .block: try? ThreadManager.block(thread)
                case .exit: try? ThreadManager.exit(thread, value: UInt64(step))
                case .release:
                    if (try? ThreadManager.release(thread)) != nil {
                        threads.removeAll { $0 == thread }
                    }
                case .priority: try? ThreadManager.priority(thread, UInt8.random(in: 10...249, using: &random))
                case .yield: _ = try? Scheduler.yield()
                case .tick: Machine.clockInterrupt(milliseconds: UInt64.random(in: 1...30, using: &random))
                case .stopTask: try? TaskManager.stop(tasks.randomElement(using: &random)!)
                case .startTask: try? TaskManager.start(tasks.randomElement(using: &random)!)
                default: break
                }
                // every running thread is held once; nothing else is
                try expectSchedulerFollowsThreads(context)
                // every thread elected in this step runs, and so does its task
                for call in Machine.schedulerCalls[calls...] where call.hook == "schedulerElected" {
                    let elected = try ThreadManager.get(call.identifier)
                    #expect(elected.lifecycle.state == .running, "\(context): elected \(elected.lifecycle.state.name)")
                    #expect(try state(ofTask: elected.task) == .running, "\(context): its task does not run")
                }
                let current = Scheduler.current()
                if current != 0 {
                    #expect(try state(ofThread: current) == .running && ThreadManager.current == current, "\(context)")
                }
            }
            // the run did elect, often, among many threads
            let elected = Set(Machine.schedulerCalls.filter { $0.hook == "schedulerElected" }.map(\.identifier))
            #expect(Scheduler.elections > 20 && elected.count > 3, "seed \(seed): \(Scheduler.elections) elections")
            try Scheduler.stop()
            try expectExecutionConsistent("seed \(seed) end")
        }
    }
}
