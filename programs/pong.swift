// programs/pong.swift -- the echo half of the ping-pong test.
//
// Arguments: rounds, the message size, whether to answer synchronously
// (transmit) or not (send). pong accepts messages of type 1 (up to
// 10,000 bytes), checks each one (size, every byte, its sender) and sends
// it back to its sender as type 2. Exit value: the rounds done, or
// 0xBAD0_0000 + the round that went wrong (status in the low byte).

/// The ping message type, and the type of the answers.
let pingType: UInt32 = 1
let pongType: UInt32 = 2

nonisolated(unsafe) var message = MessageBuffer()

@_cdecl("program_main")
func programMain(_ rounds: UInt32, _ size: UInt32, _ synchronous: UInt32, _ unused: UInt32) -> UInt32 {
    let registered = System.register(type: pingType, maximumSize: MessageBuffer.capacity)
    if registered != System.ok {
        return 0xBAD0_0000 | registered
    }
    var round: UInt32 = 0
    while round < rounds {
        let received = message.withAddress { System.receive(type: pingType, $0, MessageBuffer.capacity) }
        if received.status != System.ok {
            return 0xBAD0_0000 | round << 8 | received.status
        }
        if received.size != size || !message.holds(Int(size), seed: round) {
            return 0xBAD0_0000 | round << 8 | 0xFF
        }
        let status = message.withAddress { address in
            synchronous != 0
                ? System.transmit(to: received.sender, type: pongType, address, Int(size))
                : System.send(to: received.sender, type: pongType, address, Int(size))
        }
        if status != System.ok {
            return 0xBAD0_0000 | round << 8 | status
        }
        round += 1
    }
    return rounds
}
