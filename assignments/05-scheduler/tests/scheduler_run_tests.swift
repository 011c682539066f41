// assignments/05-scheduler/tests/scheduler_run_tests.swift -- the
// scheduler with threads that really run: sleeping, preemption of a busy
// loop, shares of the processor, feedback, the idle context.

import IA32
import Kernel
import Machine

// MARK: sleep

/// When the sleeper went to sleep and woke, on the core's clock and in
/// guest time.
nonisolated(unsafe) var sleptAt: UInt64 = 0
nonisolated(unsafe) var wokeAt: UInt64 = 0
nonisolated(unsafe) var sleptNanoseconds: UInt64 = 0
nonisolated(unsafe) var wokeNanoseconds: UInt64 = 0

/// Sleeps 50 ms, notes when, exits.
let sleeper: ThreadBody = {
    sleptAt = TimerManager.clock
    sleptNanoseconds = guestNanoseconds()
    sleepFor(50)
    wokeAt = TimerManager.clock
    wokeNanoseconds = guestNanoseconds()
    exitThread(0)
}

/// A thread that sleeps 50 ms wakes when the core's clock has gone 50 to
/// 52 ms on, 50 ms of guest time later or a little more; meanwhile it is
/// blocked.
func test_sched_sleep_tolerance() throws(TestFailure) {
    try preemptiveStart()
    let task = try startedTask(.core)
    let thread = try swiftThread(task, sleeper)
    var blocked = false
    let done = try runThreads {
        if sleptNanoseconds != 0 && wokeNanoseconds == 0 && (try? threadState(thread)) == .blocked { blocked = true }
        return wokeNanoseconds != 0 && Scheduler.current() == 0
    }
    check("not_early") { () throws(TestFailure) in
        try expect(done, "the sleeper never woke within 3 s")
        try expect(blocked, "the sleeper was not blocked while it slept")
        try expect(wokeAt >= sleptAt + 50, "woke at \(wokeAt - sleptAt) ms of a 50 ms sleep")
        try expect(wokeNanoseconds - sleptNanoseconds >= 49_000_000,
                   "woke after \((wokeNanoseconds - sleptNanoseconds) / 1000) us of guest time, 50 ms asked")
    }
    check("in_time") { () throws(TestFailure) in
        try expect(done, "the sleeper never woke within 3 s")
        try expect(wokeAt <= sleptAt + 52, "woke at \(wokeAt - sleptAt) ms of a 50 ms sleep (tolerance 2 ms)")
        try expect(wokeNanoseconds - sleptNanoseconds <= 53_000_000,
                   "woke after \((wokeNanoseconds - sleptNanoseconds) / 1000) us of guest time (tolerance 3 ms)")
    }
}

// MARK: preemption

/// What the thread that runs beside a spinner saw of it.
nonisolated(unsafe) var besideRan = false
nonisolated(unsafe) var spinnerCountSeen: UInt32 = 0
nonisolated(unsafe) var spinnerUnderTest: SpinProbe?

/// Notes that it ran and how far the spinner had counted, then exits.
let besideSpinner: ThreadBody = {
    spinnerCountSeen = spinnerUnderTest?.count() ?? 0
    besideRan = true
    exitThread(0)
}

/// A program's thread that spins for ever, started first, is preempted
/// by the clock: another thread runs while it has already counted, and
/// the spinner runs again afterwards.
func test_sched_preempt_busy() throws(TestFailure) {
    try preemptiveStart()
    let spinner = try SpinProbe.make()
    spinnerUnderTest = spinner
    let task = try startedTask(.core)
    _ = try swiftThread(task, besideSpinner)
    var countAfter: UInt32 = 0
    try runWindow(100, stopping: [spinner.thread]) { countAfter = spinnerUnderTest?.count() ?? 0 }
    check("other_runs") { () throws(TestFailure) in
        try expect(besideRan, "the other thread never ran beside the spinner")
        try expect(spinnerCountSeen > 0, "the other thread ran before the spinner started: nothing was preempted")
    }
    check("spinner_resumes") { () throws(TestFailure) in
        try expect(countAfter > spinnerCountSeen, "the spinner did not run again after it was preempted"
                   + " (count \(spinnerCountSeen), then \(countAfter))")
    }
}

/// What a 1 ms repeating timer saw running at each millisecond.
nonisolated(unsafe) var samples: [Identifier] = []

/// Notes the thread that ran during the millisecond that just ended.
let sampleRunning: TimerHandler = { _, _ in
    samples.append(Scheduler.current())
}

/// The lengths, in milliseconds, of the complete turns of `thread` in the
/// samples (a turn cut by the window's ends is left out).
func turns(of thread: Identifier) -> [Int] {
    var lengths: [Int] = []
    var run = 0
    var first = true
    for sample in samples {
        if sample == thread {
            run += 1
        } else if run > 0 {
            if !first { lengths.append(run) }
            first = false
            run = 0
        } else if sample != 0 {
            first = false
        }
    }
    return lengths
}

/// Two spinners of the same priority share the processor equally
/// (within 10 per cent over 400 ms), by turns as long as their quantum.
func test_sched_equal_share() throws(TestFailure) {
    try preemptiveStart()
    let first = try SpinProbe.make()
    let second = try SpinProbe.make()
    let sampler = try expectSuccess("reserve a 1 ms sampling timer") { () throws(KernelError) in
        try TimerManager.reserve(delay: 1, repeats: true, handler: sampleRunning)
    }
    var quanta: [UInt32] = []
    var counts: [UInt32] = []
    try runWindow(400, stopping: [first.thread, second.thread]) {
        try? TimerManager.release(sampler)
        counts = [first.count(), second.count()]
        quanta = [(try? Scheduler.quantum(of: first.thread)) ?? 0, (try? Scheduler.quantum(of: second.thread)) ?? 0]
    }
    check("equal") { () throws(TestFailure) in
        let low = min(counts[0], counts[1])
        let high = max(counts[0], counts[1])
        try expect(low > 0 && UInt64(high - low) * 10 <= UInt64(high),
                   "counts \(counts[0]) and \(counts[1]) differ by more than 10 per cent")
    }
    check("quantum_turns") { () throws(TestFailure) in
        for (index, probe) in [first, second].enumerated() {
            let lengths = turns(of: probe.thread)
            let right = lengths.filter { UInt32($0) == quanta[index] }.count
            try expect(lengths.count >= 3 && right * 4 >= lengths.count * 3,
                       "spinner \(index + 1): turns of \(listText(lengths)) ms, its quantum is \(quanta[index]) ms"
                       + " (at least three quarters of its turns must last one quantum)")
        }
    }
}

/// Spinners whose threads have priorities 10, 50, 90, 130, 170 and 220
/// (in tasks of one priority) get strictly increasing shares of 1.5 s,
/// the highest at least twice the lowest.
func test_sched_priority_shares() throws(TestFailure) {
    try preemptiveStart()
    try requireMultilevelFeedback()
    var probes: [SpinProbe] = []
    for priority: UInt8 in [10, 50, 90, 130, 170, 220] {
        probes.append(try SpinProbe.make(priority: priority))
    }
    var counts: [UInt32] = []
    try runWindow(1500, stopping: probes.map { $0.thread }) {
        counts = probes.map { $0.count() }
    }
    check("increasing") { () throws(TestFailure) in
        for index in 1..<counts.count {
            try expect(counts[index] > counts[index - 1],
                       "shares by increasing priority: \(listText(counts)): not strictly increasing")
        }
    }
    check("spread") { () throws(TestFailure) in
        try expect(UInt64(counts[counts.count - 1]) >= 2 * UInt64(counts[0]),
                   "the share of priority 220 (\(counts[counts.count - 1])) is less than twice that of 10 (\(counts[0]))")
    }
}

// MARK: feedback

/// The levels the yielding thread saw itself at, turn after turn.
nonisolated(unsafe) var yieldLevels: [Int] = []

/// Yields ten times, noting its level each time it runs again, exits.
let yielder: ThreadBody = {
    for _ in 0..<10 {
        yieldLevels.append(Scheduler.queues?.entry(ThreadManager.current)?.level ?? -1)
        _ = try? Scheduler.yield()
    }
    exitThread(0)
}

/// A thread that yields keeps its entry level; a spinner that uses its
/// quantum (20 ms at priority 100) sinks below its entry level.
func test_sched_feedback_levels() throws(TestFailure) {
    try preemptiveStart()
    try requireMultilevelFeedback()
    let spinner = try SpinProbe.make()
    let task = try startedTask(.core)
    let thread = try swiftThread(task, yielder)
    let best = try schedulerEntry(thread).best
    let spinnerBest = try schedulerEntry(spinner.thread).best
    var spinnerLevel = -1
    var spinnerQuantum: UInt32 = 0
    try runWindow(150, stopping: [spinner.thread]) {
        spinnerLevel = Scheduler.queues?.entry(spinner.thread)?.level ?? -1
        spinnerQuantum = (try? Scheduler.quantum(of: spinner.thread)) ?? 0
    }
    check("yield_keeps_level") { () throws(TestFailure) in
        try expectEqual(yieldLevels.count, 10, "turns of the yielding thread")
        for (turn, level) in yieldLevels.enumerated() {
            try expectEqual(level, best, "the yielding thread's level at its turn \(turn + 1)")
        }
    }
    check("quantum_sinks") { () throws(TestFailure) in
        try expectEqual(spinnerQuantum, 20, "the quantum of a thread of priority 100 (task 100)")
        try expect(spinnerLevel > spinnerBest, "the spinner is at level \(spinnerLevel) after 150 ms of computing,"
                   + " its entry level is \(spinnerBest): it did not sink")
    }
}

// MARK: idle

/// Two threads that sleep 30 and 50 ms, then exit.
let sleepThirty: ThreadBody = { sleepFor(30); exitThread(0) }
let sleepFifty: ThreadBody = { sleepFor(50); exitThread(0) }

/// While every thread sleeps, nothing is elected: the idle (boot)
/// context is entered and halts the processor, once per tick.
func test_sched_idle_runs() throws(TestFailure) {
    try preemptiveStart()
    let task = try startedTask(.core)
    let sampler = try expectSuccess("reserve a 1 ms sampling timer") { () throws(KernelError) in
        try TimerManager.reserve(delay: 1, repeats: true, handler: sampleRunning)
    }
    let entries = Context.idleEntries
    let halts = Clock.halts
    let start = TimerManager.clock
    _ = try swiftThread(task, sleepThirty)
    _ = try swiftThread(task, sleepFifty)
    let done = try runThreads { TimerManager.clock >= start + 60 && Scheduler.current() == 0 }
    try? TimerManager.release(sampler)
    check("idle_entered") { () throws(TestFailure) in
        try expect(done, "the clock did not reach 60 ms")
        try expect(Context.idleEntries >= entries + 2,
                   "the idle context was entered \(Context.idleEntries - entries) times (twice at least:"
                   + " when both slept, when both were gone)")
    }
    check("halts") { () throws(TestFailure) in
        try expect(Clock.halts >= halts + 45, "the processor halted \(Clock.halts - halts) times in 60 ms"
                   + " while the threads slept 50 ms")
        let idle = samples.filter { $0 == 0 }.count
        try expect(idle >= 45, "nothing should run for about 55 of 60 ms; the clock saw no thread for \(idle) ms")
    }
}
