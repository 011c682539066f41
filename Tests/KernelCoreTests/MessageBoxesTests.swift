// Tests/KernelCoreTests/MessageBoxesTests.swift -- the message manager's
// box table (reference/message/message_boxes.swift) against Swift's
// Dictionary: random registrations, changes in place and removals, with
// addresses that share a task or a type; and a change in place that
// really is in place (the queue is not copied).

import Testing
import PropertyBased
@testable import Kernel
@testable import Machine

/// A message of `size` zero bytes from task 1, numbered `serial`.
func boxMessage(_ serial: UInt64, size: Int = 1) -> Message {
    Message(sender: 1, type: 7, bytes: [UInt8](repeating: 0, count: size), transmitter: 0, serial: serial)
}

@Suite struct MessageBoxesProperties {
    @Test func agreesWithADictionary() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 0...300)) { program in
            var table: MessageBoxes = [:]
            var model: [MessageAddress: MessageBox] = [:]
            for (step, code) in program.enumerated() {
                // 6 tasks (one with a high word) x 5 types: addresses often repeat
                let task = Identifier(code / 7 % 6) + (code % 11 == 0 ? 1 << 40 : 0)
                let address = MessageAddress(task: task, type: UInt32(code / 3 % 5))
                switch code % 4 {
                case 0:
                    #expect(table.removeValue(forKey: address)?.maximumSize == model.removeValue(forKey: address)?.maximumSize)
                case 1:
                    table[address] = MessageBox(maximumSize: step + 1)
                    model[address] = MessageBox(maximumSize: step + 1)
                case 2:
                    // half through the accessor, half through `update` (nil: no box, nothing done)
                    if step % 2 == 0 {
                        table[address]?.queued.append(boxMessage(UInt64(step)))
                    } else {
                        let done = table.update(address) { $0.queued.append(boxMessage(UInt64(step))) }
                        #expect((done != nil) == (model[address] != nil))
                    }
                    model[address]?.queued.append(boxMessage(UInt64(step)))
                default:
                    table[address] = nil
                    model[address] = nil
                }
                #expect(table[address]?.maximumSize == model[address]?.maximumSize)
                #expect(table[address]?.queued.map { $0.serial } == model[address]?.queued.map { $0.serial })
                #expect(table.count == model.count)
                #expect(table.read(address) { $0.queued.map { $0.serial } } == model[address]?.queued.map { $0.serial })
            }
            // every box is there, and the walk and the keys go in address order
            #expect(table.keys == model.keys.sorted())
            #expect(Array(table).map { $0.0 } == model.keys.sorted())
            for (address, box) in table {
                #expect(box.queued.count == model[address]?.queued.count)
            }
            // control: an address never registered is absent
            #expect(table[MessageAddress(task: 99, type: 0)] == nil)
        }
    }

    @Test func aChangeInPlaceDoesNotCopyTheQueue() {
        var table: MessageBoxes = [:]
        let address = MessageAddress(task: 5, type: 1)
        table[address] = MessageBox(maximumSize: 8)
        table[address]?.queued.reserveCapacity(64)
        // A copy of the queue would be made while the queue still exists,
        // so it cannot land at the same address: each append, through the
        // accessor or through `update`, must leave the queue where it was,
        // and `read` must be shown that queue. (A copy of the box would
        // share it too, so this cannot tell lending from copying: the
        // instruction counts of book 7.10 do.)
        for serial in 0..<32 {
            let before = queueAddress(table, address)
            if serial % 2 == 0 {
                table[address]?.queued.append(boxMessage(UInt64(serial)))
            } else {
                table.update(address) { $0.queued.append(boxMessage(UInt64(serial))) }
            }
            let seen = table.read(address) { $0.queued.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
            #expect(queueAddress(table, address) == before && seen == before, "append \(serial) moved the queue")
        }
        #expect(table.read(address) { $0.queued.count } == 32)
        // no box there: update and read do nothing
        let absent = MessageAddress(task: 5, type: 2)
        #expect(table.update(absent) { $0.queued.removeAll() } == nil && table.read(absent) { _ in true } == nil)
        #expect(table.count == 1)
        // control: a copy held outside the table makes the next append copy
        let held = table[address]
        let before = queueAddress(table, address)
        table[address]?.queued.append(boxMessage(32))
        #expect(queueAddress(table, address) != before)
        #expect(held?.queued.count == 32)
    }

    /// Where the queue of the box at `address` keeps its messages.
    func queueAddress(_ table: MessageBoxes, _ address: MessageAddress) -> UInt? {
        table[address]?.queued.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }

    @Test func assigningNilThroughAChangeRemovesTheBox() {
        var table: MessageBoxes = [MessageAddress(task: 1, type: 1): MessageBox(maximumSize: 4),
                                   MessageAddress(task: 1, type: 2): MessageBox(maximumSize: 4)]
        table[MessageAddress(task: 1, type: 1)] = nil
        #expect(table.keys == [MessageAddress(task: 1, type: 2)])
        #expect(table.removeValue(forKey: MessageAddress(task: 1, type: 1)) == nil)
        #expect(table.count == 1)
    }
}
