// Tests/KernelCoreTests/TimerTests.swift -- the timer manager: timers
// expire in order at their millisecond, repeating ones re-arm, release
// and update, bad arguments refused and counted; the clock upcall.

import Testing
@testable import Kernel
@testable import Machine

/// What the handlers of a test saw: one line per expiry.
final class ExpiryLog {
    /// (timer, clock when its handler ran, data), oldest first.
    var expiries: [(timer: Identifier, clock: UInt64, data: UInt64)] = []

    /// A handler that writes its expiry down.
    var handler: TimerHandler {
        { timer, data in self.expiries.append((timer, TimerManager.clock, data)) }
    }

    /// The clock readings of the expiries of `timer`.
    func clocks(of timer: Identifier) -> [UInt64] {
        expiries.filter { $0.timer == timer }.map(\.clock)
    }
}

extension KernelManagers {
    @Suite struct TimerVerbs {
        @Test func timersExpireInOrderEachAtItsMillisecond() throws {
            try restartTasks()
            let log = ExpiryLog()
            let late = try TimerManager.reserve(delay: 7, data: 70, handler: log.handler)
            let first = try TimerManager.reserve(delay: 3, data: 30, handler: log.handler)
            let middle = try TimerManager.reserve(delay: 5, data: 50, handler: log.handler)
            let twin = try TimerManager.reserve(delay: 3, data: 31, handler: log.handler)
            // control: one millisecond short of the first expiry, nothing runs
            try TimerManager.tick(2)
            #expect(log.expiries.isEmpty && TimerManager.clock == 2)
            try TimerManager.tick(1)
            #expect(log.expiries.map(\.timer) == [first, twin])
            #expect(log.expiries.map(\.clock) == [3, 3] && log.expiries.map(\.data) == [30, 31])
            // one long tick: each handler sees its own expiry, not the tick's end
            try TimerManager.tick(10)
            #expect(log.expiries.map(\.timer) == [first, twin, middle, late])
            #expect(log.expiries.map(\.clock) == [3, 3, 5, 7])
            #expect(TimerManager.clock == 13)
            // one-shot timers are gone, their identifiers given back
            for timer in [first, twin, middle, late] {
                #expect(!TimerManager.exist(timer) && !Kernel.objectExists(timer))
            }
            #expect(TimerManager.timers?.storedCount == 0)
        }

        @Test func aRepeatingTimerReArmsAndLosesNoExpiry() throws {
            try restartTasks()
            let log = ExpiryLog()
            let timer = try TimerManager.reserve(delay: 4, repeats: true, handler: log.handler)
            for _ in 0..<20 {
                try TimerManager.tick(1)
            }
            #expect(log.clocks(of: timer) == [4, 8, 12, 16, 20])
            #expect(try TimerManager.get(timer).expirations == 5 && TimerManager.get(timer).expiry == 24)
            // a tick longer than the delay runs it once per delay in the stretch
            try TimerManager.tick(10)
            #expect(log.clocks(of: timer) == [4, 8, 12, 16, 20, 24, 28])
            try TimerManager.release(timer)
            try TimerManager.tick(100)
            #expect(log.expiries.count == 7)
        }

        @Test func aReleasedPendingTimerNeverRuns() throws {
            try restartTasks()
            let log = ExpiryLog()
            let kept = try TimerManager.reserve(delay: 10, handler: log.handler)
            let dropped = try TimerManager.reserve(delay: 5, handler: log.handler)
            try TimerManager.tick(4)
            try TimerManager.release(dropped)
            #expect(!TimerManager.exist(dropped))
            try TimerManager.tick(20)
            #expect(log.expiries.map(\.timer) == [kept])
            let refusals = errors("timer", "release")
            #expect(failure { () throws(KernelError) in try TimerManager.release(dropped) } == .unknownIdentifier)
            #expect(errors("timer", "release") == refusals + 1)
        }

        @Test func updateReArmsFromNow() throws {
            try restartTasks()
            let log = ExpiryLog()
            let timer = try TimerManager.reserve(delay: 10, handler: log.handler)
            try TimerManager.tick(4)
            try TimerManager.update(timer, delay: 10, repeats: true)
            #expect(try TimerManager.get(timer).expiry == 14)
            try TimerManager.tick(6)
            #expect(log.expiries.isEmpty)  // the old expiry (10) is gone
            try TimerManager.tick(20)
            #expect(log.clocks(of: timer) == [14, 24])
            // back to a one-shot: it runs once more and goes
            try TimerManager.update(timer, delay: 1, repeats: false)
            try TimerManager.tick(5)
            #expect(log.clocks(of: timer) == [14, 24, 31] && !TimerManager.exist(timer))
        }

        @Test func badArgumentsAreRefusedCountedAndChangeNothing() throws {
            try restartTasks()
            let log = ExpiryLog()
            let timer = try TimerManager.reserve(delay: 8, handler: log.handler)
            let before = try TimerManager.get(timer)
            let reserves = errors("timer", "reserve")
            let updates = errors("timer", "update")
            #expect(failure { () throws(KernelError) in _ = try TimerManager.reserve(delay: 0, handler: log.handler) }
                == .invalidArgument)
            #expect(failure { () throws(KernelError) in try TimerManager.update(timer, delay: 0, repeats: true) }
                == .invalidArgument)
            #expect(failure { () throws(KernelError) in try TimerManager.update(0x1234, delay: 3, repeats: true) }
                == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try TimerManager.get(0x1234) } == .unknownIdentifier)
            #expect(errors("timer", "reserve") == reserves + 1 && errors("timer", "update") == updates + 2)
            let after = try TimerManager.get(timer)
            #expect(after.expiry == before.expiry && after.delay == before.delay && after.repeats == before.repeats)
            #expect(TimerManager.timers?.storedCount == 1)
        }

        @Test func handlersMayReleaseTheirOwnTimerAndReserveOthers() throws {
            try restartTasks()
            let log = ExpiryLog()
            var runs = 0
            var spawned: Identifier = 0
            let timer = try TimerManager.reserve(delay: 2, repeats: true, data: 9) { timer, data in
                runs += 1
                if runs == 3 {
                    try? TimerManager.release(timer)
                    spawned = (try? TimerManager.reserve(delay: 1, data: data, handler: log.handler)) ?? 0
                }
            }
            try TimerManager.tick(20)
            #expect(runs == 3 && !TimerManager.exist(timer))
            // the timer reserved at clock 6 ran at 7, inside the same tick
            #expect(spawned != 0 && log.clocks(of: spawned) == [7])
        }

        @Test func theMachinesClockInterruptDrivesTheTimers() throws {
            try restartTasks()
            let log = ExpiryLog()
            let timer = try TimerManager.reserve(delay: 10, repeats: true, handler: log.handler)
            for _ in 0..<5 {
                Machine.clockInterrupt(milliseconds: 10)
            }
            #expect(TimerManager.clock == 50 && log.clocks(of: timer) == [10, 20, 30, 40, 50])
            TimerManager.dump()
            try TimerManager.show(timer)
            // the kernel stopped, ticks reach nothing (and trap nowhere)
            try Kernel.clean()
            Machine.clockInterrupt(milliseconds: 10)
            #expect(TimerManager.timers == nil && TimerManager.clock == 0)
            try Kernel.initialize()
        }
    }
}
