// Tests/KernelCoreTests/ThreadFastPathTests.swift -- the in-place state
// change (`ThreadManager.changeAlone`) against the plan it shortcuts.
//
// `change` makes a move that concerns one thread alone in place, and
// every other move through a `LifecyclePlan`. The two must agree: for
// random threads in random states (some waiting, some waited for), the
// test plans each move on the side, never committing it, then makes it
// with `changeAlone` and compares the thread, the error and the
// scheduler's queues.

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct ThreadFastPath {
        /// What the plan makes of `verb` on `thread` (nothing is
        /// written): the thread after, or the error.
        func planned(_ thread: Identifier, _ verb: LifecycleVerb, wakeUp: UInt64) -> Result<ThreadDescriptor, KernelError> {
            var plan = LifecyclePlan<ThreadDescriptor>(fetch: { (identifier) throws(KernelError) in
                try ThreadManager.container().get(identifier)
            })
            do throws(KernelError) {
                try plan.move(thread, verb)
                var moved = try plan.object(thread)
                moved.wakeUp = wakeUp
                return .success(moved)
            } catch {
                return .failure(error)
            }
        }

        @Test(arguments: [11 as UInt64, 12, 13])
        func aMoveAloneIsThePlansMove(seed: UInt64) throws {
            try restartTasks()
            var random = SeededGenerator(seed: seed)
            let task = try runningTask()
            var threads = try (0..<6).map { _ throws(KernelError) in try threadOf(task) }
            var madeInPlace = 0
            var refusedInPlace = 0
            var declined = 0
            for step in 0..<800 {
                let context = "seed \(seed) step \(step)"
                let index = Int.random(in: 0..<threads.count, using: &random)
                let thread = threads[index]
                switch Int.random(in: 0..<12, using: &random) {
                case 0, 1:
                    // a wait, so that some threads wait and some are waited for
                    let target = threads.randomElement(using: &random)!
                    _ = try? ThreadManager.wait(target, for: .stopped, by: thread)
                    continue
                case 2:
                    // a zombie is replaced (waiters are answered by its exit first)
                    try? ThreadManager.exit(thread, value: UInt64(step))
                    if (try? ThreadManager.release(thread)) != nil {
                        threads[index] = try threadOf(task)
                    }
                    continue
                default:
                    break
                }
                let verb = [LifecycleVerb.start, .stop, .block, .block, .start].randomElement(using: &random)!
                let wakeUp = UInt64.random(in: 0...3, using: &random) * 1000
                let before = try ThreadManager.get(thread)
                let expected = planned(thread, verb, wakeUp: wakeUp)
                var alone = false
                let error = failure { () throws(KernelError) in
                    alone = try ThreadManager.changeAlone(thread, verb, wakeUp: wakeUp)
                }
                try Scheduler.rescheduleIfDescheduled()
                let after = try ThreadManager.get(thread)
                let shouldBeAlone = before.lifecycle.waiters.isEmpty && before.lifecycle.waitingFor == 0
                if !shouldBeAlone {
                    // 1. declined, the thread untouched: the plan makes this move
                    #expect(!alone && error == nil, "\(context): \(verb) taken in place")
                    #expect(after.lifecycle == before.lifecycle && after.wakeUp == before.wakeUp, "\(context)")
                    declined += 1
                    continue
                }
                switch expected {
                case .success(let moved):
                    // 2. the same thread as the plan's
                    #expect(error == nil && alone, "\(context): \(verb) gave \(String(describing: error))")
                    #expect(after.lifecycle == moved.lifecycle, "\(context): \(verb)")
                    #expect(after.wakeUp == moved.wakeUp, "\(context): wake-up")
                    madeInPlace += 1
                case .failure(let wanted):
                    // 3. the same refusal, the thread as it was
                    #expect(error == wanted, "\(context): \(verb)")
                    #expect(after.lifecycle == before.lifecycle && after.wakeUp == before.wakeUp, "\(context)")
                    refusedInPlace += 1
                }
                // the scheduler followed (a running thread is queued, no other)
                try expectSchedulerFollowsThreads(context)
            }
            try expectExecutionConsistent("seed \(seed) end")
            // each branch ran often enough to mean something
            #expect(madeInPlace >= 100 && refusedInPlace >= 50 && declined >= 20,
                    "seed \(seed): \(madeInPlace) made, \(refusedInPlace) refused, \(declined) declined")
        }

        @Test func anExitIsAlwaysThePlans() throws {
            try restartTasks()
            let thread = try threadOf(try runningTask())
            let before = try ThreadManager.get(thread)
            let alone = try ThreadManager.changeAlone(thread, .exit(7), wakeUp: 0)
            #expect(!alone)
            #expect(try ThreadManager.get(thread).lifecycle == before.lifecycle)
        }
    }
}
