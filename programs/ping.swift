// programs/ping.swift -- the asking half of the ping-pong test.
//
// Arguments: pong's task (low, high words), the message size, and
// rounds + 0x10000 when sending synchronously (transmit) rather than
// asynchronously (send). Each round ping fills a message with the
// round's pattern, sends it to pong as type 1, and checks that the
// answer (type 2) comes back the same size with the same bytes, from
// pong. Exit value: the rounds done, or 0xBAD0_0000 + the round that
// went wrong (the status, or 0xFF for wrong bytes, 0xFE for a wrong
// sender, in the low byte).

let pingType: UInt32 = 1
let pongType: UInt32 = 2
/// `invalidArgument`: pong has not registered its type yet.
let notRegistered: UInt32 = 5

nonisolated(unsafe) var message = MessageBuffer()

@_cdecl("program_main")
func programMain(_ pongLow: UInt32, _ pongHigh: UInt32, _ size: UInt32, _ mode: UInt32) -> UInt32 {
    let pong = UInt64(pongLow) | UInt64(pongHigh) << 32
    let rounds = mode & 0xFFFF
    let synchronous = mode >> 16 != 0
    let registered = System.register(type: pongType, maximumSize: MessageBuffer.capacity)
    if registered != System.ok {
        return 0xBAD0_0000 | registered
    }
    var round: UInt32 = 0
    while round < rounds {
        message.fill(Int(size), seed: round)
        var status = notRegistered
        while status == notRegistered {
            status = message.withAddress { address in
                synchronous
                    ? System.transmit(to: pong, type: pingType, address, Int(size))
                    : System.send(to: pong, type: pingType, address, Int(size))
            }
            if status == notRegistered {
                _ = System.yield()
            }
        }
        if status != System.ok {
            return 0xBAD0_0000 | round << 8 | status
        }
        message.fill(Int(size), seed: 0xFFFF)
        let answer = message.withAddress { System.receive(type: pongType, $0, MessageBuffer.capacity) }
        if answer.status != System.ok {
            return 0xBAD0_0000 | round << 8 | answer.status
        }
        if answer.sender != pong {
            return 0xBAD0_0000 | round << 8 | 0xFE
        }
        if answer.size != size || !message.holds(Int(size), seed: round) {
            return 0xBAD0_0000 | round << 8 | 0xFF
        }
        round += 1
    }
    return rounds
}
