// programs/bench.swift -- the IPC benchmark's programs (make bench-ipc):
// each mode measures one thing with the time-stamp counter and returns
// the counter's ticks per operation as its exit value, after a first
// round that pays for qemu translating the code.
//
//   1  null        a system call that does nothing, 10,000 times
//   2  ping        round trips with pong (mode 3): send, then receive the
//                  echo; arguments: pong's task, the size
//   3  pong        echoes messages of type 1 back as type 2; argument:
//                  the size (its exit value is the rounds it echoed)
//   4  stream      sends 1,000 messages of the size to the receiver (mode
//                  5), yielding while its box is full, then waits for its
//                  acknowledgement; arguments: the receiver, the size;
//                  exit value: ticks per message, sending to acknowledged
//   5  sink        receives messages of type 1 until the count; argument:
//                  the size; acknowledges with one type-2 message

internal import User

let rounds: UInt32 = 1000
let pingType: UInt32 = 1
let pongType: UInt32 = 2
/// `exhausted`: the receiver's box is full.
let full: UInt32 = 6
/// `invalidArgument`: the receiver has not registered yet.
let notRegistered: UInt32 = 5

nonisolated(unsafe) var message = MessageBuffer()

/// Ticks since `start`, in 32 bits (a 64-bit division would need a
/// helper programs do not have; every measured loop lasts well under
/// 2^32 ticks).
func elapsed(since start: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: user_cycles() &- start)
}

/// Sends until the box takes it (it may not be registered yet, or full).
func sendSurely(to task: UInt64, type: UInt32, _ size: Int) -> UInt32 {
    while true {
        let status = message.withAddress { System.send(to: task, type: type, $0, size) }
        if status != full && status != notRegistered {
            return status
        }
        _ = System.yield()
    }
}

/// Receives one message of `type`; its status.
func receiveOne(_ type: UInt32) -> UInt32 {
    message.withAddress { System.receive(type: type, $0, MessageBuffer.capacity) }.status
}

@_cdecl("program_main")
func programMain(_ mode: UInt32, _ taskLow: UInt32, _ taskHigh: UInt32, _ size: UInt32) -> UInt32 {
    let partner = UInt64(taskLow) | UInt64(taskHigh) << 32
    switch mode {
    case 1:
        _ = System.null()
        let start = user_cycles()
        for _ in 0..<10_000 {
            _ = System.null()
        }
        return elapsed(since: start) / 10_000
    case 2:
        if System.register(type: pongType, maximumSize: MessageBuffer.capacity) != System.ok { return 0xBAD0_0001 }
        var start: UInt64 = 0
        for round in 0...rounds {
            if round == 1 { start = user_cycles() }
            if sendSurely(to: partner, type: pingType, Int(size)) != System.ok { return 0xBAD0_0002 }
            if receiveOne(pongType) != System.ok { return 0xBAD0_0003 }
        }
        return elapsed(since: start) / rounds
    case 3:
        if System.register(type: pingType, maximumSize: MessageBuffer.capacity) != System.ok { return 0xBAD0_0001 }
        for _ in 0...rounds {
            let received = message.withAddress { System.receive(type: pingType, $0, MessageBuffer.capacity) }
            if received.status != System.ok { return 0xBAD0_0002 }
            if sendSurely(to: received.sender, type: pongType, Int(received.size)) != System.ok { return 0xBAD0_0003 }
        }
        return rounds
    case 4:
        if System.register(type: pongType, maximumSize: 16) != System.ok { return 0xBAD0_0001 }
        if sendSurely(to: partner, type: pingType, Int(size)) != System.ok { return 0xBAD0_0002 }
        let start = user_cycles()
        for _ in 0..<rounds {
            if sendSurely(to: partner, type: pingType, Int(size)) != System.ok { return 0xBAD0_0003 }
        }
        if receiveOne(pongType) != System.ok { return 0xBAD0_0004 }
        return elapsed(since: start) / rounds
    case 5:
        if System.register(type: pingType, maximumSize: MessageBuffer.capacity) != System.ok { return 0xBAD0_0001 }
        var sender: UInt64 = 0
        for _ in 0...rounds {
            let received = message.withAddress { System.receive(type: pingType, $0, MessageBuffer.capacity) }
            if received.status != System.ok { return 0xBAD0_0002 }
            sender = received.sender
        }
        return sendSurely(to: sender, type: pongType, 4)
    default:
        return 0xBAD0_00FF
    }
}
