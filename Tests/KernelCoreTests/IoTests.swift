// Tests/KernelCoreTests/IoTests.swift -- I/O ports granted per task, and
// interrupts delivered as messages, on the host machine.

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct IoAndEventMessages {
        @Test func onlyDriversAndTheCoreGetPorts() throws {
            try restartTasks()
            let driver = try TaskManager.reserve(.driver, .timesharing, priority: 100)
            let program = try programTask()
            try IoManager.grant(driver, first: 0x3F8, count: 8)
            #expect(IoManager.granted(driver, port: 0x3F8) && IoManager.granted(driver, port: 0x3FF))
            #expect(!IoManager.granted(driver, port: 0x3F7) && !IoManager.granted(driver, port: 0x400))
            try IoManager.deny(driver, first: 0x3FC, count: 1)
            #expect(!IoManager.granted(driver, port: 0x3FC) && IoManager.granted(driver, port: 0x3FD))
            // refusals change nothing
            #expect(failure { () throws(KernelError) in try IoManager.grant(program, first: 0x60, count: 1) }
                == .permissionDenied)
            #expect(!IoManager.granted(program, port: 0x60))
            #expect(failure { () throws(KernelError) in try IoManager.grant(driver, first: 1020, count: 8) } == .outOfRange)
            #expect(failure { () throws(KernelError) in try IoManager.grant(driver, first: 0x60, count: 0) } == .outOfRange)
            #expect(failure { () throws(KernelError) in try IoManager.grant(0x0500_0000_0000_9999, first: 0x60, count: 1) }
                == .unknownIdentifier)
            #expect(!IoManager.granted(driver, port: 1020) && !IoManager.granted(driver, port: 0x60))
            // control: a program may lose ports it never had (a denial is no grant)
            try IoManager.deny(program, first: 0x60, count: 1)
        }

        @Test func anInterruptAsAMessageReachesItsTask() throws {
            try restartTasks()
            let driver = try runningTask()
            let number = EventNumbers.interrupt(5)
            let type = EventManager.messageType(of: number)
            #expect(failure { () throws(KernelError) in
                try EventManager.reserve(number, .message(task: 0x0500_0000_0000_9999))
            } == .unknownIdentifier)
            try EventManager.reserve(number, .message(task: driver))
            // no box yet: missed, and the error kept for the tests
            Kernel.raise(number)
            #expect(try EventManager.get(number).missed == 1 && EventManager.get(number).delivered == 0)
            #expect(Kernel.interruptFailures.events == .invalidArgument)
            // with a box: one byte, the event's number, from the kernel's task
            try MessageManager.register(driver, type: type, maximumSize: 1)
            Kernel.raise(number)
            let message = try #require(try MessageManager.poll(driver, type: type))
            #expect(message.bytes == [number] && message.sender == TaskManager.kernel)
            #expect(try EventManager.get(number).delivered == 1 && EventManager.get(number).missed == 1)
        }
    }
}
