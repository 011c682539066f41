// programs/messages.swift -- the message calls' answers, one case per run
// (the first argument picks it), the program sending to itself.
//
// Exit value: the status a refused call returned, or 0 when every step
// of the case went right, or 0xBAD0_00SS when step SS went wrong.

let typeA: UInt32 = 1
let typeB: UInt32 = 2

nonisolated(unsafe) var message = MessageBuffer()
/// Room for the largest message (mode 13).
nonisolated(unsafe) var large: InlineArray<65536, UInt8> = .init(repeating: 0)

/// 0 if `condition`, else the failure of `step`.
func step(_ number: UInt32, _ condition: Bool) -> UInt32 {
    condition ? 0 : 0xBAD0_0000 | number
}

@_cdecl("program_main")
func programMain(_ mode: UInt32, _ taskLow: UInt32, _ taskHigh: UInt32, _ unused: UInt32) -> UInt32 {
    let me = System.identity()
    let registered = System.register(type: typeA, maximumSize: 1000)
    if registered != System.ok {
        return 0xBAD0_0000 | registered
    }
    switch mode {
    case 1:  // poll an empty box
        return message.withAddress { System.poll(type: typeA, $0, MessageBuffer.capacity) }.status
    case 2:  // one byte more than registered
        return message.withAddress { System.send(to: me, type: typeA, $0, 1001) }
    case 3:  // to the task given in the arguments (a dead one)
        return message.withAddress { System.send(to: UInt64(taskLow) | UInt64(taskHigh) << 32, type: typeA, $0, 8) }
    case 4:  // a type nobody registered
        return message.withAddress { System.send(to: me, type: 77, $0, 8) }
    case 5:  // register a type twice
        return System.register(type: typeA, maximumSize: 10)
    case 6:  // size and sender reported right
        message.fill(777, seed: 6)
        let sent = message.withAddress { System.send(to: me, type: typeA, $0, 777) }
        if sent != System.ok { return 0xBAD0_0100 | sent }
        message.fill(777, seed: 0)
        // a buffer of exactly the message's size is big enough
        let received = message.withAddress { System.receive(type: typeA, $0, 777) }
        return step(1, received.status == System.ok) | step(2, received.size == 777)
            | step(3, received.sender == me) | step(4, message.holds(777, seed: 6))
    case 7:  // a receiver of one type leaves the other queued
        if System.register(type: typeB, maximumSize: 1000) != System.ok { return 0xBAD0_0200 }
        message.fill(10, seed: 1)
        let first = message.withAddress { System.send(to: me, type: typeA, $0, 10) }
        message.fill(20, seed: 2)
        let second = message.withAddress { System.send(to: me, type: typeB, $0, 20) }
        if first != System.ok || second != System.ok { return 0xBAD0_0300 }
        let b = message.withAddress { System.receive(type: typeB, $0, MessageBuffer.capacity) }
        let bRight = b.status == System.ok && b.size == 20 && message.holds(20, seed: 2)
        let emptyB = message.withAddress { System.poll(type: typeB, $0, MessageBuffer.capacity) }.status
        let a = message.withAddress { System.poll(type: typeA, $0, MessageBuffer.capacity) }
        let aRight = a.status == System.ok && a.size == 10 && message.holds(10, seed: 1)
        return step(1, bRight) | step(2, emptyB == System.empty) | step(3, aRight)
    case 8:  // a flood: the box takes its limit, then says `exhausted`
        var sent: UInt32 = 0
        while sent < 1000 {
            let status = message.withAddress { System.send(to: me, type: typeA, $0, 4) }
            if status != System.ok {
                return status << 16 | sent
            }
            sent += 1
        }
        return 0xBAD0_0400
    case 9:  // a thousand null calls, then its own identity's low word
        var count = 0
        while count < 1000 {
            if System.null() != System.ok { return 0xBAD0_0500 }
            count += 1
        }
        return UInt32(truncatingIfNeeded: me)
    case 10:  // transmit 100 bytes to the task in the arguments, type 5
        message.fill(100, seed: 10)
        return message.withAddress { System.transmit(to: UInt64(taskLow) | UInt64(taskHigh) << 32, type: 5, $0, 100) }
    case 11:  // wait for a 50-byte message from the task in the arguments
        message.fill(50, seed: 0)
        let received = message.withAddress { System.receive(type: typeA, $0, MessageBuffer.capacity) }
        return step(1, received.status == System.ok) | step(2, received.size == 50)
            | step(3, received.sender == UInt64(taskLow) | UInt64(taskHigh) << 32) | step(4, message.holds(50, seed: 11))
    case 12:  // two messages of one type: a poll looks at the oldest
        message.fill(10, seed: 12)
        let small = message.withAddress { System.send(to: me, type: typeA, $0, 10) }
        let large = message.withAddress { System.send(to: me, type: typeA, $0, 20) }
        if small != System.ok || large != System.ok { return 0xBAD0_0600 }
        let first = message.withAddress { System.poll(type: typeA, $0, 10) }
        let second = message.withAddress { System.poll(type: typeA, $0, 20) }
        return step(1, first.status == System.ok && first.size == 10) | step(2, second.status == System.ok && second.size == 20)
    case 13:  // the largest message there is, 64 KiB, to itself and back
        if System.register(type: typeB, maximumSize: 65536) != System.ok { return 0xBAD0_0700 }
        let sent = withUnsafeMutablePointer(to: &large) { System.send(to: me, type: typeB, UnsafeRawPointer($0), 65536) }
        if sent != System.ok { return 0xBAD0_0800 | sent }
        let received = withUnsafeMutablePointer(to: &large) { System.receive(type: typeB, UnsafeMutableRawPointer($0), 65536) }
        return step(1, received.status == System.ok) | step(2, received.size == 65536)
    default:
        return 0xBAD0_00FF
    }
}
