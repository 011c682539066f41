// Tests/KernelCoreTests/MessageTests.swift -- messages between tasks, with
// threads that really block (host threads, HostThreadsTests.swift): an
// asynchronous send goes on, a transmit waits until received, a receive
// waits until sent; types keep their own queues; every refusal leaves
// the boxes as they were.

import Testing
@testable import Kernel
@testable import Machine

/// The bytes of `text`.
func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// The text of a message.
func text(_ message: Message?) -> String {
    message.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "none"
}

extension KernelManagers {
    @Suite struct MessageVerbs {
        @Test func aSendIsReceivedWholeWithItsSender() throws {
            try restartTasks()
            let (sender, receiver) = (try runningTask(), try runningTask())
            try MessageManager.register(receiver, type: 7, maximumSize: 64)
            let log = HostLog()
            let thread = try hostThreadOf(receiver) { me in
                let message = try? MessageManager.receive(type: 7)
                log.add("got \(text(message)) from \(message?.sender == sender) size \(message?.bytes.count ?? -1)")
                try? ThreadManager.exit(me, value: 0)
            }
            try MessageManager.send(to: receiver, type: 7, bytes("hello"), from: sender)
            #expect(try MessageManager.get(receiver, type: 7).queued.count == 1)
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            #expect(log.lines == ["got hello from true size 5"])
            #expect(try MessageManager.get(receiver, type: 7).queued.isEmpty)
        }

        @Test func aReceiveBlocksUntilAMessageComes() throws {
            try restartTasks()
            let receiver = try runningTask()
            try MessageManager.register(receiver, type: 7, maximumSize: 64)
            let log = HostLog()
            let thread = try hostThreadOf(receiver) { me in
                log.add("receives")
                let message = try? MessageManager.receive(type: 7)
                log.add("got \(text(message))")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            // it waits, blocked, in the box
            #expect(log.lines == ["receives"])
            #expect(try ThreadManager.get(thread).lifecycle.state == .blocked)
            #expect(try MessageManager.get(receiver, type: 7).waiting == [thread])
            // control: a message of another box does not wake it
            try MessageManager.register(receiver, type: 9, maximumSize: 64)
            try MessageManager.send(to: receiver, type: 9, bytes("other"))
            #expect(try ThreadManager.get(thread).lifecycle.state == .blocked)
            try MessageManager.send(to: receiver, type: 7, bytes("late"))
            _ = try Scheduler.elect()
            #expect(log.lines == ["receives", "got late"])
            // the other type stayed queued, in its own box
            #expect(text(try MessageManager.poll(receiver, type: 9)) == "other")
            #expect(try MessageManager.poll(receiver, type: 9) == nil)
        }

        @Test func aTransmitWaitsUntilReceived() throws {
            try restartTasks()
            let (sender, receiver) = (try runningTask(), try runningTask())
            try MessageManager.register(receiver, type: 3, maximumSize: 3000)
            let log = HostLog()
            let payload = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let transmitter = try hostThreadOf(sender) { me in
                log.add("transmits")
                let refused = (try? MessageManager.transmit(to: receiver, type: 3, payload)) == nil
                log.add("transmit returned, refused \(refused)")
                try? ThreadManager.exit(me, value: 0)
            }
            let receiving = try hostThreadOf(receiver) { me in
                let message = try? MessageManager.receive(type: 3)
                log.add("received \(message?.bytes == payload)")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(transmitter)
            _ = try Scheduler.elect()
            // the transmitter waits while its message is queued
            #expect(log.lines == ["transmits"])
            #expect(try ThreadManager.get(transmitter).lifecycle.state == .blocked)
            try ThreadManager.start(receiving)
            _ = try Scheduler.elect()
            #expect(log.lines == ["transmits", "received true", "transmit returned, refused false"])
        }

        @Test func aSendGoesOnAtOnce() throws {
            // the control of the transmit above: send does not wait
            try restartTasks()
            let (sender, receiver) = (try runningTask(), try runningTask())
            try MessageManager.register(receiver, type: 3, maximumSize: 64)
            let log = HostLog()
            let thread = try hostThreadOf(sender) { me in
                try? MessageManager.send(to: receiver, type: 3, bytes("x"))
                log.add("send returned")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            #expect(log.lines == ["send returned"])
            #expect(try MessageManager.get(receiver, type: 3).queued.count == 1)
        }

        @Test func waitTellsSizeAndSenderAndLeavesTheMessage() throws {
            try restartTasks()
            let (sender, receiver) = (try runningTask(), try runningTask())
            try MessageManager.register(receiver, type: 1, maximumSize: 64)
            let log = HostLog()
            let thread = try hostThreadOf(receiver) { me in
                let summary = try? MessageManager.wait(type: 1)
                log.add("size \(summary?.size ?? -1) from sender \(summary?.sender == sender)")
                log.add("then \(text(try? MessageManager.receive(type: 1)))")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            try MessageManager.send(to: receiver, type: 1, bytes("sized"), from: sender)
            _ = try Scheduler.elect()
            #expect(log.lines == ["size 5 from sender true", "then sized"])
        }

        @Test func refusalsChangeNothing() throws {
            try restartTasks()
            let receiver = try runningTask()
            try MessageManager.register(receiver, type: 7, maximumSize: 8)
            #expect(failure { () throws(KernelError) in try MessageManager.register(receiver, type: 7, maximumSize: 8) }
                == .duplicateIdentifier)
            #expect(failure { () throws(KernelError) in try MessageManager.register(0x7777, type: 1, maximumSize: 8) }
                == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try MessageManager.register(receiver, type: 1, maximumSize: 0) }
                == .outOfRange)
            #expect(failure { () throws(KernelError) in
                try MessageManager.register(receiver, type: 1, maximumSize: MessageManager.largestMessage + 1)
            } == .outOfRange)
            #expect(failure { () throws(KernelError) in try MessageManager.send(to: 0x7777, type: 7, bytes("a")) }
                == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try MessageManager.send(to: receiver, type: 8, bytes("a")) }
                == .invalidArgument)
            #expect(failure { () throws(KernelError) in try MessageManager.send(to: receiver, type: 7, bytes("123456789")) }
                == .outOfRange)
            // the boot context has no thread to block
            #expect(failure { () throws(KernelError) in _ = try MessageManager.receive(type: 7) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in try MessageManager.transmit(to: receiver, type: 7, bytes("a")) }
                == .invalidArgument)
            #expect(try MessageManager.get(receiver, type: 7).queued.isEmpty)
            #expect(try MessageManager.poll(receiver, type: 7) == nil)
            // a full box refuses more; control: exactly the limit fits
            for _ in 0..<MessageManager.queueLimit {
                try MessageManager.send(to: receiver, type: 7, bytes("f"))
            }
            #expect(failure { () throws(KernelError) in try MessageManager.send(to: receiver, type: 7, bytes("f")) }
                == .exhausted)
            #expect(try MessageManager.get(receiver, type: 7).queued.count == MessageManager.queueLimit)
            // a dead task receives nothing
            try TaskManager.exit(receiver, value: 0)
            #expect(failure { () throws(KernelError) in try MessageManager.send(to: receiver, type: 7, bytes("a")) }
                == .unknownIdentifier)
            MessageManager.dump()
        }

        @Test func aFlushedBoxStartsItsTransmitters() throws {
            try restartTasks()
            let (sender, receiver) = (try runningTask(), try runningTask())
            try MessageManager.register(receiver, type: 2, maximumSize: 64)
            let log = HostLog()
            let transmitter = try hostThreadOf(sender) { me in
                let refused = (try? MessageManager.transmit(to: receiver, type: 2, bytes("lost"))) == nil
                log.add("returned, refused \(refused)")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(transmitter)
            _ = try Scheduler.elect()
            #expect(log.lines.isEmpty)
            try MessageManager.flush(receiver)
            _ = try Scheduler.elect()
            #expect(log.lines == ["returned, refused true"])
            #expect(failure { () throws(KernelError) in _ = try MessageManager.get(receiver, type: 2) } == .invalidArgument)
        }
    }
}
