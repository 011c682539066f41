// programs/ticker.swift -- a program (ring 3) that takes a timer's
// expiries as messages (reference/timer/timer_message.swift), for the
// timer-message test.
//
// Its first argument is how many expiries to wait for, the next two the
// kernel's task (low, high), which sends them. It registers the type of
// timer messages (0xF0000000, 16 bytes), takes that many, checks each
// one's size and sender, and exits with the count plus, in the bits from
// 8 up, the milliseconds between the first expiry and the last (both
// read from the messages). Failures: 0xBAD0_00SS (SS: 1 register,
// 2 receive, 3 size, 4 sender, 5 a clock that went back).

nonisolated(unsafe) var message = MessageBuffer()

/// The type of timer expiries.
let timerType: UInt32 = 0xF000_0000

/// The clock word of the expiry in the buffer (bytes 8 to 15).
func expiryClock() -> UInt64 {
    var clock: UInt64 = 0
    for index in 0..<8 {
        clock |= UInt64(message.bytes[8 + index]) << (8 * UInt64(index))
    }
    return clock
}

@_cdecl("program_main")
func programMain(_ count: UInt32, _ kernelLow: UInt32, _ kernelHigh: UInt32, _ unused3: UInt32) -> UInt32 {
    let kernel = UInt64(kernelLow) | UInt64(kernelHigh) << 32
    if System.register(type: timerType, maximumSize: 16) != System.ok { return 0xBAD0_0001 }
    var first: UInt64 = 0, last: UInt64 = 0
    for index in 0..<count {
        let received = message.withAddress { System.receive(type: timerType, $0, 16) }
        if received.status != System.ok { return 0xBAD0_0002 }
        if received.size != 16 { return 0xBAD0_0003 }
        if received.sender != kernel { return 0xBAD0_0004 }
        let clock = expiryClock()
        if index == 0 {
            first = clock
        } else if clock <= last {
            return 0xBAD0_0005
        }
        last = clock
    }
    return count | UInt32(truncatingIfNeeded: last - first) << 8
}
