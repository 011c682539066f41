// Tests/KernelCoreTests/SchedulerTests.swift -- the scheduler in the
// kernel: it follows the threads' states, elects and tells the machine,
// idles, preempts on the clock once started, takes new priorities in,
// forgets released threads, and undoes what the machine refuses.

import Testing
@testable import Kernel
@testable import Machine

/// The scheduler's queues (the kernel is up).
func schedulerQueues() throws -> RunQueues<Scheduler.Policy> {
    try #require(Scheduler.queues)
}

/// Checks that the scheduler holds exactly the running threads (each
/// once: in one queue or elected) and that its queues are consistent.
func expectSchedulerFollowsThreads(_ context: String = "") throws {
    let queues = try schedulerQueues()
    #expect(queues.inconsistency() == nil, "\(context): \(queues.inconsistency() ?? "")")
    var running: Set<Identifier> = []
    try #require(ThreadManager.threads).forEach { (thread: ThreadDescriptor) throws(KernelError) in
        if thread.lifecycle.state == .running { running.insert(thread.identifier) }
    }
    #expect(Set(queues.entries.keys) == running, "\(context): scheduler \(queues.entries.keys.sorted()) threads \(running.sorted())")
}

/// A started thread of `task` with `priority`.
func startedThread(_ task: Identifier, priority: UInt8 = 130) throws(KernelError) -> Identifier {
    let thread = try threadOf(task, priority: priority)
    try ThreadManager.start(thread)
    return thread
}

extension KernelManagers {
    @Suite struct SchedulerVerbs {
        @Test func theSchedulerFollowsEveryStateChange() throws {
            try restartTasks()
            let task = try runningTask()
            let thread = try threadOf(task)
            #expect(!Scheduler.exist(thread))
            try ThreadManager.start(thread)
            #expect(Scheduler.exist(thread))
            try ThreadManager.block(thread)
            #expect(!Scheduler.exist(thread))
            try ThreadManager.start(thread)  // a wake-up
            try expectSchedulerFollowsThreads("started again")
            try ThreadManager.stop(thread)
            #expect(!Scheduler.exist(thread))
            try ThreadManager.start(thread)
            // a wait blocks the waiter; the death of the target wakes it
            let target = try startedThread(task)
            #expect(try ThreadManager.wait(target, for: .died, by: thread) == .blocked)
            #expect(!Scheduler.exist(thread) && Scheduler.exist(target))
            try ThreadManager.exit(target, value: 5)
            #expect(Scheduler.exist(thread) && !Scheduler.exist(target))
            try expectSchedulerFollowsThreads("after the wait")
            // released while running: forgotten
            try ThreadManager.release(thread)
            #expect(!Scheduler.exist(thread))
            try expectSchedulerFollowsThreads("released")
        }

        @Test func electMakesTheThreadCurrentAndTellsTheMachine() throws {
            try restartTasks()
            let task = try runningTask()
            let low = try startedThread(task, priority: 20)
            let high = try startedThread(task, priority: 240)
            Machine.schedulerCalls = []
            #expect(try Scheduler.elect() == .thread(high))
            #expect(ThreadManager.current == high && TaskManager.current == task && Scheduler.current() == high)
            let space = try TaskManager.get(task).space
            let quantum = try Scheduler.quantum(of: high)
            #expect(Machine.schedulerCalls == [Machine.HookCall(
                hook: "schedulerElected", identifier: high,
                arguments: "task=0x\(String(task, radix: 16)) space=0x\(String(space, radix: 16)) class=3"
                    + " quantum=\(quantum) previous=0x0", objectExisted: true)])
            // the current thread blocks: it gives the processor up at once,
            // to the other
            try ThreadManager.block(high)
            #expect(ThreadManager.current == low && Machine.schedulerCalls.count == 2)
            #expect(Machine.schedulerCalls.last?.arguments.hasSuffix("previous=0x\(String(high, radix: 16))") == true)
            // a thread that is not the current one stops: nobody is elected
            try ThreadManager.start(high)
            #expect(ThreadManager.current == low && Machine.schedulerCalls.count == 2)
            try ThreadManager.stop(high)
            // the current one stops, nothing is left: idle at once, and the
            // kernel's task is current
            try ThreadManager.stop(low)
            #expect(ThreadManager.current == 0 && TaskManager.current == TaskManager.kernel)
            #expect(Machine.schedulerCalls.last?.hook == "schedulerIdle")
            Scheduler.dump()
        }

        @Test func threadsOfATaskThatDoesNotRunWait() throws {
            try restartTasks()
            let task = try runningTask()
            let thread = try startedThread(task)
            try TaskManager.stop(task)
            #expect(try Scheduler.elect() == .idle)
            #expect(Scheduler.exist(thread))  // still queued
            try TaskManager.start(task)
            #expect(try Scheduler.elect() == .thread(thread))
        }

        @Test func theClockPreemptsOnlyOnceStarted() throws {
            try restartTasks()
            let task = try runningTask()
            let first = try startedThread(task)
            let second = try startedThread(task)
            #expect(try Scheduler.elect() == .thread(first))
            let quantum = try Scheduler.quantum(of: first)
            // not started: the clock does not preempt
            Machine.clockInterrupt(milliseconds: UInt64(quantum) * 3)
            #expect(Scheduler.current() == first)
            try Scheduler.start()
            #expect(Machine.schedulerCalls.last?.hook == "schedulerStarted")
            #expect(failure { () throws(KernelError) in try Scheduler.start() } == .busy)
            // the running thread's quantum is fresh after an election
            _ = try Scheduler.yield()
            let now = Scheduler.current()
            #expect(now == second)
            Machine.clockInterrupt(milliseconds: UInt64(quantum) - 1)
            #expect(Scheduler.current() == second)
            Machine.clockInterrupt(milliseconds: 1)
            #expect(Scheduler.current() == first)
            // it used its whole quantum: it went down one level
            let entry = try #require(try schedulerQueues().entry(second))
            #expect(entry.level == entry.best + (Scheduler.Policy.levels > 1 ? 1 : 0))
            // an idle processor takes a thread that became runnable
            try ThreadManager.stop(first)
            try ThreadManager.stop(second)
            #expect(try Scheduler.elect() == .idle)
            try ThreadManager.start(second)
            Machine.clockInterrupt(milliseconds: 1)
            #expect(Scheduler.current() == second)
            try Scheduler.stop()
            #expect(failure { () throws(KernelError) in try Scheduler.stop() } == .invalidArgument)
        }

        @Test func newPrioritiesAreTakenIn() throws {
            try restartTasks()
            let task = try runningTask()
            let thread = try startedThread(task, priority: 50)
            let before = try Scheduler.quantum(of: thread)
            try ThreadManager.priority(thread, 240)
            let raised = try Scheduler.quantum(of: thread)
            #expect(raised > before)
            try TaskManager.priority(task, 130)  // the top of the timesharing band
            #expect(try Scheduler.quantum(of: thread) > raised)
            try Scheduler.quantum(20)
            #expect(try Scheduler.quantum(of: thread) > raised * 2 - 1)
            #expect(failure { () throws(KernelError) in try Scheduler.quantum(0) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try Scheduler.quantum(of: 0x1234) } == .unknownIdentifier)
            try Scheduler.show(thread)
        }

        @Test func addAndRemoveByHand() throws {
            try restartTasks()
            let task = try runningTask()
            let thread = try startedThread(task)
            let stopped = try threadOf(task)
            let refusals = errors("scheduler", "add")
            #expect(failure { () throws(KernelError) in try Scheduler.add(thread) } == .duplicateIdentifier)
            #expect(failure { () throws(KernelError) in try Scheduler.add(stopped) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try Scheduler.add(0x1234) } == .unknownIdentifier)
            #expect(errors("scheduler", "add") == refusals + 3)
            try Scheduler.remove(thread)
            #expect(try Scheduler.elect() == .idle)
            try Scheduler.add(thread)
            #expect(try Scheduler.elect() == .thread(thread))
            #expect(failure { () throws(KernelError) in try Scheduler.remove(stopped) } == .unknownIdentifier)
        }

        @Test func aSleepingThreadWakesWhenTheClockSaysSo() throws {
            try restartTasks()
            let task = try runningTask()
            let sleeper = try startedThread(task)
            Machine.clockInterrupt(milliseconds: 5)
            try ThreadManager.sleep(sleeper, until: 30)
            #expect(try state(ofThread: sleeper) == .blocked && !Scheduler.exist(sleeper))
            Machine.clockInterrupt(milliseconds: 10)
            Machine.clockInterrupt(milliseconds: 10)
            #expect(try state(ofThread: sleeper) == .blocked && TimerManager.clock == 25)  // not yet
            Machine.clockInterrupt(milliseconds: 10)
            #expect(try state(ofThread: sleeper) == .running && Scheduler.exist(sleeper))
            #expect(try ThreadManager.get(sleeper).wakeUp == 0)
            // started early, then blocked by hand: the old alarm leaves it blocked
            try ThreadManager.sleep(sleeper, until: 50)
            try ThreadManager.start(sleeper)
            try ThreadManager.block(sleeper)
            Machine.clockInterrupt(milliseconds: 40)
            #expect(try state(ofThread: sleeper) == .blocked)
            // a time already past wakes it at the next millisecond
            try ThreadManager.start(sleeper)
            try ThreadManager.sleep(sleeper, until: 1)
            Machine.clockInterrupt(milliseconds: 1)
            #expect(try state(ofThread: sleeper) == .running)
            // a refused sleep leaves no alarm behind
            let stopped = try threadOf(task)
            let alarms = try #require(TimerManager.timers).storedCount
            #expect(failure { () throws(KernelError) in try ThreadManager.sleep(stopped, until: 500) } == .invalidArgument)
            #expect(TimerManager.timers?.storedCount == alarms)
        }

        @Test func refusalsAreUndone() throws {
            try restartTasks()
            let task = try runningTask()
            let thread = try threadOf(task)
            // the machine refuses the start: the scheduler does not hold it
            Machine.refusal = .named("threadStateChanged")
            #expect(failure { () throws(KernelError) in try ThreadManager.start(thread) } == .machineRefused)
            #expect(try state(ofThread: thread) == .stopped && !Scheduler.exist(thread))
            try ThreadManager.start(thread)
            // the machine refuses the election: the thread waits at its queue's head
            Machine.refusal = .named("schedulerElected")
            #expect(failure { () throws(KernelError) in _ = try Scheduler.elect() } == .machineRefused)
            #expect(ThreadManager.current == 0 && Scheduler.current() == 0 && Scheduler.exist(thread))
            try expectSchedulerFollowsThreads("refused election")
            #expect(try Scheduler.elect() == .thread(thread))
        }
    }
}
