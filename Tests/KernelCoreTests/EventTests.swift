// Tests/KernelCoreTests/EventTests.swift -- the event manager: each
// event reaches its own handler, a disabled one nobody; bad numbers and
// double reservations are refused, counted, and change nothing; the
// machine's hooks and its interrupt upcall.

import Testing
@testable import Kernel
@testable import Machine

/// What the event handlers of a test saw: (number, data), oldest first.
final class EventLog {
    var calls: [(number: UInt8, data: UInt64, handler: String)] = []

    /// A handler that writes its calls down under `name`.
    func handler(_ name: String) -> EventDelivery {
        .kernel { number, data in self.calls.append((number, data, name)) }
    }
}

extension KernelManagers {
    @Suite struct EventVerbs {
        @Test func eachEventReachesItsOwnHandler() throws {
            try restartTasks()
            let log = EventLog()
            Machine.hookCalls = []
            try EventManager.reserve(EventNumbers.interrupt(1), log.handler("keyboard"), data: 7)
            try EventManager.reserve(EventNumbers.interrupt(8), log.handler("clock"), data: 8)
            try EventManager.reserve(14, log.handler("page fault"), data: 14)
            #expect(Machine.hookCalls.map(\.hook) == ["eventReserved", "eventReserved", "eventReserved"])
            #expect(Machine.hookCalls.first?.identifier == 33 && Machine.hookCalls.first?.arguments == "enabled=true")
            // raised by the machine, through the core's upcall
            Machine.interrupt(33)
            #expect(log.calls.map(\.handler) == ["keyboard"] && log.calls.first?.data == 7)
            #expect(try EventManager.dispatch(40) == true)
            #expect(try EventManager.dispatch(14) == true)
            #expect(log.calls.map(\.handler) == ["keyboard", "clock", "page fault"])
            #expect(log.calls.map(\.number) == [33, 40, 14])
            #expect(try EventManager.get(33).delivered == 1 && EventManager.get(40).delivered == 1)
            EventManager.dump()
            try EventManager.show(33)
        }

        @Test func anInterruptKeepsTheLastErrorItMet() throws {
            try restartTasks()
            #expect(Kernel.interruptFailures.events == nil && Kernel.interruptFailures.timers == nil)
            // control: an event nobody reserved is only counted
            Machine.interrupt(EventNumbers.interrupt(3))
            #expect(Kernel.interruptFailures.events == nil)
            // a number past the last is an error the interrupt keeps
            Machine.interrupt(EventNumbers.count)
            #expect(Kernel.interruptFailures.events == .outOfRange)
            // the clock, once the timers stopped, fails in them
            try Kernel.clean()
            Machine.clockInterrupt(milliseconds: 1)
            #expect(Kernel.interruptFailures.timers == .busy && Kernel.interruptFailures.scheduler == nil)
            // a new start forgets them
            try Kernel.initialize()
            #expect(Kernel.interruptFailures.events == nil && Kernel.interruptFailures.timers == nil)
        }

        @Test func aDisabledEventReachesNobody() throws {
            try restartTasks()
            let log = EventLog()
            try EventManager.reserve(35, log.handler("disk"))
            Machine.hookCalls = []
            try EventManager.disable(35)
            #expect(Machine.hookCalls.map(\.hook) == ["eventEnabled"] && Machine.hookCalls[0].arguments == "enabled=false")
            #expect(try EventManager.dispatch(35) == false)
            Machine.interrupt(35)
            #expect(try log.calls.isEmpty && EventManager.get(35).missed == 2)
            // control: enabled again, it is delivered
            try EventManager.enable(35)
            #expect(try EventManager.dispatch(35) == true && log.calls.count == 1)
            // a refused enable leaves it disabled
            try EventManager.disable(35)
            Machine.refusal = .named("eventEnabled")
            #expect(failure { () throws(KernelError) in try EventManager.enable(35) } == .machineRefused)
            #expect(try EventManager.get(35).enabled == false && EventManager.dispatch(35) == false)
            // reserved disabled from the start
            try EventManager.reserve(36, log.handler("net"), enabled: false)
            #expect(try EventManager.dispatch(36) == false && log.calls.count == 1)
        }

        @Test func badReservationsAndDispatchesAreRefusedAndCounted() throws {
            try restartTasks()
            let log = EventLog()
            try EventManager.reserve(33, log.handler("first"), data: 1)
            let reserves = errors("event", "reserve")
            let dispatches = errors("event", "dispatch")
            #expect(failure { () throws(KernelError) in try EventManager.reserve(33, log.handler("second")) }
                == .duplicateIdentifier)
            #expect(failure { () throws(KernelError) in try EventManager.reserve(EventNumbers.count, log.handler("x")) }
                == .outOfRange)
            #expect(failure { () throws(KernelError) in try EventManager.reserve(255, log.handler("x")) } == .outOfRange)
            #expect(failure { () throws(KernelError) in try EventManager.reserve(34, .message(task: 0x0500_0000_0000_9999)) }
                == .unknownIdentifier)
            #expect(errors("event", "reserve") == reserves + 4)
            #expect(failure { () throws(KernelError) in _ = try EventManager.dispatch(34) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try EventManager.dispatch(200) } == .outOfRange)
            Machine.interrupt(47)
            #expect(errors("event", "dispatch") == dispatches + 3)
            #expect(failure { () throws(KernelError) in try EventManager.release(34) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try EventManager.disable(34) } == .unknownIdentifier)
            // the first reservation is untouched
            #expect(try EventManager.dispatch(33) && log.calls.map(\.handler) == ["first"])
            #expect(EventManager.events?.storedCount == 1 && !EventManager.exist(34))
        }

        @Test func releaseAndARefusedReservation() throws {
            try restartTasks()
            let log = EventLog()
            try EventManager.reserve(33, log.handler("keyboard"))
            Machine.hookCalls = []
            try EventManager.release(33)
            #expect(Machine.hookCalls.map(\.hook) == ["eventReleasing"])
            #expect(!EventManager.exist(33))
            #expect(failure { () throws(KernelError) in _ = try EventManager.dispatch(33) } == .unknownIdentifier)
            Machine.refusal = .named("eventReserved")
            #expect(failure { () throws(KernelError) in try EventManager.reserve(33, log.handler("again")) }
                == .machineRefused)
            #expect(!EventManager.exist(33))
            // a handler may release its own event
            try EventManager.reserve(33, .kernel { number, _ in try? EventManager.release(number) })
            #expect(try EventManager.dispatch(33) && !EventManager.exist(33))
            #expect(log.calls.isEmpty)
        }
    }
}
