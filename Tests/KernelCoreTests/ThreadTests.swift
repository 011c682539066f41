// Tests/KernelCoreTests/ThreadTests.swift -- the thread manager's verbs,
// its refusals (each leaves everything as it was), its stacks, its saved
// context and its waits.

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct ThreadVerbs {
        @Test func reserveMapsAStackInTheTasksSpaceAndReleaseGivesItBack() throws {
            try restartTasks()
            let task = try programTask()
            let space = try TaskManager.get(task).space
            let before = try executionSnapshot()
            Machine.hookCalls = []
            let thread = try ThreadManager.reserve(task, priority: 140, stackSize: pages(4), entry: 0x0010_2000)
            let stored = try ThreadManager.get(thread)
            #expect(IdentifierManager.kind(of: thread) == .thread && Kernel.objectExists(thread))
            #expect(stored.task == task && stored.priority == 140 && stored.entry == 0x0010_2000)
            #expect(stored.lifecycle.state == .stopped && stored.stackSize == pages(4))
            #expect(stored.stackBase == RegionWindow.base && stored.stackTop == RegionWindow.base + pages(4))
            #expect(try TaskManager.threads(of: task) == [thread])
            #expect(try AddressSpaceManager.segments(of: space) == [stored.stackSegment])
            // a program's stack is user-accessible and writable; the MMU maps it
            #expect(Machine.pageTables[space]?[stored.stackBase] == PageEntry(
                physical: try SegmentManager.get(stored.stackSegment).address, writable: true, user: true))
            #expect(Machine.hookCalls.map(\.hook) == ["segmentReserved", "regionReserved", "threadReserved"])
            #expect(Machine.hookCalls.last == Machine.HookCall(
                hook: "threadReserved", identifier: thread,
                arguments: "task=0x\(String(task, radix: 16)) class=3 priority=140 entry=0x102000"
                    + " stack=0x40000000 size=0x4000", objectExisted: true))
            // the machine prepared its first run: the entry, the top of its stack
            #expect(try ThreadManager.store(thread) == ThreadContext(programCounter: 0x0010_2000, stackPointer: stored.stackTop))
            try expectExecutionConsistent()
            Machine.hookCalls = []
            try ThreadManager.release(thread)
            #expect(Machine.hookCalls.map(\.hook) == ["threadReleasing", "regionReleasing", "segmentReleasing"])
            #expect(Machine.hookCalls.first?.objectExisted == true)
            #expect(!ThreadManager.exist(thread) && !Kernel.objectExists(thread))
            #expect(try executionSnapshot() == before)
        }

        @Test func stacksInTheKernelsSpaceArePrivilegedOthersNot() throws {
            try restartTasks()
            let thread = try threadOf(TaskManager.kernel)
            let stored = try ThreadManager.get(thread)
            #expect(try RegionManager.get(kernelSpace, stored.stackRegion).options == .privileged)
            #expect(Machine.pageTables[kernelSpace]?[stored.stackBase]?.user == false)
            try ThreadManager.release(thread)
            // another core task has its own space: its stacks are ordinary regions
            let core = try TaskManager.reserve(.core, .core, priority: 220)
            let other = try ThreadManager.get(try threadOf(core))
            #expect(try RegionManager.get(TaskManager.get(core).space, other.stackRegion).options == [])
            try TaskManager.release(core)
        }

        @Test func badReservationsAreRefusedAndChangeNothing() throws {
            try restartTasks()
            let task = try programTask()
            let dead = try programTask()
            try TaskManager.exit(dead, value: 0)
            let before = try executionSnapshot()
            let refusals = errors("thread", "reserve")
            let cases: [(Identifier, UInt8, UInt64, KernelError)] = [
                (task, 9, pages(1), .outOfRange), (task, 250, pages(1), .outOfRange), (task, 255, pages(1), .outOfRange),
                (task, 100, 0, .invalidArgument), (task, 100, pages(1) + 1, .invalidArgument), (task, 100, 100, .invalidArgument),
                (dead, 100, pages(1), .invalidArgument), (0x1234, 100, pages(1), .unknownIdentifier),
            ]
            for (owner, priority, size, error) in cases {
                #expect(failure { () throws(KernelError) in
                    _ = try ThreadManager.reserve(owner, priority: priority, stackSize: size, entry: 0) } == error,
                    "\(priority) \(size)")
            }
            #expect(errors("thread", "reserve") == refusals + UInt64(cases.count))
            #expect(try executionSnapshot() == before)
            // the ends of the priority range are accepted
            for priority: UInt8 in [10, 249] {
                try ThreadManager.release(try threadOf(task, priority: priority))
            }
            #expect(try executionSnapshot() == before)
        }

        @Test func refusedHooksAreUndone() throws {
            try restartTasks()
            let task = try programTask()
            let before = try executionSnapshot()
            for hook in ["threadReserved", "regionReserved", "segmentReserved"] {
                Machine.refusal = .named(hook)
                #expect(failure { () throws(KernelError) in _ = try threadOf(task) } == .machineRefused, "\(hook)")
                #expect(try executionSnapshot() == before, "\(hook)")
            }
            let thread = try threadOf(task)
            let stopped = try executionSnapshot()
            Machine.refusal = .named("threadStateChanged")
            #expect(failure { () throws(KernelError) in try ThreadManager.start(thread) } == .machineRefused)
            #expect(try executionSnapshot() == stopped)
            Machine.refusal = .named("threadPriorityChanged")
            #expect(failure { () throws(KernelError) in try ThreadManager.priority(thread, 20) } == .machineRefused)
            #expect(try executionSnapshot() == stopped)
            Machine.refusal = .named("threadContextLoad")
            #expect(failure { () throws(KernelError) in
                try ThreadManager.load(thread, ThreadContext(programCounter: 5, stackPointer: RegionWindow.base)) } == .machineRefused)
            #expect(try executionSnapshot() == stopped)
            Machine.refusal = .named("threadReleasing")
            #expect(failure { () throws(KernelError) in try ThreadManager.release(thread) } == .machineRefused)
            #expect(try executionSnapshot() == stopped)
        }

        @Test func theStateMachineSleepAndPriority() throws {
            try restartTasks()
            let thread = try threadOf(try programTask())
            #expect(failure { () throws(KernelError) in try ThreadManager.stop(thread) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try ThreadManager.block(thread) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try ThreadManager.sleep(thread, until: 100) } == .invalidArgument)
            try ThreadManager.start(thread)
            #expect(failure { () throws(KernelError) in try ThreadManager.sleep(thread, until: 0) } == .invalidArgument)
            try ThreadManager.sleep(thread, until: 3000)
            #expect(try state(ofThread: thread) == .blocked && ThreadManager.get(thread).wakeUp == 3000)
            try ThreadManager.start(thread)
            #expect(try state(ofThread: thread) == .running && ThreadManager.get(thread).wakeUp == 0)
            try ThreadManager.block(thread)
            try ThreadManager.stop(thread)
            try ThreadManager.priority(thread, 249)
            #expect(failure { () throws(KernelError) in try ThreadManager.priority(thread, 250) } == .outOfRange)
            #expect(failure { () throws(KernelError) in try ThreadManager.priority(thread, 9) } == .outOfRange)
            #expect(try ThreadManager.get(thread).priority == 249)
            try ThreadManager.exit(thread, value: 5)
            let zombie = try executionSnapshot()
            #expect(failure { () throws(KernelError) in try ThreadManager.start(thread) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try ThreadManager.stop(thread) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try ThreadManager.exit(thread, value: 6) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try ThreadManager.priority(thread, 100) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try ThreadManager.load(thread, ThreadContext(stackPointer: RegionWindow.base)) } == .invalidArgument)
            #expect(try executionSnapshot() == zombie)
            #expect(try ThreadManager.get(thread).lifecycle.exitValue == 5)
        }

        @Test func loadStoreAndArgumentsGoThroughTheSavedContextAndTheStack() throws {
            try restartTasks()
            let task = try programTask()
            let thread = try threadOf(task, stackPages: 1, entry: 0x4242)
            let stored = try ThreadManager.get(thread)
            try ThreadManager.arguments(thread, [0x1122_3344, 7])
            let context = try ThreadManager.store(thread)
            #expect(context == ThreadContext(programCounter: 0x4242, stackPointer: stored.stackTop - 12))
            let space = try TaskManager.get(task).space
            #expect(try AddressSpaceManager.read(space, at: context.stackPointer, count: 12)
                == [0, 0, 0, 0, 0x44, 0x33, 0x22, 0x11, 7, 0, 0, 0])
            // a stack pointer outside the stack, or arguments that do not fit, are refused
            let before = try executionSnapshot()
            for pointer in [stored.stackBase - 4, stored.stackTop + 4, 0] {
                #expect(failure { () throws(KernelError) in
                    try ThreadManager.load(thread, ThreadContext(programCounter: 1, stackPointer: pointer)) } == .outOfRange)
            }
            #expect(failure { () throws(KernelError) in
                try ThreadManager.arguments(thread, [UInt32](repeating: 1, count: 1024)) } == .outOfRange)
            #expect(try executionSnapshot() == before)
            // the ends of the stack are accepted
            try ThreadManager.load(thread, ThreadContext(programCounter: 9, stackPointer: stored.stackBase))
            try ThreadManager.load(thread, ThreadContext(programCounter: 9, stackPointer: stored.stackTop))
            #expect(try ThreadManager.store(thread) == ThreadContext(programCounter: 9, stackPointer: stored.stackTop))
            // only a stopped thread gets arguments
            try ThreadManager.start(thread)
            #expect(failure { () throws(KernelError) in try ThreadManager.arguments(thread, [1]) } == .invalidArgument)
        }

        @Test func flushReleasesEveryThreadOfATaskAndNoOther() throws {
            try restartTasks()
            let task = try programTask()
            let other = try programTask()
            let mine = try (0..<4).map { _ in try threadOf(task) }
            let theirs = try threadOf(other)
            try ThreadManager.flush(task)
            #expect(mine.allSatisfy { !ThreadManager.exist($0) })
            let left = try TaskManager.threads(of: task)
            #expect(ThreadManager.exist(theirs) && left == [])
            #expect(failure { () throws(KernelError) in try ThreadManager.flush(0x77) } == .unknownIdentifier)
            // the current thread cannot go
            ThreadManager.current = theirs
            #expect(failure { () throws(KernelError) in try ThreadManager.flush(other) } == .busy)
            ThreadManager.current = 0
            try expectExecutionConsistent()
        }
    }

    @Suite struct ThreadWaits {
        @Test(arguments: ["start", "stop", "death"], [false, true])
        func waitsBeforeAndAfterEachEvent(event: String, after: Bool) throws {
            try restartTasks()
            let task = try programTask()
            let waiter = try threadOf(task)
            let target = try threadOf(task)
            try ThreadManager.start(waiter)
            let events: WaitEvents = event == "start" ? .started : event == "stop" ? .stopped : .died
            let value: UInt64 = event == "death" ? 77 : 0
            func happen() throws {
                switch event {
                case "start": try ThreadManager.start(target)
                case "stop": try ThreadManager.stop(target)
                default: try ThreadManager.exit(target, value: 77)
                }
            }
            if event == "stop" { try ThreadManager.start(target) }
            if after {
                try happen()
                let before = try executionSnapshot()
                #expect(try ThreadManager.wait(target, for: events, by: waiter)
                    == .answered(WaitAnswer(target: target, event: events, value: value)))
                #expect(try executionSnapshot() == before)
            } else {
                #expect(try ThreadManager.wait(target, for: events, by: waiter) == .blocked)
                #expect(try state(ofThread: waiter) == .blocked)
                try expectExecutionConsistent("waiting")
                try happen()
                #expect(try state(ofThread: waiter) == .running)
                #expect(try ThreadManager.get(waiter).lifecycle.answer == WaitAnswer(target: target, event: events, value: value))
            }
            try expectExecutionConsistent()
        }

        @Test func badThreadWaitsAreRefused() throws {
            try restartTasks()
            let task = try programTask()
            let waiter = try threadOf(task)
            let target = try threadOf(task)
            let before = try executionSnapshot()
            // no current thread at boot: a wait needs a waiter
            #expect(failure { () throws(KernelError) in _ = try ThreadManager.wait(target, for: .died) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try ThreadManager.wait(target, for: .died, by: waiter) } == .invalidArgument)
            try ThreadManager.start(waiter)
            let running = try executionSnapshot()
            #expect(failure { () throws(KernelError) in _ = try ThreadManager.wait(waiter, for: .died, by: waiter) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try ThreadManager.wait(target, for: [], by: waiter) } == .invalidArgument)
            // a task is not a thread
            #expect(failure { () throws(KernelError) in _ = try ThreadManager.wait(task, for: .died, by: waiter) } == .unknownIdentifier)
            #expect(try executionSnapshot() == running)
            _ = before
            // a waiter that exits leaves its target's list
            #expect(try ThreadManager.wait(target, for: .died, by: waiter) == .blocked)
            try ThreadManager.exit(waiter, value: 1)
            #expect(try ThreadManager.get(target).lifecycle.waiters == [])
            try expectExecutionConsistent()
        }
    }
}
