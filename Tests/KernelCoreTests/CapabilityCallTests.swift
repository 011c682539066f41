// Tests/KernelCoreTests/CapabilityCallTests.swift -- capabilities as a
// program hands them to the kernel (40 bytes in its memory) and the
// system calls that take them; messages through the node loopback under
// the global policy; timers delivered as messages.

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct CapabilityCalls {
        @Test func aCapabilityTravelsAsFortyLittleEndianBytes() {
            let capability = Capability(node: 1, object: 0x0102_0304_0506_0708, operations: [.read, .grant],
                                        record: 0xAA, check: 0xFEDC_BA98_7654_3210)
            let bytes = capability.bytes
            #expect(bytes.count == Capability.size)
            #expect(Array(bytes[8..<16]) == [8, 7, 6, 5, 4, 3, 2, 1])
            #expect(Array(bytes[16..<24]) == [0x21, 0, 0, 0, 0, 0, 0, 0])
            #expect(Capability(bytes: bytes) == capability)
            // bad input: a short run, padding that is not zero
            #expect(Capability(bytes: Array(bytes[0..<39])) == nil)
            var padded = bytes
            padded[20] = 1
            #expect(Capability(bytes: padded) == nil)
        }

        /// A task with one page of data at 0x40000000, a segment of its
        /// own, a capability for it the task holds and one it does not.
        func setting() throws -> (task: Identifier, other: Identifier, segment: Identifier,
                                  held: Capability, notHeld: Capability) {
            try restartTasks()
            CapabilityManager.choose(.local)
            let task = try runningTask(), other = try programTask()
            let space = try TaskManager.get(task).space
            let data = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write])
            _ = try RegionManager.reserve(space, segment: data, offset: 0, size: pageSize, options: .forceAddress,
                                          address: 0x4000_0000)
            let segment = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write])
            let held = try CapabilityManager.reserve(segment, [.read, .write, .grant], holder: task)
            let notHeld = try CapabilityManager.reserve(segment, .read, holder: other)
            try AddressSpaceManager.write(space, at: 0x4000_0000, bytes: held.bytes + notHeld.bytes)
            try AddressSpaceManager.write(space, at: 0x4000_00C8, bytes: bytes("hello"))
            return (task, other, segment, held, notHeld)
        }

        @Test func theCallsHonourWhatTheCapabilityAllowsAndNothingElse() throws {
            let (task, other, segment, held, _) = try setting()
            let records = try CapabilityManager.container().storedCount
            let log = HostLog()
            let thread = try hostThreadOf(task) { me in
                func call(_ number: UInt32, _ words: [UInt32]) -> UInt32 {
                    let padded = words + [UInt32](repeating: 0, count: 5 - words.count)
                    var call = SystemCall(number: number, arguments: [padded[0], padded[1], padded[2], padded[3], padded[4]])
                    SystemCallManager.handle(&call)
                    return call.status
                }
                let full: UInt32 = 0x4000_0000, stolen: UInt32 = 0x4000_0028, weak: UInt32 = 0x4000_0050
                log.add("write \(call(14, [full, 0, 0x4000_00C8, 5]))")
                log.add("restrict \(call(10, [full, 1, weak]))")
                log.add("write weak \(call(14, [weak, 0, 0x4000_00C8, 5]))")
                log.add("read weak \(call(13, [weak, 0, 0x4000_0100, 5]))")
                log.add("read stolen \(call(13, [stolen, 0, 0x4000_0100, 5]))")
                log.add("restrict into kernel \(call(10, [full, 1, 0x0010_0000]))")
                log.add("read into kernel \(call(13, [full, 0, 0x0010_0000, 5]))")
                log.add("read past \(call(13, [full, pageSize32 - 2, 0x4000_0100, 5]))")
                log.add("kernel capability \(call(13, [0x0010_0000, 0, 0x4000_0100, 5]))")
                log.add("widen \(call(10, [full, 0x40, weak]))")
                log.add("invalidate \(call(11, [weak]))")
                log.add("read dead \(call(13, [weak, 0, 0x4000_0100, 5]))")
                log.add("give \(call(12, [full, UInt32(truncatingIfNeeded: other), UInt32(truncatingIfNeeded: other >> 32)]))")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            let denied = KernelError.permissionDenied.status, out = KernelError.outOfRange.status
            #expect(log.lines == [
                "write 0", "restrict 0", "write weak \(denied)", "read weak 0", "read stolen \(denied)",
                "restrict into kernel \(out)", "read into kernel \(out)", "read past \(out)",
                "kernel capability \(out)", "widen \(denied)", "invalidate 0", "read dead \(denied)", "give 0",
            ])
            #expect(try SegmentManager.read(segment, offset: 0, count: 5) == bytes("hello"))
            let space = try TaskManager.get(task).space
            #expect(try AddressSpaceManager.read(space, at: 0x4000_0100, count: 5) == bytes("hello"))
            #expect(CapabilityManager.holds(other, held))
            // a refused restrict left no record behind: one restricted, one invalidated
            #expect(try CapabilityManager.container().storedCount == records)
        }

        @Test func aGuardedTaskTakesMessagesFromHoldersOfASendCapabilityOnly() throws {
            let (task, other, _, _, _) = try setting()
            try MessageManager.register(other, type: 1, maximumSize: 16)
            try CapabilityManager.guardMessages(to: other)
            let log = HostLog()
            let words = [UInt32(truncatingIfNeeded: other), UInt32(truncatingIfNeeded: other >> 32), 1, 0x4000_00C8, 5]
            let capabilityBox = HostBox<Capability?>(nil)
            let thread = try hostThreadOf(task) { me in
                func send() -> UInt32 {
                    var call = SystemCall(number: 6, arguments: [words[0], words[1], words[2], words[3], words[4]])
                    SystemCallManager.handle(&call)
                    return call.status
                }
                log.add("guarded \(send())")
                capabilityBox.value = try? CapabilityManager.reserve(other, .send, holder: task)
                log.add("holder \(send())")
                if let capability = capabilityBox.value { try? CapabilityManager.invalidate(capability) }
                log.add("invalidated \(send())")
                _ = try? CapabilityManager.reserve(other, [.send], holder: other)
                log.add("someone else's \(send())")
                CapabilityManager.unguardMessages(to: other)
                log.add("open \(send())")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            let denied = KernelError.permissionDenied.status
            #expect(log.lines == ["guarded \(denied)", "holder 0", "invalidated \(denied)", "someone else's \(denied)",
                                  "open 0"])
            #expect(try MessageManager.get(other, type: 1).queued.count == 2)
            // bad input, and a released task is no longer guarded
            #expect(failure { () throws(KernelError) in try CapabilityManager.guardMessages(to: 0x7777) }
                == .unknownIdentifier)
            try CapabilityManager.guardMessages(to: other)
            try TaskManager.release(other)
            #expect(!CapabilityManager.guardedTasks.contains(other))
        }

        @Test func aFrameChangedOnTheLoopbackIsDroppedUnderGlobal() throws {
            try restartTasks()
            let task = try programTask()
            try MessageManager.register(task, type: 3, maximumSize: 16)
            CapabilityManager.choose(.global)
            defer { CapabilityManager.choose(.local) }
            try NodeLink.send(toNode: CapabilityManager.node, task: task, type: 3, bytes("wire"), from: task)
            #expect(NodeLink.wire.count == 1 && NodeLink.wire[0].code != 0)
            #expect(NodeLink.deliver() == 1)
            let forged = NodeLink.forged
            for change in [{ (frame: inout NodeFrame) in frame.bytes[0] ^= 1 }, { $0.type = 4 }, { $0.task ^= 1 },
                           { $0.code ^= 1 }] {
                try NodeLink.send(toNode: CapabilityManager.node, task: task, type: 3, bytes("wire"), from: task)
                change(&NodeLink.wire[0])
                #expect(NodeLink.deliver() == 0)
            }
            #expect(NodeLink.forged == forged + 4)
            #expect(try MessageManager.get(task, type: 3).queued.map(\.bytes) == [bytes("wire")])
            // control: under local the same change goes through unnoticed
            CapabilityManager.choose(.local)
            try NodeLink.send(toNode: CapabilityManager.node, task: task, type: 3, bytes("wire"), from: task)
            NodeLink.wire[0].bytes[0] ^= 1
            #expect(NodeLink.deliver() == 1)
            // bad input: another node, an unregistered type on arrival
            #expect(failure { () throws(KernelError) in
                try NodeLink.send(toNode: 2, task: task, type: 3, bytes("x"), from: task)
            } == .unknownIdentifier)
            let undeliverable = NodeLink.undeliverable
            try NodeLink.send(toNode: CapabilityManager.node, task: task, type: 9, bytes("x"), from: task)
            #expect(NodeLink.deliver() == 0 && NodeLink.undeliverable == undeliverable + 1)
        }

        @Test func aMessageTimersExpiriesAreMessagesFromTheKernel() throws {
            try restartTasks()
            let task = try programTask()
            try MessageManager.register(task, type: TimerManager.messageType, maximumSize: TimerManager.messageSize)
            let start = TimerManager.clock
            let timer = try TimerManager.reserve(delay: 10, repeats: true, messageTo: task)
            try TimerManager.tick(25)
            let queued = try MessageManager.get(task, type: TimerManager.messageType).queued
            #expect(queued.map(\.sender) == [TaskManager.kernel, TaskManager.kernel])
            #expect(queued.map(\.bytes) == [LittleEndian.bytes(of: [timer, start + 10]),
                                            LittleEndian.bytes(of: [timer, start + 20])])
            // no box any more: the expiry is lost and counted
            let missed = TimerManager.missedMessages
            try MessageManager.flush(task)
            try TimerManager.tick(10)
            #expect(TimerManager.missedMessages == missed + 1)
            #expect(failure { () throws(KernelError) in _ = try TimerManager.reserve(delay: 10, messageTo: 0x7777) }
                == .unknownIdentifier)
            try TimerManager.release(timer)
        }
    }
}

/// A page's size as a system call's argument word.
let pageSize32 = UInt32(pageSize)

/// A value a host thread's body sets and the test reads.
final class HostBox<Value>: @unchecked Sendable {
    /// The value.
    var value: Value

    /// A box holding `value`.
    init(_ value: Value) {
        self.value = value
    }
}
