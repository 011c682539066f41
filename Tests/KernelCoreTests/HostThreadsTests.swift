// Tests/KernelCoreTests/HostThreadsTests.swift -- kernel threads that
// really run: each has a host thread (machine/host/threads.swift) whose
// body calls the core as a thread would (yield, wait, sleep, exit, the
// clock interrupting it), and the scheduler's hooks switch between them.
//
// The bodies write what they do in a log; the test (the idle context)
// reads it once the processor comes back to it. Each property comes with
// a negative control: the same scenario with one thing wrong, which the
// same check must catch.

import Testing
@testable import Kernel
@testable import Machine

/// What host bodies write down. One host thread runs kernel code at a
/// time (the baton, whose semaphores order the writes), so no lock.
final class HostLog: @unchecked Sendable {
    /// The lines, oldest first.
    var lines: [String] = []

    /// Appends one line.
    func add(_ line: String) {
        lines.append(line)
    }
}

/// One run of a log: a name and how many lines in a row it wrote.
struct LogRun: Equatable, CustomStringConvertible {
    let name: String
    let length: Int

    var description: String { "\(name)x\(length)" }
}

/// The runs of `lines`: ["A", "A", "B"] -> [A x2, B x1].
func logRuns(_ lines: [String]) -> [LogRun] {
    var runs: [LogRun] = []
    for line in lines {
        if let last = runs.last, last.name == line {
            runs[runs.count - 1] = LogRun(name: line, length: last.length + 1)
        } else {
            runs.append(LogRun(name: line, length: 1))
        }
    }
    return runs
}

/// A stopped thread of `task` whose body runs on a host thread.
func hostThreadOf(_ task: Identifier, priority: UInt8 = 130,
                  _ body: @escaping Machine.HostBody) throws(KernelError) -> Identifier {
    try threadOf(task, priority: priority, entry: Machine.hostEntry(body))
}

/// The exit value of the thread `thread` (a zombie).
func exitValue(of thread: Identifier) throws -> UInt64 {
    let dead = try ThreadManager.get(thread)
    #expect(dead.lifecycle.state == .zombie)
    return dead.lifecycle.exitValue
}

/// Restarts the kernel and checks that no host thread outlived it.
func expectNoHostThreadLeft() throws {
    try restartTasks()
    #expect(Machine.liveHostThreads == 0)
    #expect(Machine.runningContext === Machine.idleContext)
}

// MARK: scenarios (each returns what it saw; `wrong` variants are the controls)

/// Two threads, A and B, write their name `rounds` times each, yielding
/// after each line (B only if `bYields`), then exit (A with 1, B with 2).
func alternation(rounds: Int, bYields: Bool) throws -> [String] {
    try restartTasks()
    let task = try runningTask()
    let log = HostLog()
    var threads: [Identifier] = []
    for (name, yields, value) in [("A", true, UInt64(1)), ("B", bYields, UInt64(2))] {
        threads.append(try hostThreadOf(task) { me in
            for round in 1...rounds {
                log.add("\(name)\(round)")
                if yields {
                    _ = try? Scheduler.yield()
                }
            }
            try? ThreadManager.exit(me, value: value)
        })
        try ThreadManager.start(threads[threads.count - 1])
    }
    #expect(try Scheduler.elect() == .thread(threads[0]))
    #expect(try exitValue(of: threads[0]) == 1)
    #expect(try exitValue(of: threads[1]) == 2)
    #expect(Machine.liveHostThreads == 2)
    try expectSchedulerFollowsThreads("after the alternation")
    return log.lines
}

/// A waiter waits for a target's death, the waiter running first
/// (`waiterFirst`: the target is still alive) or second (it is dead
/// already); the target exits with 42. A waiter that does not `wait` is
/// the control.
func deathWait(waiterFirst: Bool, waits: Bool = true) throws -> [String] {
    try restartTasks()
    let task = try runningTask()
    let log = HostLog()
    let target = try hostThreadOf(task) { me in
        log.add("target exits")
        try? ThreadManager.exit(me, value: 42)
    }
    let waiter = try hostThreadOf(task) { me in
        log.add("waiter waits")
        if waits {
            switch try? ThreadManager.wait(target, for: .died) {
            case .answered(let answer)?:
                log.add("answered at once: died \(answer.event == .died) value \(answer.value)")
            case .blocked?:
                let answer = try? ThreadManager.get(me).lifecycle.answer
                log.add("woken: died \(answer?.event == .died) value \(answer?.value ?? 0)")
            case nil:
                log.add("wait refused")
            }
        }
        log.add("waiter exits")
        try? ThreadManager.exit(me, value: 0)
    }
    for thread in waiterFirst ? [waiter, target] : [target, waiter] {
        try ThreadManager.start(thread)
    }
    _ = try Scheduler.elect()
    #expect(try exitValue(of: target) == 42)
    #expect(try exitValue(of: waiter) == 0)
    return log.lines
}

/// A thread sleeps `delay` ms from clock 5; the test drives the clock a
/// millisecond at a time. Returns its log, the tick (counted from the
/// sleep) at which it ran again (nil if it did not within 100) and its
/// state then. With the scheduler not started (the control), the idle
/// processor does not take the woken thread at the tick.
func sleepAndWake(delay: UInt64, started: Bool) throws -> (lines: [String], tick: Int?, state: ExecutionState) {
    try restartTasks()
    let task = try runningTask()
    let log = HostLog()
    let sleeper = try hostThreadOf(task) { me in
        let from = TimerManager.clock
        log.add("sleeps at \(from)")
        try? ThreadManager.sleep(me, until: from + delay)
        log.add("wakes at \(TimerManager.clock)")
        try? ThreadManager.exit(me, value: 0)
    }
    try ThreadManager.start(sleeper)
    Machine.clockInterrupt(milliseconds: 5)
    #expect(try Scheduler.elect() == .thread(sleeper))
    #expect(log.lines == ["sleeps at 5"] && ThreadManager.current == 0)
    if started {
        try Scheduler.start()
    }
    for tick in 1...100 {
        Machine.clockInterrupt(milliseconds: 1)
        if log.lines.count > 1 {
            return (log.lines, tick, try state(ofThread: sleeper))
        }
    }
    return (log.lines, nil, try state(ofThread: sleeper))
}

/// Two computing threads, A then B, each `ticks` milliseconds: each
/// turn of their loop writes their name, then the clock interrupts them
/// (the body calls `Machine.clockInterrupt`). Returns the runs of the
/// log and their quantum.
func computing(ticks: Int, started: Bool) throws -> (runs: [LogRun], quantum: Int) {
    try restartTasks()
    let task = try runningTask()
    let log = HostLog()
    var threads: [Identifier] = []
    for name in ["A", "B"] {
        threads.append(try hostThreadOf(task) { me in
            for _ in 0..<ticks {
                log.add(name)
                Machine.clockInterrupt(milliseconds: 1)
            }
            try? ThreadManager.exit(me, value: 0)
        })
        try ThreadManager.start(threads[threads.count - 1])
    }
    let quantum = Int(try Scheduler.quantum(of: threads[0]))
    #expect(try Scheduler.quantum(of: threads[1]) == UInt32(quantum))
    if started {
        try Scheduler.start()
    }
    _ = try Scheduler.elect()
    #expect(ThreadManager.current == 0)
    return (logRuns(log.lines), quantum)
}

/// A low-priority thread L, then a high-priority one H, compute until
/// the log holds `budget` lines (the clock preempting them). Returns the
/// runs of the log.
func sharedBudget(low: UInt8, high: UInt8, budget: Int) throws -> [LogRun] {
    try restartTasks()
    let task = try runningTask()
    let log = HostLog()
    for (name, priority) in [("L", low), ("H", high)] {
        let thread = try hostThreadOf(task, priority: priority) { me in
            while log.lines.count < budget {
                log.add(name)
                Machine.clockInterrupt(milliseconds: 1)
            }
            try? ThreadManager.exit(me, value: 0)
        }
        try ThreadManager.start(thread)
    }
    try Scheduler.start()
    _ = try Scheduler.elect()
    #expect(log.lines.count == budget && ThreadManager.current == 0)
    return logRuns(log.lines)
}

/// How many lines `name` wrote in `runs`.
func lines(of name: String, in runs: [LogRun]) -> Int {
    runs.filter { $0.name == name }.reduce(0) { $0 + $1.length }
}

/// True when H leads and writes more than twice as much as L.
func highPriorityWins(_ runs: [LogRun]) -> Bool {
    runs.first?.name == "H" && lines(of: "H", in: runs) > 2 * lines(of: "L", in: runs)
}

extension KernelManagers {
    @Suite struct HostThreads {
        @Test func aThreadRunsItsBodyOnAHostThreadWhenElected() throws {
            try restartTasks()
            let task = try runningTask()
            let log = HostLog()
            let thread = try hostThreadOf(task) { me in
                log.add("runs current=\(ThreadManager.current == me) task=\(TaskManager.current == task)")
                try? ThreadManager.exit(me, value: 7)
                log.add("runs after its exit")
            }
            try ThreadManager.start(thread)
            #expect(Machine.liveHostThreads == 0)  // created at its first election
            Machine.schedulerCalls = []
            #expect(try Scheduler.elect() == .thread(thread))
            #expect(log.lines == ["runs current=true task=true"])
            // its exit gave the processor back to the idle context at once
            #expect(Machine.schedulerCalls.map(\.hook) == ["schedulerElected", "schedulerIdle"])
            #expect(Machine.schedulerCalls.last?.arguments == "previous=0x\(String(thread, radix: 16))")
            #expect(ThreadManager.current == 0 && TaskManager.current == TaskManager.kernel)
            #expect(try exitValue(of: thread) == 7)
            // a zombie is parked for good; its release ends its host thread
            #expect(Machine.liveHostThreads == 1)
            try ThreadManager.release(thread)
            #expect(Machine.liveHostThreads == 0)
            #expect(log.lines.count == 1)
            try expectExecutionConsistent("after the release")
            try expectSchedulerFollowsThreads("after the release")
            try expectNoHostThreadLeft()
        }

        @Test func aThreadWithoutAHostBodyIsTheTestsToPlay() throws {
            // the control of the test above: an ordinary entry runs nothing
            try restartTasks()
            let task = try runningTask()
            let thread = try threadOf(task, entry: 0x1000)
            try ThreadManager.start(thread)
            #expect(try Scheduler.elect() == .thread(thread))
            #expect(Machine.liveHostThreads == 0 && ThreadManager.current == thread)
            #expect(try state(ofThread: thread) == .running)
            try expectNoHostThreadLeft()
        }

        @Test func twoThreadsAlternateWhenTheyYield() throws {
            let expected = (1...5).flatMap { ["A\($0)", "B\($0)"] }
            #expect(try alternation(rounds: 5, bYields: true) == expected)
            // control: a B that does not yield runs its five rounds at once
            let selfish = try alternation(rounds: 5, bYields: false)
            #expect(selfish != expected)
            #expect(selfish == ["A1", "B1", "B2", "B3", "B4", "B5", "A2", "A3", "A4", "A5"])
            try expectNoHostThreadLeft()
        }

        @Test func aWaiterLearnsOfADeathBeforeOrAfterIt() throws {
            // the target still lives: the waiter blocks, runs again at its death
            let before = ["waiter waits", "target exits", "woken: died true value 42", "waiter exits"]
            #expect(try deathWait(waiterFirst: true) == before)
            // the target is dead already: answered at once
            #expect(try deathWait(waiterFirst: false)
                == ["target exits", "waiter waits", "answered at once: died true value 42", "waiter exits"])
            // control: a waiter that does not wait goes on before the death
            #expect(try deathWait(waiterFirst: true, waits: false) != before)
            try expectNoHostThreadLeft()
        }

        @Test func aSleeperWakesExactlyWhenTheClockSaysSo() throws {
            let woken = try sleepAndWake(delay: 30, started: true)
            #expect(woken.tick == 30 && woken.state == .zombie)
            #expect(woken.lines == ["sleeps at 5", "wakes at 35"])
            // control: a shorter sleep is caught
            #expect(try sleepAndWake(delay: 29, started: true).tick != 30)
            // control: unstarted, the scheduler does not take the woken
            // thread at the tick (it runs, queued, until someone elects)
            let unstarted = try sleepAndWake(delay: 30, started: false)
            #expect(unstarted.tick == nil && unstarted.lines == ["sleeps at 5"] && unstarted.state == .running)
            try expectNoHostThreadLeft()
        }

        @Test func theClockPreemptsAComputingThreadOnceItsQuantumIsUsed() throws {
            let preempted = try computing(ticks: 46, started: true)
            let quantum = preempted.quantum
            #expect(quantum == 23)  // 10 ms * (100 + 130) / 2 / 50
            let turns = [
                LogRun(name: "A", length: quantum), LogRun(name: "B", length: quantum),
                LogRun(name: "A", length: quantum), LogRun(name: "B", length: quantum),
            ]
            #expect(preempted.runs == turns)
            // control: without `Scheduler.start` nothing preempts them
            let unstarted = try computing(ticks: 46, started: false)
            #expect(unstarted.runs != turns)
            #expect(unstarted.runs == [LogRun(name: "A", length: 46), LogRun(name: "B", length: 46)])
            try expectNoHostThreadLeft()
        }

        @Test func aHigherPriorityGetsMoreOfTheProcessor() throws {
            let runs = try sharedBudget(low: 20, high: 240, budget: 300)
            #expect(highPriorityWins(runs), "\(runs)")
            // exactly: H (level 2, 34 ms) sinks four levels before it meets
            // L (level 6, 12 ms); below, each takes its own quantum in turn
            let expected = [LogRun(name: "H", length: 4 * 34), LogRun(name: "L", length: 12)]
                + Array(repeating: [LogRun(name: "H", length: 34), LogRun(name: "L", length: 12)], count: 3).joined()
                + [LogRun(name: "H", length: 14)]
            #expect(runs == expected)
            // control: the same priorities, L started first: no winner
            let even = try sharedBudget(low: 130, high: 130, budget: 300)
            #expect(!highPriorityWins(even), "\(even)")
            try expectNoHostThreadLeft()
        }

        @Test func aThreadReleasedWhileSuspendedNeverRunsAgain() throws {
            try restartTasks()
            let task = try runningTask()
            let log = HostLog()
            var threads: [Identifier] = []
            for name in ["A", "B", "C"] {
                threads.append(try hostThreadOf(task) { me in
                    log.add("\(name) stops")
                    try? ThreadManager.stop(me)
                    log.add("\(name) goes on")
                    try? ThreadManager.exit(me, value: 0)
                })
                try ThreadManager.start(threads[threads.count - 1])
            }
            _ = try Scheduler.elect()  // each runs, stops itself, the next one runs
            #expect(log.lines == ["A stops", "B stops", "C stops"])
            #expect(Machine.liveHostThreads == 3 && ThreadManager.current == 0)
            // A is released while suspended: its host thread ends, A never goes on
            try ThreadManager.release(threads[0])
            #expect(Machine.liveHostThreads == 2)
            // control: B, started again, goes on from where it stopped
            try ThreadManager.start(threads[1])
            _ = try Scheduler.elect()
            #expect(log.lines == ["A stops", "B stops", "C stops", "B goes on"])
            #expect(try exitValue(of: threads[1]) == 0)
            // C is still suspended when the kernel stops: it ends with it
            try Kernel.clean()
            #expect(Machine.liveHostThreads == 0)
            #expect(!log.lines.contains("A goes on") && !log.lines.contains("C goes on"))
            try expectNoHostThreadLeft()
        }

        @Test func aBodyThatReturnsFaultsLikeAReturnToAddressZero() throws {
            try restartTasks()
            let task = try runningTask()
            let log = HostLog()
            let returning = try hostThreadOf(task) { _ in log.add("returns") }
            let exiting = try hostThreadOf(task) { me in try? ThreadManager.exit(me, value: 5) }
            try ThreadManager.start(returning)
            try ThreadManager.start(exiting)
            _ = try Scheduler.elect()
            #expect(log.lines == ["returns"])
            #expect(try exitValue(of: returning) == Kernel.faultExitValue(14))
            #expect(try exitValue(of: exiting) == 5)  // control: an exit is not a fault
            try expectNoHostThreadLeft()
        }

        @Test func loadChoosesTheBodyBeforeTheFirstRunOnly() throws {
            try restartTasks()
            let task = try runningTask()
            let log = HostLog()
            let first = Machine.hostEntry { me in
                log.add("first")
                try? ThreadManager.stop(me)
                try? ThreadManager.exit(me, value: 1)
            }
            let second = Machine.hostEntry { me in
                log.add("second")
                try? ThreadManager.stop(me)
                try? ThreadManager.exit(me, value: 2)
            }
            let thread = try threadOf(task, entry: first)
            let top = try ThreadManager.get(thread).stackTop
            try ThreadManager.load(thread, ThreadContext(programCounter: second, stackPointer: top))
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            #expect(log.lines == ["second"])
            // it has a host stack now: a new context cannot be loaded into it
            #expect(failure { () throws(KernelError) in
                try ThreadManager.load(thread, ThreadContext(programCounter: first, stackPointer: top))
            } == .machineRefused)
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            #expect(log.lines == ["second"])
            #expect(try exitValue(of: thread) == 2)
            try expectNoHostThreadLeft()
        }
    }
}
