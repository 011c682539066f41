// assignments/05-scheduler/bench/scheduler_bench_tests.swift -- the
// scheduler benchmark, in the kernel. Not graded: it prints a table and
// passes. Only images built with BENCH=1 hold it (make bench-scheduler,
// which boots it once under icount, where the time-stamp counter counts
// instructions, and once without, where it counts the host's cycles).
//
//   yield to itself   a thread alone yields: an election, no switch
//   switch, same task two threads of one task yield to each other: per
//                     switch (an election and a context switch)
//   switch, across    the same with the threads in two tasks (CR3 reload)
//   yield round trip  A yields, B runs and yields, A runs again
//   tick to thread    from the clock's interrupt handler (IRQ 0) to the
//                     first instruction of the thread it elects: a sleeper
//                     woken from idle, and one that preempts a spinner
//   elect at n        one election of the run queues (the scheduler's
//                     policy) with n runnable threads on one level
// Every figure is the mean over many rounds, after a first round that
// pays for qemu translating the code.

import IA32
import Kernel
import Machine

/// The rounds each yielding thread takes.
let benchRounds = 2000
/// The time-stamp counter before and after the measured loop.
nonisolated(unsafe) var benchStart: UInt64 = 0
nonisolated(unsafe) var benchEnd: UInt64 = 0
nonisolated(unsafe) var benchDone = 0

/// Yields `benchRounds` times, the first thread to run notes the start,
/// the last to finish notes the end.
let benchYielder: ThreadBody = {
    if benchStart == 0 { benchStart = Machine.cycles() }
    for _ in 0..<benchRounds {
        _ = try? Scheduler.yield()
    }
    benchEnd = Machine.cycles()
    benchDone += 1
    exitThread(0)
}

/// Runs `count` yielders, in one task or one task each, and returns the
/// counter's ticks per yield.
func yieldCost(threads count: Int, acrossTasks: Bool) throws(TestFailure) -> UInt64 {
    benchStart = 0
    benchDone = 0
    var task = try startedTask(.core)
    for index in 0..<count {
        if acrossTasks && index > 0 { task = try startedTask(.core) }
        _ = try swiftThread(task, benchYielder)
    }
    let done = try runThreads(forAtMost: 100_000) { benchDone == count && Scheduler.current() == 0 }
    try expect(done, "the yielders did not finish")
    return (benchEnd - benchStart) / UInt64(benchRounds * count)
}

/// Latencies from the tick's handler to the woken thread.
nonisolated(unsafe) var wakeLatencies: UInt64 = 0
nonisolated(unsafe) var wakeCount: UInt64 = 0
nonisolated(unsafe) var sleeperRounds = 0

/// Sleeps 1 ms `sleeperRounds` times, adding up how long after its tick it ran.
let benchSleeper: ThreadBody = {
    for _ in 0..<sleeperRounds {
        sleepFor(1)
        wakeLatencies += Machine.cycles() - Clock.lastTickCycles
        wakeCount += 1
    }
    exitThread(0)
}

/// The mean latency from a tick to the sleeper it wakes, the processor
/// idle or, with `spinner`, busy with a spinner the tick preempts.
func tickToThread(spinner: Bool) throws(TestFailure) -> UInt64 {
    wakeLatencies = 0
    wakeCount = 0
    sleeperRounds = spinner ? 40 : 200
    var probes: [Identifier] = []
    if spinner {
        probes.append(try SpinProbe.make().thread)
    }
    let task = try startedTask(.core)
    let sleeper = try swiftThread(task, benchSleeper)
    if spinner {
        try runWindow(1500, stopping: probes)
    } else {
        _ = try runThreads(forAtMost: 3000) { (try? threadState(sleeper)) == .zombie && Scheduler.current() == 0 }
    }
    return wakeCount == 0 ? 0 : wakeLatencies / wakeCount
}

/// Counter ticks per election of run queues holding `n` runnable
/// threads on one level (every election puts one back at the tail and
/// takes the head).
func electCost(_ n: Int) throws(TestFailure) -> UInt64 {
    var queues = RunQueues<Scheduler.Policy>(base: Scheduler.defaultQuantum)
    try expectSuccess("fill the queues") { () throws(KernelError) in
        for index in 0..<n {
            try queues.add(Identifier(0x1000 + index), task: 0x10, taskPriority: 100, threadPriority: 100)
        }
    }
    for _ in 0..<100 { _ = queues.elect { _ in true } }
    let rounds = 5000
    let start = Machine.cycles()
    for _ in 0..<rounds { _ = queues.elect { _ in true } }
    return (Machine.cycles() - start) / UInt64(rounds)
}

/// Prints the table (see the top of this file).
func test_scheduler_bench() throws(TestFailure) {
    try preemptiveStart()
    try expectSuccess("stop preemption for the yield figures") { () throws(KernelError) in try Scheduler.stop() }
    _ = try yieldCost(threads: 1, acrossTasks: false)
    print("bench scheduler: policy \(Scheduler.Policy.name); figures in time-stamp counter ticks"
          + " (instructions under icount, cycles without)")
    print("bench yield to itself (no switch)      \(try yieldCost(threads: 1, acrossTasks: false))")
    let same = try yieldCost(threads: 2, acrossTasks: false)
    print("bench switch thread to thread, same task   \(same)")
    print("bench switch thread to thread, across tasks \(try yieldCost(threads: 2, acrossTasks: true))")
    print("bench yield round trip (A to B to A)    \(2 * same)")
    try expectSuccess("preempt again") { () throws(KernelError) in try Scheduler.start() }
    print("bench tick to woken thread, idle        \(try tickToThread(spinner: false))")
    print("bench tick to woken thread, preempting  \(try tickToThread(spinner: true))")
    var costs: [UInt64] = []
    for n in [10, 100, 1000] {
        _ = try electCost(n)
        costs.append(try electCost(n))
        print("bench elect at \(n) runnable threads    \(costs[costs.count - 1])")
    }
    print("bench elect 1000 / 10: \(costs[2] * 100 / max(costs[0], 1)) per cent (bound: 200)")
}
