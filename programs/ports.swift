// programs/ports.swift -- a driver's two ways to the hardware, for the I/O
// rights and interrupt tests (its first argument picks the mode).
//
//   1  read the port given: exit value 0x100 + the byte (if the task may
//      use the port; otherwise the kernel kills it)
//   2  wait for one interrupt delivered as a message of the type given
//      (EventManager.messageType): exit value 0x200 + the event's number,
//      or 0xBAD0_00SS (SS: 1 register, 2 receive, 3 size, 4 sender)

internal import User

nonisolated(unsafe) var message = MessageBuffer()

@_cdecl("program_main")
func programMain(_ mode: UInt32, _ word: UInt32, _ senderLow: UInt32, _ senderHigh: UInt32) -> UInt32 {
    switch mode {
    case 1:
        return 0x100 | user_port_read(word)
    case 2:
        if System.register(type: word, maximumSize: 16) != System.ok { return 0xBAD0_0001 }
        let received = message.withAddress { System.receive(type: word, $0, MessageBuffer.capacity) }
        if received.status != System.ok { return 0xBAD0_0002 }
        if received.size != 1 { return 0xBAD0_0003 }
        if received.sender != UInt64(senderLow) | UInt64(senderHigh) << 32 { return 0xBAD0_0004 }
        return 0x200 | UInt32(message.bytes[0])
    default:
        return 0xBAD0_00FF
    }
}
